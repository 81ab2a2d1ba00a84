namespace Nut.Core.Config;

/// <summary>How upsmon delivers a notification (NOTIFYFLAG words).</summary>
[Flags]
public enum NotifyFlags
{
    None = 0,
    Syslog = 1,
    Wall = 2,
    Exec = 4,
    Ignore = 8,
}

/// <summary>upsmon's notification types with NUT's stock messages and default flags (spec/upsmon.md §4).</summary>
public static class NotifyTypes
{
    /// <summary>One notification type. <paramref name="Since"/> is the NUT release that introduced it: 2.8.0's
    /// upsmon knows only the first eleven and answers "Warning: invalid notify type [X]" for the others; we
    /// accept them all so that files written for newer releases load (our upsmon decides which it sends).</summary>
    public sealed record Info(string Name, string DefaultMessage, NotifyFlags DefaultFlags, string Since = "2.8.0")
    {
        /// <summary>True for the types NUT 2.8.0 itself knows.</summary>
        public bool InNut280 => Since == "2.8.0";
    }

    const NotifyFlags Usual = NotifyFlags.Syslog | NotifyFlags.Wall;

    // The first eleven were checked against Debian's 2.8.0 upsmon (spec/upsmon.md §4). The later ones carry the
    // texts of the NUT releases that added them; 2.8.0 cannot confirm those, and never sends them.
    public static readonly IReadOnlyList<Info> All =
    [
        new("ONLINE", "UPS %s on line power", Usual),
        new("ONBATT", "UPS %s on battery", Usual),
        new("LOWBATT", "UPS %s battery is low", Usual),
        new("FSD", "UPS %s: forced shutdown in progress", Usual),
        new("COMMOK", "Communications with UPS %s established", Usual),
        new("COMMBAD", "Communications with UPS %s lost", Usual),
        new("SHUTDOWN", "Auto logout and shutdown proceeding", Usual),
        new("REPLBATT", "UPS %s battery needs to be replaced", Usual),
        new("NOCOMM", "UPS %s is unavailable", Usual),
        new("NOPARENT", "upsmon parent process died - shutdown impossible", Usual),
        new("CAL", "UPS %s: calibration in progress", NotifyFlags.Syslog),
        new("OFF", "UPS %s: administratively OFF or asleep", NotifyFlags.Syslog, "2.8.1"),
        new("NOTOFF", "UPS %s: no longer administratively OFF or asleep", NotifyFlags.Syslog, "2.8.1"),
        new("BYPASS", "UPS %s: on bypass (powered, not protecting)", NotifyFlags.Syslog, "2.8.1"),
        new("NOTBYPASS", "UPS %s: no longer on bypass", NotifyFlags.Syslog, "2.8.1"),
        new("NOTCAL", "UPS %s: calibration finished", NotifyFlags.Syslog, "2.8.2"),
        new("ECO", "UPS %s: in ECO mode (as defined by vendor)", NotifyFlags.Syslog, "2.8.3"),
        new("NOTECO", "UPS %s: no longer in ECO mode", NotifyFlags.Syslog, "2.8.3"),
        new("ALARM", "UPS %s: one or more active alarms: [%s]", NotifyFlags.Syslog, "2.8.3"),
        new("NOTALARM", "UPS %s: no longer has active alarms", NotifyFlags.Syslog, "2.8.3"),
        new("OVER", "UPS %s: overloaded", NotifyFlags.Syslog, "2.8.3"),
        new("NOTOVER", "UPS %s: no longer overloaded", NotifyFlags.Syslog, "2.8.3"),
        new("TRIM", "UPS %s: trimming incoming voltage", NotifyFlags.Syslog, "2.8.3"),
        new("NOTTRIM", "UPS %s: no longer trimming incoming voltage", NotifyFlags.Syslog, "2.8.3"),
        new("BOOST", "UPS %s: boosting incoming voltage", NotifyFlags.Syslog, "2.8.3"),
        new("NOTBOOST", "UPS %s: no longer boosting incoming voltage", NotifyFlags.Syslog, "2.8.3"),
        new("OTHER", "UPS %s: has at least one unclassified status token: [%s]", NotifyFlags.Syslog, "2.8.3"),
        new("NOTOTHER", "UPS %s: has no unclassified status tokens anymore", NotifyFlags.Syslog, "2.8.3"),
        new("SUSPEND_STARTING", "OS is entering sleep/suspend/hibernate mode", NotifyFlags.Syslog, "2.8.3"),
        new("SUSPEND_FINISHED", "OS just finished sleep/suspend/hibernate mode", NotifyFlags.Syslog, "2.8.3"),
        new("SHUTDOWN_HOSTSYNC", "Shutdown initiated; primary system is waiting for secondaries to log out or time out", Usual, "2.8.5"),
    ];

    /// <summary>The type with that name (case-insensitive, as NUT matches it), or null.</summary>
    public static Info? Find(string name)
    {
        foreach (var t in All)
            if (t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return t;
        return null;
    }
}
