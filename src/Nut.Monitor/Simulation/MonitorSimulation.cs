using Nut.Core.Config;
using Nut.Monitor.Common;
using Nut.Monitor.Upsmon;

namespace Nut.Monitor.Simulation;

/// <summary>How a <see cref="MonitorSimulation"/> runs.</summary>
public sealed record SimulationOptions
{
    /// <summary>The wall-clock moment virtual time starts at (a whole second, as upsmon's arithmetic is in seconds).</summary>
    public DateTimeOffset Start { get; init; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Run in real time (the timeline takes as long as it says) instead of virtual time.</summary>
    public bool RealTime { get; init; }

    /// <summary>upsmon's process model: true = privileged parent + monitoring child (the default), false = <c>-p</c>.</summary>
    public bool SplitProcess { get; init; } = true;

    /// <summary>Really runs NOTIFYCMD (when it is not upssched) and upssched's CMDSCRIPT through this runner;
    /// null records the calls only.</summary>
    public ICommandRunner? Commands { get; init; }

    /// <summary>Really writes POWERDOWNFLAG and runs SHUTDOWNCMD through this runner; null records them only.</summary>
    public ICommandRunner? ShutdownCommands { get; init; }

    /// <summary>Record every GET VAR / GET NUMLOGINS exchange too (many lines).</summary>
    public bool RecordPolls { get; init; }

    /// <summary>Record upsmon's and upssched's debug lines too.</summary>
    public bool RecordDebug { get; init; }

    /// <summary>Also send every log line here (e.g. to the console).</summary>
    public IMonitorLog? Log { get; init; }

    /// <summary>In split-process mode: when the privileged parent dies (NOPARENT follows), or never.</summary>
    public TimeSpan? ParentDiesAt { get; init; }
}

/// <summary>What can be sent to a simulated upsmon as to a real one (<c>upsmon -c ...</c>).</summary>
public enum SimulatedSignal
{
    /// <summary><c>-c fsd</c> (SIGUSR1): shut down now.</summary>
    Fsd,
    /// <summary><c>-c stop</c> (SIGTERM): log out and exit.</summary>
    Stop,
    /// <summary><c>-c reload</c> (SIGHUP): take the configuration given with it.</summary>
    Reload,
}

/// <summary>What a simulation produced.</summary>
/// <param name="Events">The timeline, in order.</param>
/// <param name="Elapsed">How much (virtual) time ran.</param>
/// <param name="ShutdownDecidedAt">When upsmon decided to shut down (it then sets FSD, waits for
/// secondaries, waits FINALDELAY), or null.</param>
/// <param name="ShutdownAt">When SHUTDOWNCMD was run, or null when the machine stayed up.</param>
public sealed record SimulationResult(IReadOnlyList<SimulationEvent> Events, TimeSpan Elapsed, TimeSpan? ShutdownDecidedAt, TimeSpan? ShutdownAt)
{
    public bool ShutDown => ShutdownAt is not null;

    public IEnumerable<SimulationEvent> OfKind(SimulationEventKind kind) => Events.Where(e => e.Kind == kind);

    /// <summary>The notification types in order, e.g. ["ONBATT", "LOWBATT", "SHUTDOWN"].</summary>
    public IReadOnlyList<string> Notifications => OfKind(SimulationEventKind.Notification).Select(e => e.NotifyType!).ToList();

    /// <summary>The timeline as text, one event per line.</summary>
    public override string ToString() => string.Join('\n', Events);
}

/// <summary>
/// upsmon — and upssched, when NOTIFYCMD names it — run on a scripted timeline of upsd answers, with every
/// side effect recorded instead of done: notifications, wall, NOTIFYCMD, the upsd requests, upssched's
/// timers and CMDSCRIPT calls, the shutdown decision, POWERDOWNFLAG and SHUTDOWNCMD, each with its time.
/// The state machine is the real one (<see cref="MonitorEngine"/>, <see cref="UpsschedInvocation"/>,
/// <see cref="Upssched.TimerDaemonCore"/>); only time, upsd and the outside world are stand-ins.
/// <para>In virtual time (the default) a ten-minute outage runs in milliseconds and every run gives the
/// same timeline. Usage:</para>
/// <code>
/// var sim = new MonitorSimulation(UpsmonConf.Load(path), UpsschedConf.Load(schedPath));
/// sim.Ups("ups@localhost").Status(TimeSpan.FromSeconds(10), "OB").Status(TimeSpan.FromMinutes(5), "OB LB");
/// var result = sim.Run(TimeSpan.FromMinutes(10));
/// Console.WriteLine(result);            // the timeline
/// result.ShutdownAt                     // when SHUTDOWNCMD would run
/// </code>
/// </summary>
public sealed class MonitorSimulation
{
    readonly UpsmonConf _upsmon;
    readonly UpsschedConf? _upssched;
    readonly SimulationOptions _options;
    readonly Dictionary<string, UpsdScript> _scripts = new(StringComparer.Ordinal);
    readonly TimeProvider _time;
    readonly VirtualClock? _clock;
    readonly DateTimeOffset _start;
    readonly SimulationRecorder _recorder;
    readonly List<(TimeSpan At, SimulatedSignal Signal, UpsmonConf? Conf)> _signals = [];

    public MonitorSimulation(UpsmonConf upsmon, UpsschedConf? upssched = null, SimulationOptions? options = null)
    {
        _upsmon = upsmon;
        _upssched = upssched;
        _options = options ?? new SimulationOptions();
        if (_options.RealTime)
        {
            _time = TimeProvider.System;
            _start = _time.GetUtcNow();
        }
        else
        {
            _clock = new VirtualClock(_options.Start);
            _time = _clock;
            _start = _options.Start;
        }
        _recorder = new SimulationRecorder(Elapsed, _options.Log, _options.RecordDebug);
    }

    /// <summary>The clock upsmon and upssched run on (virtual unless <see cref="SimulationOptions.RealTime"/>).</summary>
    public TimeProvider Time => _time;

    /// <summary>The events so far (also while running, from another thread in real time).</summary>
    public SimulationRecorder Recorder => _recorder;

    TimeSpan Elapsed() => _time.GetUtcNow() - _start;

    /// <summary>The script of the UPS with this MONITOR system string (created on first use; a UPS
    /// without a script is on line the whole time).</summary>
    public UpsdScript Ups(string system)
    {
        if (!_scripts.TryGetValue(system, out var s))
            _scripts[system] = s = new UpsdScript(system);
        return s;
    }

    /// <summary>Sends <paramref name="signal"/> at <paramref name="at"/>; like a real signal it ends upsmon's
    /// sleep, so it acts at once. For <see cref="SimulatedSignal.Reload"/> give the new configuration.</summary>
    public MonitorSimulation Signal(TimeSpan at, SimulatedSignal signal, UpsmonConf? reloadWith = null)
    {
        if (signal == SimulatedSignal.Reload && reloadWith is null)
            throw new ArgumentException("a reload needs the configuration to load", nameof(reloadWith));
        _signals.Add((at, signal, reloadWith));
        return this;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> now, from inside the run (a CMDSCRIPT that calls <c>upsmon -c fsd</c>):
    /// it ends upsmon's current sleep and is handled before the next pass, as a real signal is. Safe from any
    /// thread.
    /// </summary>
    public void SignalNow(SimulatedSignal signal)
    {
        if (signal == SimulatedSignal.Reload)
            throw new ArgumentException("a reload from inside the run is not simulated", nameof(signal));
        _immediate.Enqueue(signal);
        _wakeReal.Set();
    }

    readonly System.Collections.Concurrent.ConcurrentQueue<SimulatedSignal> _immediate = new();
    readonly AutoResetEvent _wakeReal = new(false);

    /// <summary>Runs for <paramref name="duration"/>, or until upsmon has shut the machine down.</summary>
    public SimulationResult Run(TimeSpan duration)
    {
        var upsd = new ScriptedUpsd(_scripts, Elapsed, _recorder.Record, _options.RecordPolls);
        UpsschedSimulator? upssched = _upssched is null ? null : new UpsschedSimulator(_upssched, _time, _recorder, _options.Commands);
        ISleeper sleeper = _clock is not null ? new VirtualSleeper(_clock) : new RealSleeper();
        while (_immediate.TryDequeue(out _)) { }
        var services = new MonitorServices(_time, sleeper, upsd, _recorder, _recorder,
            new NotifyCommandRouter(_recorder, _options.Commands, upssched, _upsmon.NotifyCmd),
            new RecordingShutdownAgent(_recorder, _options.ShutdownCommands))
        {
            Parent = _options.SplitProcess ? new ScriptedParent(() => _options.ParentDiesAt is { } d && Elapsed() >= d) : null,
            Reload = _ => _reloadWith ?? _upsmon,
        };
        var engine = new MonitorEngine(_upsmon, services);
        TimeSpan? decided = null;
        engine.Notified += n => _recorder.Record(new SimulationEvent(Elapsed(), SimulationEventKind.Notification, n.Message)
        {
            Ups = n.Ups,
            NotifyType = n.Type,
        });
        engine.ShutdownStarted += reason =>
        {
            decided ??= Elapsed();
            _recorder.Record(SimulationEventKind.ShutdownDecision, reason == ShutdownReason.UserRequest
                ? "user requested FSD" : "power value below MINSUPPLIES");
        };
        var marks = ScheduleScriptMarks();
        try
        {
            var end = _start + duration;
            var signals = _signals.OrderBy(x => x.At).ToList();
            int nextSignal = 0;
            while (!engine.Finished && _time.GetUtcNow() < end)
            {
                for (; nextSignal < signals.Count && signals[nextSignal].At <= Elapsed(); nextSignal++)
                    Deliver(engine, signals[nextSignal]);
                while (_immediate.TryDequeue(out var now))
                    Deliver(engine, (Elapsed(), now, null));
                if (engine.Finished)
                    break;
                engine.RunIteration();
                if (engine.Finished)
                    break;
                var wake = _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, engine.SleepSeconds));
                if (wake > end) wake = end;
                if (nextSignal < signals.Count && _start + signals[nextSignal].At < wake)
                    wake = _start + signals[nextSignal].At;
                if (_clock is not null)
                    _clock.AdvanceTo(wake, () => !_immediate.IsEmpty);
                else if (wake > _time.GetUtcNow())
                    _wakeReal.WaitOne(wake - _time.GetUtcNow());
            }
        }
        finally
        {
            foreach (var m in marks)
                m.Dispose();
        }
        // After the hand-over nothing else runs, so the clock still shows its moment.
        TimeSpan? shutdownAt = engine.ShutdownHandedOver ? Elapsed() : null;
        return new SimulationResult(_recorder.Events, Elapsed(), decided, shutdownAt);
    }

    UpsmonConf? _reloadWith;

    void Deliver(MonitorEngine engine, (TimeSpan At, SimulatedSignal Signal, UpsmonConf? Conf) s)
    {
        switch (s.Signal)
        {
            case SimulatedSignal.Fsd:
                engine.RequestUserFsd(10);
                break;
            case SimulatedSignal.Reload:
                _reloadWith = s.Conf;
                engine.RequestReload();
                break;
            case SimulatedSignal.Stop:
                engine.Exit(15);
                break;
        }
    }

    /// <summary>Puts each scripted change on the timeline at its moment.</summary>
    List<ITimer> ScheduleScriptMarks()
    {
        var timers = new List<ITimer>();
        foreach (var script in _scripts.Values)
        {
            foreach (var (at, state) in script.States.Skip(1))
                timers.Add(Mark(at, state.ToString()!, script.System));
            foreach (var at in script.ForcedShutdowns)
                timers.Add(Mark(at, "FSD set by another primary", script.System));
            foreach (var (at, name, value) in script.VariableChanges)
                timers.Add(Mark(at, $"{name} \"{value}\"", script.System));
        }
        return timers;

        ITimer Mark(TimeSpan at, string text, string ups) =>
            _time.CreateTimer(_ => _recorder.Record(new SimulationEvent(at, SimulationEventKind.UpsdChange, text) { Ups = ups }),
                null, at - Elapsed() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The parent of a simulated split-process upsmon: alive until the options say otherwise.</summary>
    sealed class ScriptedParent(Func<bool> gone) : IParentWatch
    {
        public bool ParentGone => gone();
    }

    sealed class RealSleeper : ISleeper
    {
        public void Sleep(TimeSpan duration)
        {
            if (duration > TimeSpan.Zero)
                Thread.Sleep(duration);
        }
    }
}

/// <summary>
/// NOTIFYCMD in a simulation: recorded; when it names upssched (its first word's file name is
/// <c>upssched</c>) the simulated upssched handles the event, else the command is passed to the
/// optional real runner.
/// </summary>
public sealed class NotifyCommandRouter(SimulationRecorder recorder, ICommandRunner? real, UpsschedSimulator? upssched, string? notifyCmd)
    : ICommandRunner
{
    readonly bool _isUpssched = upssched is not null && notifyCmd is not null
        && Path.GetFileName(notifyCmd.Split(' ', 2)[0]) == "upssched";

    public int Run(string commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        Start(commandLine, environment);
        return 0;
    }

    public bool Start(string commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        var recording = new RecordingCommandRunner(recorder, SimulationEventKind.NotifyCommand, _isUpssched ? null : real);
        bool started = recording.Start(commandLine, environment);
        if (_isUpssched && environment is not null)
            upssched!.Invoke(environment.GetValueOrDefault("UPSNAME") ?? "", environment.GetValueOrDefault("NOTIFYTYPE") ?? "");
        return started;
    }
}
