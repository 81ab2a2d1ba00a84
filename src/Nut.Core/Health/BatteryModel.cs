namespace Nut.Core.Health;

/// <summary>
/// What the history says about the battery: the runtime of a full battery at a load, as
/// <c>T(L) = Capacity · (L / ReferenceLoad)^-Exponent</c> (Peukert's law, in the form UPS runtime tables follow:
/// double the load, a bit less than half the runtime), with <see cref="Capacity"/> the full runtime at the
/// reference load as of now. The exponent is fitted when the discharges span different loads, else the
/// lead-acid value 1.2 is assumed.
/// </summary>
public sealed record BatteryModel(double ReferenceLoad, double Capacity, double Exponent, bool ExponentFitted, int Discharges,
    double? FadePercent, DateTimeOffset FirstDischarge, double? TrendSlopePerDay = null, double? TrendIntercept = null)
{
    public const double DefaultExponent = 1.2;
    public const double MinTrendDays = 30;

    /// <summary>Seconds a full battery lasts at <paramref name="load"/> percent.</summary>
    public double FullRuntime(double load) => Capacity * Math.Pow(Math.Max(load, 1) / ReferenceLoad, -Exponent);

    /// <summary>The full runtime at the reference load as it was at <paramref name="time"/> (the fade trend), or
    /// the current capacity when there is no trend.</summary>
    public double CapacityAt(DateTimeOffset time) =>
        TrendSlopePerDay is { } slope && TrendIntercept is { } intercept
            ? intercept + slope * (time - FirstDischarge).TotalDays
            : Capacity;

    /// <summary>Seconds a discharge from <paramref name="charge"/> to <paramref name="downTo"/> at a load took (or will
    /// take) at <paramref name="time"/>.</summary>
    public double RuntimeAt(DateTimeOffset time, double load, double charge, double downTo) =>
        Math.Max(0, charge - downTo) / 100 * CapacityAt(time) * Math.Pow(Math.Max(load, 1) / ReferenceLoad, -Exponent);

    /// <summary>Seconds until the charge falls from <paramref name="charge"/> to <paramref name="downTo"/> at a load
    /// (charge falls linearly with delivered energy, which is what UPSes' charge figures approximate).</summary>
    public double Runtime(double load, double charge, double downTo = 0) =>
        Math.Max(0, charge - downTo) / 100 * FullRuntime(load);

    /// <summary>Fits the model to the discharges; null without any.</summary>
    public static BatteryModel? Fit(IReadOnlyList<Discharge> discharges, DateTimeOffset now)
    {
        if (discharges.Count == 0)
            return null;
        double reference = Math.Round(discharges.Average(d => d.MeanLoad), 1);
        // The exponent from log T = a - k log L, when the loads differ enough to tell (at one load any k fits).
        double exponent = DefaultExponent;
        bool fitted = false;
        var logs = discharges.Select(d => (X: Math.Log(d.MeanLoad), Y: Math.Log(d.FullRuntime))).ToList();
        double spread = logs.Max(p => p.X) - logs.Min(p => p.X);
        if (discharges.Count >= 3 && spread > Math.Log(1.5))
        {
            var (slope, _) = LeastSquares(logs);
            // Only a physically sensible slope: runtime falls with load, not faster than the square.
            if (-slope is > 0.8 and < 2)
            {
                exponent = -slope;
                fitted = true;
            }
        }
        // Each discharge as the full runtime at the reference load, against its age: the trend is the fade.
        var normalised = discharges.Select(d => (X: (d.Start - discharges[0].Start).TotalDays,
            Y: d.FullRuntime * Math.Pow(d.MeanLoad / reference, exponent))).ToList();
        double capacity;
        double? fade = null, trendSlope = null, trendIntercept = null;
        double days = (now - discharges[0].Start).TotalDays;
        // A trend needs discharges spread over weeks: over days, the scatter of short outages would read as fade.
        if (normalised.Count >= 3 && normalised[^1].X - normalised[0].X >= MinTrendDays)
        {
            var (slope, intercept) = LeastSquares(normalised);
            capacity = Math.Max(intercept + slope * days, normalised.Min(p => p.Y) * 0.5);
            fade = (1 - capacity / intercept) * 100;
            (trendSlope, trendIntercept) = (slope, intercept);
        }
        else
        {
            // Too few or too close together for a trend: the most recent ones say most about the battery now.
            capacity = normalised.TakeLast(3).Average(p => p.Y);
        }
        return new BatteryModel(reference, capacity, exponent, fitted, discharges.Count, fade, discharges[0].Start, trendSlope, trendIntercept);
    }

    static (double Slope, double Intercept) LeastSquares(IReadOnlyList<(double X, double Y)> points)
    {
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        if (sxx == 0)
            return (0, my);
        double slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
        return (slope, my - slope * mx);
    }
}
