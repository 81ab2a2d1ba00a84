using Nut.Core.Config;
using Nut.Monitor.Common;
using Nut.Monitor.Upssched;

namespace Nut.Monitor.Simulation;

/// <summary>
/// upssched in a simulation: each <see cref="Invoke"/> is one run of upssched by upsmon (same rule matching
/// as the real program, <see cref="UpsschedInvocation"/>), and the timer daemon is a
/// <see cref="TimerDaemonCore"/> woken by the simulation's clock. As in NUT, the daemon starts with the
/// environment of the invocation that needed it — its timer scripts see that UPSNAME/NOTIFYTYPE, even
/// when a later event cancels or adds timers — and it exits once no timer has been pending for
/// <see cref="TimerDaemon.IdleExit"/>.
/// </summary>
public sealed class UpsschedSimulator
{
    readonly UpsschedConf _conf;
    readonly TimeProvider _time;
    readonly SimulationRecorder _recorder;
    readonly ICommandRunner? _scripts;
    readonly object _lock = new();
    TimerDaemonCore? _daemon;
    IReadOnlyDictionary<string, string>? _daemonEnvironment;
    ITimer? _wake;

    public UpsschedSimulator(UpsschedConf conf, TimeProvider time, SimulationRecorder recorder, ICommandRunner? scripts)
    {
        _conf = conf;
        _time = time;
        _recorder = recorder;
        _scripts = scripts;
    }

    /// <summary>True while the simulated timer daemon runs.</summary>
    public bool DaemonRunning
    {
        get { lock (_lock) return _daemon is not null; }
    }

    /// <summary>One upssched run with UPSNAME=<paramref name="upsName"/> and NOTIFYTYPE=<paramref name="notifyType"/>.</summary>
    public void Invoke(string upsName, string notifyType)
    {
        var env = new Dictionary<string, string> { ["UPSNAME"] = upsName, ["NOTIFYTYPE"] = notifyType };
        lock (_lock)
        {
            try
            {
                UpsschedInvocation.Run(_conf, upsName, notifyType, new Link(this, env), ScriptRunner(env), _recorder);
            }
            catch (Exception e) when (e is UpsschedConfigException or UpsschedFatalException)
            {
                // upssched exits 1 here; upsmon does not care (it never waits for NOTIFYCMD).
                _recorder.Log(MonitorLogLevel.Error, e.Message);
            }
        }
    }

    ICommandRunner ScriptRunner(IReadOnlyDictionary<string, string> env) =>
        new EnvironmentCommandRunner(new RecordingCommandRunner(_recorder, SimulationEventKind.Script, _scripts), env);

    sealed class Link(UpsschedSimulator sim, IReadOnlyDictionary<string, string> env) : ITimerDaemonLink
    {
        public void Send(string command, string name, string? argument, string cmdScript) => sim.Send(command, name, argument, env, cmdScript);
    }

    void Send(string command, string name, string? argument, IReadOnlyDictionary<string, string> env, string cmdScript)
    {
        if (_daemon is null)
        {
            if (command == "CANCEL" && argument is null)
                return;
            StartDaemon(env, cmdScript);
        }
        string[] words = argument is null ? [command, name] : [command, name, argument];
        _daemon!.Handle(words);
        Reschedule();
    }

    void StartDaemon(IReadOnlyDictionary<string, string> env, string cmdScript)
    {
        _daemonEnvironment = env;
        var runner = ScriptRunner(env);
        var core = new TimerDaemonCore(_time, _recorder, name => CmdScript.Run(cmdScript, name, runner, _recorder));
        core.TimerStarted += (n, s) => _recorder.Record(new SimulationEvent(_recorder.Elapsed, SimulationEventKind.TimerStarted, n) { Seconds = s });
        core.TimerCancelled += n => _recorder.Record(SimulationEventKind.TimerCancelled, n);
        core.TimerExpired += n => _recorder.Record(SimulationEventKind.TimerExpired, n);
        _daemon = core;
        _recorder.Record(new SimulationEvent(_recorder.Elapsed, SimulationEventKind.DaemonStarted, "upssched timer daemon")
        {
            Environment = new Dictionary<string, string>(env),
        });
    }

    /// <summary>Arms one clock timer for the daemon's next moment: a timer due, or its idle exit.</summary>
    void Reschedule()
    {
        _wake?.Dispose();
        _wake = null;
        if (_daemon is null)
            return;
        var now = _time.GetUtcNow();
        DateTimeOffset at = _daemon.Queue.NextDue is { } due
            ? DateTimeOffset.FromUnixTimeSeconds(due)
            : now + TimerDaemon.IdleExit;
        _wake = _time.CreateTimer(_ => Wake(), null, at > now ? at - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    void Wake()
    {
        lock (_lock)
        {
            if (_daemon is null)
                return;
            bool wasEmpty = _daemon.Queue.IsEmpty;
            _daemon.CheckTimers();
            if (wasEmpty && _daemon.Queue.IsEmpty)
            {
                _recorder.Log(MonitorLogLevel.Info, "Timer queue empty, exiting");
                _recorder.Record(SimulationEventKind.DaemonExited, "upssched timer daemon");
                _daemon = null;
                _daemonEnvironment = null;
                _wake?.Dispose();
                _wake = null;
                return;
            }
            Reschedule();
        }
    }

    /// <summary>The environment the running daemon's scripts see, or null when none runs.</summary>
    public IReadOnlyDictionary<string, string>? DaemonEnvironment
    {
        get { lock (_lock) return _daemonEnvironment; }
    }
}
