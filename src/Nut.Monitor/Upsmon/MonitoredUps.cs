using Nut.Core.Config;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// One MONITOR line and everything upsmon remembers about it (spec/upsmon.md §2): flags, the communication
/// and line state (-1 = not known yet, which is what makes the first OL silent and the first failure a
/// COMMBAD), and the times of the last good poll, the last non-critical status, and the last RB and NOCOMM
/// warnings — whole seconds since the epoch, 0 meaning never.
/// </summary>
public sealed class MonitoredUps
{
    public MonitoredUps(MonitorEntry entry)
    {
        System = entry.System;
        UpsName = entry.UpsName;
        Host = entry.Host;
        Port = entry.Port;
        Apply(entry);
    }

    /// <summary>The MONITOR system string as written (the display name, %s in messages, UPSNAME).</summary>
    public string System { get; }
    public string UpsName { get; }
    public string Host { get; }
    public int Port { get; }
    public int PowerValue { get; internal set; }
    public string User { get; internal set; } = "";
    public string Password { get; internal set; } = "";

    public UpsFlags Flags { get; internal set; }
    /// <summary>1 = talking to upsd, 0 = lost, -1 = not known yet (start-up).</summary>
    public int CommState { get; internal set; } = -1;
    /// <summary>1 = on line, 0 = on battery, -1 = not known yet.</summary>
    public int LineState { get; internal set; } = -1;
    public long LastPoll { get; internal set; }
    public long LastNonCritical { get; internal set; }
    public long LastReplaceBatteryWarning { get; internal set; }
    public long LastNoCommWarning { get; internal set; }

    /// <summary>When this UPS was first seen on battery in the current outage (seconds), or 0 while on line.</summary>
    public long OnBatterySince { get; internal set; }
    /// <summary>The SHUTDOWNRULE that made this UPS critical in the current outage, or null.</summary>
    public ShutdownRule? RuleFired { get; internal set; }
    /// <summary>The rules of this UPS whose variable the server said it does not have (reported once).</summary>
    internal HashSet<ShutdownRule> RulesReportedUnusable { get; } = [];
    /// <summary>True once the rules' variables have been asked for (the first good poll).</summary>
    internal bool RulesLookedAt { get; set; }

    /// <summary>The open connection to upsd, while <see cref="UpsFlags.Connected"/>.</summary>
    internal IUpsdSession? Session { get; set; }

    public bool Is(UpsFlags flag) => (Flags & flag) == flag;
    internal void Set(UpsFlags flag) => Flags |= flag;
    internal void Clear(UpsFlags flag) => Flags &= ~flag;

    public bool IsPrimary => Is(UpsFlags.Primary);

    internal void Apply(MonitorEntry entry)
    {
        PowerValue = entry.PowerValue;
        User = entry.User;
        Password = entry.Password;
        if (entry.IsPrimary) Set(UpsFlags.Primary);
        else Clear(UpsFlags.Primary);
    }

    public override string ToString() => $"{System} [{Flags}] comm={CommState} line={LineState}";
}
