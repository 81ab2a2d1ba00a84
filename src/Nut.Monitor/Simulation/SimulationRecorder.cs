using Nut.Monitor.Common;
using Nut.Monitor.Upsmon;

namespace Nut.Monitor.Simulation;

/// <summary>
/// The timeline a simulation writes, and the stand-ins that write it: a log, a wall and a shutdown agent
/// that record instead of acting (the shutdown agent can also really run SHUTDOWNCMD through a given
/// runner, for a drill that wants the real thing). Thread-safe: in real time, upssched's timers fire on
/// other threads.
/// </summary>
public sealed class SimulationRecorder(Func<TimeSpan> elapsed, IMonitorLog? forward = null, bool recordDebug = false)
    : IMonitorLog, IWall
{
    readonly List<SimulationEvent> _events = [];

    public IReadOnlyList<SimulationEvent> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    /// <summary>Raised for each event as it is recorded (a drill can print the timeline live).</summary>
    public event Action<SimulationEvent>? Recorded;

    public TimeSpan Elapsed => elapsed();

    public void Record(SimulationEvent e)
    {
        lock (_events)
            _events.Add(e);
        Recorded?.Invoke(e);
    }

    public void Record(SimulationEventKind kind, string text, string? ups = null) =>
        Record(new SimulationEvent(elapsed(), kind, text) { Ups = ups });

    public void Log(MonitorLogLevel level, string message)
    {
        Record(SimulationEventKind.Log, message);
        forward?.Log(level, message);
    }

    public void Debug(int level, string message)
    {
        if (recordDebug)
            Record(SimulationEventKind.Log, $"[D{level}] {message}");
        forward?.Debug(level, message);
    }

    public void Send(string text) => Record(SimulationEventKind.Wall, text.TrimEnd('\n'));
}

/// <summary>The end of a simulated shutdown: recorded, and optionally really done through <paramref name="commands"/>.</summary>
public sealed class RecordingShutdownAgent(SimulationRecorder recorder, ICommandRunner? commands) : IShutdownAgent
{
    public void Shutdown(MonitorSettings settings)
    {
        if (settings.PowerDownFlag is { } flag)
        {
            recorder.Record(SimulationEventKind.PowerDownFlag, flag);
            if (commands is not null && !PowerDownFlag.Write(flag))
                recorder.Log(MonitorLogLevel.Error, "Failed to create power down flag!");
        }
        if (settings.ShutdownCmd is { } cmd)
        {
            recorder.Record(SimulationEventKind.ShutdownCommand, cmd);
            if (commands is not null && commands.Run(cmd) != 0)
                recorder.Log(MonitorLogLevel.Error, $"Unable to call shutdown command: {cmd}");
        }
    }
}

/// <summary>Adds fixed variables to every command's environment (a process's own environment, simulated).</summary>
public sealed class EnvironmentCommandRunner(ICommandRunner inner, IReadOnlyDictionary<string, string> environment) : ICommandRunner
{
    public int Run(string commandLine, IReadOnlyDictionary<string, string>? env = null) => inner.Run(commandLine, Merge(env));

    public bool Start(string commandLine, IReadOnlyDictionary<string, string>? env = null) => inner.Start(commandLine, Merge(env));

    Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? env)
    {
        var merged = new Dictionary<string, string>(environment);
        if (env is not null)
            foreach (var (k, v) in env)
                merged[k] = v;
        return merged;
    }
}

/// <summary>Records each command (as <paramref name="kind"/>) and passes it on to <paramref name="inner"/>, or
/// only records it (status 0) when there is none.</summary>
public sealed class RecordingCommandRunner(SimulationRecorder recorder, SimulationEventKind kind, ICommandRunner? inner) : ICommandRunner
{
    public int Run(string commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        Record(commandLine, environment);
        return inner?.Run(commandLine, environment) ?? 0;
    }

    public bool Start(string commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        Record(commandLine, environment);
        return inner?.Start(commandLine, environment) ?? true;
    }

    void Record(string commandLine, IReadOnlyDictionary<string, string>? environment) =>
        recorder.Record(new SimulationEvent(recorder.Elapsed, kind, commandLine)
        {
            Ups = environment?.GetValueOrDefault("UPSNAME") is { Length: > 0 } u ? u : null,
            NotifyType = environment?.GetValueOrDefault("NOTIFYTYPE"),
            Environment = environment is null ? null : new Dictionary<string, string>(environment),
        });
}
