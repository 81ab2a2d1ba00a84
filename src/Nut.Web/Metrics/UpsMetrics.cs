using System.Text.RegularExpressions;
using Nut.Web.Watching;

namespace Nut.Web.Metrics;

/// <summary>
/// /metrics: the watched UPSes as Prometheus series, named as the two popular NUT exporters name them so their
/// Grafana dashboards work unchanged:
/// <list type="bullet">
/// <item>DRuggeri's nut_exporter: <c>network_ups_tools_&lt;variable&gt;</c> for every numeric variable (on/off
/// words as 1/0), <c>network_ups_tools_ups_status{flag="OL"}</c> 1 or 0 for each status flag (the usual ones
/// always present), <c>network_ups_tools_device_info</c> with device.* as labels;</item>
/// <item>HON95's prometheus-nut-exporter: <c>nut_battery_charge</c> (0–1), <c>nut_load</c> (0–1),
/// <c>nut_battery_runtime_seconds</c>, the voltages, <c>nut_status</c> and <c>nut_ups_info</c>.</item>
/// </list>
/// Every series has the labels <c>ups</c> (the UPS name, as both exporters) and <c>server</c> (host:port).
/// Plus <c>network_ups_tools_up</c>: 1 when the UPS can be read, and why not in <c>reason</c>.
/// </summary>
public static partial class UpsMetrics
{
    [GeneratedRegex("^(enable|enabled|on|true|active|activated)$", RegexOptions.IgnoreCase)]
    private static partial Regex OnWord();

    [GeneratedRegex("^(disable|disabled|off|false|inactive|deactivated)$", RegexOptions.IgnoreCase)]
    private static partial Regex OffWord();

    public static string Render(IEnumerable<UpsSnapshot> snapshots, Func<string, UpsDetails> details)
    {
        var text = new PrometheusText();
        foreach (var s in snapshots)
        {
            (string, string) ups = ("ups", s.Name), server = ("server", s.Server);
            bool up = s.Reachability == UpsReachability.Ok;
            text.Add("network_ups_tools_up", "Whether the UPS can be read through upsd (1) or not (0)", up ? 1 : 0,
                ups, server, ("reason", up ? "" : s.Reachability.ToString().ToLowerInvariant()));
            if (!up)
                continue;
            Druggeri(text, s, ups, server);
            Hon95(text, s, details(s.Id), ups, server);
        }
        return text.ToString();
    }

    static void Druggeri(PrometheusText text, UpsSnapshot s, (string, string) ups, (string, string) server)
    {
        var info = new List<(string, string)> { ups, server };
        foreach (var (name, value) in s.Variables)
        {
            if (name.StartsWith("device.", StringComparison.Ordinal) && name != "device.uptime")
            {
                info.Add((PrometheusText.Sanitize(name["device.".Length..]), value));
                continue;
            }
            double? number = UpsSnapshot.NumberOf(value)
                ?? (OnWord().IsMatch(value) ? 1 : OffWord().IsMatch(value) ? 0 : null);
            if (number is { } v)
                text.Add("network_ups_tools_" + PrometheusText.Sanitize(name), "NUT variable " + name, v, ups, server);
        }
        text.Add("network_ups_tools_device_info", "UPS device information (device.* variables as labels)", 1, [.. info]);
        foreach (var flag in UpsStatus.AlwaysPublishedFlags.Union(s.Flags))
            text.Add("network_ups_tools_ups_status", "UPS status flag (1: set)", s.Flags.Contains(flag) ? 1 : 0, ups, server, ("flag", flag));
    }

    static void Hon95(PrometheusText text, UpsSnapshot s, UpsDetails d, (string, string) ups, (string, string) server)
    {
        text.Add("nut_ups_info", "UPS metadata", 1, ups, server, ("description", d.Description),
            ("model", s.Get("device.model") ?? s.Get("ups.model") ?? ""), ("battery_type", s.Get("battery.type") ?? ""),
            ("driver", s.Get("driver.name") ?? ""));
        // Percentages become ratios in decimal, so 5.2 % is 0.052 and not binary floating point's 0.052000000000000005.
        void Gauge(string metric, string help, string variable, int divisor = 1)
        {
            if (s.Number(variable) is { } v)
                text.Add(metric, help, Math.Abs(v) < 1e15 ? (double)((decimal)v / divisor) : v / divisor, ups, server);
        }
        Gauge("nut_battery_charge", "Battery charge (0-1)", "battery.charge", 100);
        Gauge("nut_battery_runtime_seconds", "Seconds until the battery runs out", "battery.runtime");
        Gauge("nut_battery_volts", "Battery voltage", "battery.voltage");
        Gauge("nut_input_volts", "Input voltage", "input.voltage");
        Gauge("nut_output_volts", "Output voltage", "output.voltage");
        Gauge("nut_load", "Load (0-1)", "ups.load", 100);
        Gauge("nut_realpower_nominal_watts", "Nominal real power", "ups.realpower.nominal");
        if (s.Get("ups.beeper.status") is { } beeper)
            text.Add("nut_beeper_status", "Beeper: unknown (0), enabled (1), disabled (2), muted (3)",
                beeper switch { "enabled" => 1, "disabled" => 2, "muted" => 3, _ => 0 }, ups, server);
        double status = s.Flags.Contains("LB") ? 3 : s.Flags.Contains("OB") ? 2 : s.Flags.Contains("OL") ? 1 : 0;
        text.Add("nut_status", "Status: unknown (0), on line (1), on battery (2), low battery (3)", status, ups, server);
    }
}
