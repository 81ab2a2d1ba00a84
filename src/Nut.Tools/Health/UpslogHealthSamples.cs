using Nut.Core.Health;
using Nut.Tools.Plot;

namespace Nut.Tools.Health;

/// <summary>An upslog file as battery-health samples: charge, load, runtime and on-battery, where it logs them.</summary>
public static class UpslogHealthSamples
{
    /// <summary>Reads the samples; <paramref name="missing"/> names what the format does not log but the
    /// analysis needs (battery.charge, ups.load, ups.status).</summary>
    public static List<HealthSample> From(UpslogData data, out List<string> missing)
    {
        int charge = data.IndexOf("battery.charge"), load = data.IndexOf("ups.load"), runtime = data.IndexOf("battery.runtime");
        missing = [];
        if (charge < 0) missing.Add("battery.charge");
        if (load < 0) missing.Add("ups.load");
        if (data.StatusVariable < 0) missing.Add("ups.status");
        var samples = new List<HealthSample>(data.Count);
        for (int row = 0; row < data.Count; row++)
        {
            var t = data.Times[row];
            var time = t.Kind == DateTimeKind.Utc ? new DateTimeOffset(t) : new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Local));
            samples.Add(new HealthSample(time, charge < 0 ? null : data.Number(charge, row), load < 0 ? null : data.Number(load, row),
                runtime < 0 ? null : data.Number(runtime, row), data.OnBattery(row) == true));
        }
        return samples;
    }
}
