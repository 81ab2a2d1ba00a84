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

/// <summary>upsmon's notification types with NUT's stock messages and default flags (spec/upsmon.md).</summary>
public static class NotifyTypes
{
    public sealed record Info(string Name, string DefaultMessage, NotifyFlags DefaultFlags);

    const NotifyFlags Usual = NotifyFlags.Syslog | NotifyFlags.Wall;

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
        new("NOTCAL", "UPS %s: calibration finished", NotifyFlags.Syslog),
        new("OFF", "UPS %s: administratively OFF or asleep", NotifyFlags.Syslog),
        new("NOTOFF", "UPS %s: no longer administratively OFF or asleep", NotifyFlags.Syslog),
        new("BYPASS", "UPS %s: on bypass (powered, not protecting)", NotifyFlags.Syslog),
        new("NOTBYPASS", "UPS %s: no longer on bypass", NotifyFlags.Syslog),
    ];

    /// <summary>The type with that name (case-insensitive, as NUT matches it), or null.</summary>
    public static Info? Find(string name) => All.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
