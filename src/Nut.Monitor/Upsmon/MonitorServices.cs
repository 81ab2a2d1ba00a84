using Nut.Core.Config;
using Nut.Monitor.Common;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// Everything the upsmon state machine touches outside itself, so that the same <see cref="MonitorEngine"/>
/// runs a real machine's shutdown or a simulated one in virtual time.
/// </summary>
/// <param name="Time">The clock: upsmon works in whole seconds of it, as NUT works in time_t.</param>
/// <param name="Sleeper">How to wait (between polls, 250 ms steps while waiting for secondaries, FINALDELAY).</param>
/// <param name="Upsd">Connections to upsd.</param>
/// <param name="Log">Log lines (and NOTIFYFLAG SYSLOG).</param>
/// <param name="Wall">NOTIFYFLAG WALL and the shutdown broadcast.</param>
/// <param name="Commands">NOTIFYCMD.</param>
/// <param name="Shutdown">POWERDOWNFLAG and SHUTDOWNCMD: this process, or the privileged parent.</param>
public sealed record MonitorServices(
    TimeProvider Time,
    ISleeper Sleeper,
    IUpsdConnector Upsd,
    IMonitorLog Log,
    IWall Wall,
    ICommandRunner Commands,
    IShutdownAgent Shutdown)
{
    /// <summary>The privileged parent, in split-process mode (null with <c>-p</c>): checked every pass, and
    /// SHUTDOWNCMD/POWERDOWNFLAG changes on reload only warn because the parent keeps its values.</summary>
    public IParentWatch? Parent { get; init; }

    /// <summary>Reads upsmon.conf again for a reload (SIGHUP), over the current configuration (NUT keeps the
    /// value of a directive deleted from the file); throws <see cref="ConfigException"/> when it cannot.</summary>
    public Func<UpsmonConf, UpsmonConf>? Reload { get; init; }

    /// <summary>NOTIFYCHANNEL delivery (a NutSharp extension): every notification that is not ignored is
    /// queued there; it never blocks. Null: no channels.</summary>
    public Channels.NotificationDispatcher? Channels { get; init; }
}
