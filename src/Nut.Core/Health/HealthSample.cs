namespace Nut.Core.Health;

/// <summary>One reading of a UPS, as history keeps it (upslog lines, upsweb's samples). Null: not reported.</summary>
public readonly record struct HealthSample(DateTimeOffset Time, double? Charge, double? Load, double? Runtime, bool OnBattery);

/// <summary>
/// One discharge seen in the history: a run of on-battery samples during which the charge fell. Its rate at
/// its mean load is what the UPS's battery really delivers, whatever the UPS's own runtime figure says.
/// </summary>
public sealed record Discharge(DateTimeOffset Start, DateTimeOffset End, double ChargeStart, double ChargeEnd, double MeanLoad,
    double? ReportedRuntimeAtStart)
{
    public double Seconds => (End - Start).TotalSeconds;

    public double ChargeUsed => ChargeStart - ChargeEnd;

    /// <summary>Seconds a full battery would last at this discharge's load, at the rate it fell.</summary>
    public double FullRuntime => Seconds * 100 / ChargeUsed;
}
