namespace Nut.Web.Watching;

/// <summary>How bad a UPS's state is: the dashboard's colour, and the order alerts are raised in.</summary>
public enum Severity { Ok, Info, Warning, Critical, Unknown }

/// <summary>
/// ups.status in words. NUT's flags (spec/variables.md) are terse; a dashboard reader wants "On battery,
/// low battery" and a colour. The headline names the flags that matter most first.
/// </summary>
public static class UpsStatus
{
    /// <summary>Every flag NUT drivers set, most important first, with its words and severity.</summary>
    static readonly (string Flag, string Words, Severity Severity)[] Known =
    [
        ("FSD", "forced shutdown", Severity.Critical),
        ("LB", "low battery", Severity.Critical),
        ("OFF", "output off", Severity.Critical),
        ("OVER", "overload", Severity.Critical),
        ("OB", "on battery", Severity.Warning),
        ("RB", "replace battery", Severity.Warning),
        ("BYPASS", "on bypass", Severity.Warning),
        ("ALARM", "alarm", Severity.Warning),
        ("HB", "high battery", Severity.Warning),
        ("CAL", "calibrating", Severity.Info),
        ("TEST", "self-test running", Severity.Info),
        ("OL", "on line", Severity.Ok),
        ("CHRG", "charging", Severity.Ok),
        ("DISCHRG", "discharging", Severity.Ok),
        ("TRIM", "trimming voltage", Severity.Ok),
        ("BOOST", "boosting voltage", Severity.Ok),
        ("ECO", "eco mode", Severity.Ok),
    ];

    /// <summary>The flags the exporters always publish, 0 or 1 (what Grafana dashboards for NUT query).</summary>
    public static readonly string[] AlwaysPublishedFlags =
        ["OL", "OB", "LB", "HB", "RB", "CHRG", "DISCHRG", "BYPASS", "CAL", "OFF", "OVER", "TRIM", "BOOST", "FSD", "SD"];

    public static string[] Flags(string? status) =>
        string.IsNullOrWhiteSpace(status) ? [] : status.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The words for a set of flags, most important first; unknown flags keep their name.</summary>
    public static List<string> Words(IReadOnlyCollection<string> flags)
    {
        var words = new List<string>();
        foreach (var k in Known)
            if (flags.Contains(k.Flag))
                words.Add(k.Words);
        foreach (var f in flags)
            if (!Known.Any(k => k.Flag == f))
                words.Add(f);
        return words;
    }

    public static string WordsFor(string flag) => Known.FirstOrDefault(k => k.Flag == flag).Words ?? flag;

    /// <summary>The headline and colour of a UPS, reachability first: a UPS we cannot read is not "on line".</summary>
    public static (string Headline, Severity Severity) Describe(UpsReachability reachability, IReadOnlyCollection<string> flags)
    {
        switch (reachability)
        {
            case UpsReachability.Connecting: return ("Connecting", Severity.Unknown);
            case UpsReachability.Unreachable: return ("Unreachable", Severity.Unknown);
            case UpsReachability.UnknownUps: return ("Unknown UPS", Severity.Unknown);
            case UpsReachability.Stale: return ("Stale data", Severity.Unknown);
            case UpsReachability.DriverNotConnected: return ("Driver not connected", Severity.Unknown);
        }
        var words = Words(flags);
        if (words.Count == 0)
            return ("No status", Severity.Unknown);
        var severity = Severity.Ok;
        foreach (var k in Known)
            if (flags.Contains(k.Flag) && k.Severity > severity)
                severity = k.Severity;
        // "On line, charging" reads better than a list of every flag: keep the two most important.
        string headline = string.Join(", ", words.Take(2));
        return (char.ToUpperInvariant(headline[0]) + headline[1..], severity);
    }
}
