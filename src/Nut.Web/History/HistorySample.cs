using Nut.Web.Watching;

namespace Nut.Web.History;

/// <summary>One row of history: the values the graphs plot, at one time. Null: the UPS did not report it.</summary>
public sealed record HistorySample(string UpsId, DateTimeOffset Time, double? Charge, double? Runtime, double? Load,
    double? InputVoltage, double? OutputVoltage, double? Temperature, bool OnBattery, string? Status)
{
    public static HistorySample From(UpsSnapshot s) =>
        new(s.Id, s.Polled, s.Number("battery.charge"), s.Number("battery.runtime"), s.Number("ups.load"),
            s.Number("input.voltage"), s.Number("output.voltage"), s.Temperature, s.OnBattery, s.Get("ups.status"));
}

/// <summary>The series of a graph: one point per bucket (averages), and the on-battery periods to shade
/// ([start, end] pairs). All times are Unix milliseconds, as JavaScript's Date takes them.</summary>
public sealed record HistorySeries(long From, long To, long BucketMs, long[] Time, double?[] Charge, double?[] Runtime,
    double?[] Load, double?[] InputVoltage, double?[] OutputVoltage, double?[] Temperature, long[][] OnBattery);
