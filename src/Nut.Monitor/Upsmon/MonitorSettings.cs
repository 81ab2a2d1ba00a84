using Nut.Core.Config;

namespace Nut.Monitor.Upsmon;

/// <summary>upsmon.conf's global values as the state machine uses them (a snapshot: a reload makes a new one).</summary>
public sealed record MonitorSettings
{
    /// <summary>upsmon sleeps this long after its first pass, whatever POLLFREQ says, until a UPS is first
    /// seen on line (→ POLLFREQ) or on battery (→ POLLFREQALERT) — NUT 2.8.0's initial value (observed).</summary>
    public const int InitialSleepSeconds = 5;

    public int MinSupplies { get; init; } = 1;
    public int PollFreq { get; init; } = 5;
    public int PollFreqAlert { get; init; } = 5;
    public int HostSync { get; init; } = 15;
    public int DeadTime { get; init; } = 15;
    public int RbWarnTime { get; init; } = 43200;
    public int NoCommWarnTime { get; init; } = 300;
    public int FinalDelay { get; init; } = 5;
    public string? ShutdownCmd { get; init; }
    public string? NotifyCmd { get; init; }
    public string? PowerDownFlag { get; init; }
    public bool ForceSsl { get; init; }
    /// <summary>The configuration the messages and flags come from (NOTIFYMSG / NOTIFYFLAG).</summary>
    public required UpsmonConf Conf { get; init; }

    public string Message(string type) => Conf.Message(type);
    public NotifyFlags Flags(string type) => Conf.Flags(type);

    /// <summary>Takes the values of <paramref name="conf"/> (which already applied NUT's checks: a negative
    /// POLLFREQ, POLLFREQALERT, FINALDELAY or MINSUPPLIES is ignored there with NUT's warning).</summary>
    public static MonitorSettings From(UpsmonConf conf) => new()
    {
        Conf = conf,
        MinSupplies = conf.MinSupplies,
        PollFreq = conf.PollFreq,
        PollFreqAlert = conf.PollFreqAlert,
        HostSync = conf.HostSync,
        DeadTime = conf.DeadTime,
        RbWarnTime = conf.RbWarnTime,
        NoCommWarnTime = conf.NoCommWarnTime,
        FinalDelay = conf.FinalDelay,
        ShutdownCmd = conf.ShutdownCmd,
        NotifyCmd = conf.NotifyCmd,
        PowerDownFlag = conf.PowerDownFlag,
        ForceSsl = conf.ForceSsl,
    };
}
