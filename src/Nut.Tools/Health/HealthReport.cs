using System.Globalization;
using System.Text;
using Nut.Core.Health;

namespace Nut.Tools.Health;

/// <summary>The words of a battery-health report, shared by nut-health and upsweb's API so both say the same.</summary>
public static class HealthReport
{
    static string Time(DateTimeOffset t) => t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Duration(double seconds) =>
        seconds >= 3600 ? $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60):00} min"
        : seconds >= 120 ? $"{seconds / 60:0} min" : $"{seconds:0} s";

    public static string Model(BatteryModel m) =>
        string.Create(CultureInfo.InvariantCulture,
            $"a full battery lasts {Duration(m.FullRuntime(m.ReferenceLoad))} at {m.ReferenceLoad:0.#} % load now (Peukert exponent {m.Exponent:0.00}, {(m.ExponentFitted ? "fitted" : "assumed: all discharges at one load")})")
        + (m.FadePercent is { } fade ? string.Create(CultureInfo.InvariantCulture, $"; capacity {(fade >= 0 ? "down" : "up")} {Math.Abs(fade):0} % since {Time(m.FirstDischarge)}") : "; too little history for a fade trend");

    public static string Discharge(Discharge d) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Time(d.Start)}: {d.ChargeStart:0} % -> {d.ChargeEnd:0} % in {Duration(d.Seconds)} at {d.MeanLoad:0.#} % load (a full battery: {Duration(d.FullRuntime)})");

    /// <summary>The estimate at the current load and charge, against what the UPS says.</summary>
    public static string Now(BatteryModel m, double load, double charge, double? upsRuntime)
    {
        double estimate = m.Runtime(load, charge);
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"at {load:0.#} % load and {charge:0} % charge the battery lasts {Duration(estimate)} by its history"));
        if (upsRuntime is { } ups && ups > 0)
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"; the UPS says {Duration(ups)} ({(ups - estimate) / estimate * 100:+0;-0} %)"));
        return sb.ToString();
    }
}
