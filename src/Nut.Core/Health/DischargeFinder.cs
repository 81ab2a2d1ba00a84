namespace Nut.Core.Health;

/// <summary>
/// Finds the discharges in a history: runs of on-battery samples with a charge and a load, long enough and deep
/// enough to measure (a two-second blip says nothing about the battery). A gap in the samples longer than
/// <see cref="MaxGap"/> ends a run: what happened in between is unknown.
/// </summary>
public static class DischargeFinder
{
    /// <summary>Less than this fall of charge is within the rounding of what UPSes report (whole percents).</summary>
    public const double MinChargeUsed = 5;
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(5);

    public static List<Discharge> Find(IEnumerable<HealthSample> samples)
    {
        var found = new List<Discharge>();
        var run = new List<HealthSample>();
        HealthSample? previous = null;
        foreach (var s in samples.OrderBy(s => s.Time))
        {
            bool usable = s.OnBattery && s.Charge is not null && s.Load is not null;
            bool gap = previous is { } p && s.Time - p.Time > MaxGap;
            if (!usable || gap)
            {
                Close(run, found);
                run.Clear();
            }
            if (usable)
                run.Add(s);
            previous = s;
        }
        Close(run, found);
        return found;
    }

    static void Close(List<HealthSample> run, List<Discharge> found)
    {
        if (run.Count < 2)
            return;
        var first = run[0];
        var last = run[^1];
        // The highest charge seen at the start: some UPSes report the drop a poll late.
        double start = run.TakeWhile(s => s.Time - first.Time < TimeSpan.FromSeconds(30)).Max(s => s.Charge!.Value);
        double end = last.Charge!.Value;
        if (start - end < MinChargeUsed || last.Time - first.Time < MinDuration)
            return;
        double load = run.Average(s => s.Load!.Value);
        if (load <= 0)
            return;
        found.Add(new Discharge(first.Time, last.Time, start, end, load, first.Runtime));
    }
}
