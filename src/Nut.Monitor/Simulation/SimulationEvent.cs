using System.Globalization;
using System.Text;

namespace Nut.Monitor.Simulation;

/// <summary>What happened at a moment of a simulated power event.</summary>
public enum SimulationEventKind
{
    /// <summary>The scripted upsd starts answering differently (<see cref="SimulationEvent.Text"/>: the new state).</summary>
    UpsdChange,
    /// <summary>upsmon sent a notification (<see cref="SimulationEvent.NotifyType"/>, Text = the message).</summary>
    Notification,
    /// <summary>A log line from upsmon or upssched.</summary>
    Log,
    /// <summary>Text sent to wall.</summary>
    Wall,
    /// <summary>NOTIFYCMD was run (Text = the command line; Environment = UPSNAME, NOTIFYTYPE).</summary>
    NotifyCommand,
    /// <summary>upsmon said something to upsd other than a poll (connect, LOGIN, PRIMARY, FSD, LOGOUT), or a poll
    /// when <see cref="SimulationOptions.RecordPolls"/> is on. Text = the request, Reply = the answer.</summary>
    UpsdRequest,
    /// <summary>upsmon decided to shut the machine down (Text = why).</summary>
    ShutdownDecision,
    /// <summary>POWERDOWNFLAG was written (Text = the path).</summary>
    PowerDownFlag,
    /// <summary>SHUTDOWNCMD was run (Text = the command line).</summary>
    ShutdownCommand,
    /// <summary>The upssched timer daemon started (Environment = what its scripts will see).</summary>
    DaemonStarted,
    /// <summary>The upssched timer daemon exited (no timer left).</summary>
    DaemonExited,
    /// <summary>An upssched timer started (Text = its name, Seconds = its length).</summary>
    TimerStarted,
    /// <summary>An upssched timer was cancelled before it fired (Text = its name).</summary>
    TimerCancelled,
    /// <summary>An upssched timer fired (Text = its name); a <see cref="Script"/> event follows.</summary>
    TimerExpired,
    /// <summary>CMDSCRIPT was run (Text = the command line, Environment = UPSNAME, NOTIFYTYPE as it saw them).</summary>
    Script,
}

/// <summary>One entry of a simulation's timeline.</summary>
/// <param name="At">Time since the simulation started.</param>
public sealed record SimulationEvent(TimeSpan At, SimulationEventKind Kind, string Text)
{
    /// <summary>The MONITOR system string the event is about, when it is about one UPS.</summary>
    public string? Ups { get; init; }
    public string? NotifyType { get; init; }
    public string? Reply { get; init; }
    public long? Seconds { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>A readable line: <c>+MM:SS.fff  KIND  [ups]  text</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"+{(int)At.TotalMinutes:00}:{At.Seconds:00}.{At.Milliseconds:000}  {Kind}"));
        if (NotifyType is not null) sb.Append(' ').Append(NotifyType);
        if (Ups is not null) sb.Append("  [").Append(Ups).Append(']');
        sb.Append("  ").Append(Text);
        if (Seconds is not null) sb.Append(string.Create(CultureInfo.InvariantCulture, $" ({Seconds} s)"));
        if (Reply is not null) sb.Append(" -> ").Append(Reply);
        if (Environment is not null)
            sb.Append("  {").Append(string.Join(", ", Environment.Select(kv => $"{kv.Key}={kv.Value}"))).Append('}');
        return sb.ToString();
    }
}
