using System.Globalization;
using Nut.Core.Config;
using Nut.Core.Programs;
using Nut.Monitor.Common;
using Nut.Monitor.Simulation;

namespace Nut.Tools.Drill;

/// <summary>
/// nut-drill: runs this machine's own upsmon.conf and upssched.conf — with their scripts — against a simulated
/// power event, in virtual time (a ten-minute outage in well under a second) or in real time, and prints what
/// would happen: each status change, notification, timer, script call and the shutdown, with its time.
/// Nothing real is touched unless asked: wall, upsmon and shutdown are stand-ins (see <see cref="DrillSandbox"/>),
/// SHUTDOWNCMD and POWERDOWNFLAG are recorded, upsd is scripted.
/// </summary>
public static class DrillProgram
{
    const string Usage = """
        usage: nut-drill [OPTIONS] SCENARIO

        Runs your upsmon.conf and upssched.conf, with their scripts, against a simulated power
        event and prints the timeline: what upsmon and upssched would do, and when.

        SCENARIO is one of:
          blip DURATION          on battery for DURATION, then back on line (e.g. blip 20s)
          outage [AFTER]         on battery until the battery is low AFTER (default 5m)
          unreachable DURATION   upsd cannot be reached for DURATION
          fsd                    the primary sets forced shutdown
          TIME=STATE ...         your own timeline, e.g. 10s=OB 70s=OL or 10s=OB "4m=OB LB";
                                 STATE is a ups.status value, down, stale, nodriver or fsd

        OPTIONS:
          -f <file>   upsmon.conf (default: $NUT_CONFPATH/upsmon.conf)
          -s <file>   upssched.conf (default: $NUT_CONFPATH/upssched.conf when NOTIFYCMD is upssched)
          -u <ups>    the MONITOR entry the scenario happens to (default: all of them)
          -a <time>   when a named scenario starts (default 10s, after upsmon's first polls)
          -t <time>   how long the drill runs (default: 2 minutes after the last change)
          -r          real time instead of virtual time
          -n          record NOTIFYCMD and CMDSCRIPT calls without running them
          -T          run the scripts even if they call upsmon, shutdown, wall... by absolute path
          -S          really write POWERDOWNFLAG and run SHUTDOWNCMD at the end (this powers off!)
          -v          also show every poll and upsmon's debug lines
          -h          this help

        """;

    public static int Run(string[] args)
    {
        var opts = GetOpt.Parse(args, "f:s:u:a:t:rnTSvh");
        if (opts.BadOption is not null || opts.MissingArgument)
        {
            Console.Error.Write(Usage);
            return 1;
        }
        string upsmonPath = NutPaths.ConfFile("upsmon.conf");
        string? upsschedPath = null, only = null;
        TimeSpan start = DrillScenario.DefaultStart;
        TimeSpan? duration = null;
        bool realTime = false, recordOnly = false, trust = false, reallyShutDown = false, verbose = false;
        foreach (var (opt, arg) in opts.Options)
        {
            switch (opt)
            {
                case 'f': upsmonPath = arg!; break;
                case 's': upsschedPath = arg!; break;
                case 'u': only = arg!; break;
                case 'a':
                case 't':
                    if (Duration.Parse(arg!) is not { } d)
                        return Fail($"-{opt} {arg}: expected a duration such as 10s, 5m or 1m30s");
                    if (opt == 'a') start = d; else duration = d;
                    break;
                case 'r': realTime = true; break;
                case 'n': recordOnly = true; break;
                case 'T': trust = true; break;
                case 'S': reallyShutDown = true; break;
                case 'v': verbose = true; break;
                case 'h': Console.Out.Write(Usage); return 0;
            }
        }
        var scenario = DrillScenario.Parse(opts.Operands, start, out string? scenarioError);
        if (scenario is null)
            return Fail(scenarioError!);

        if (LoadUpsmon(upsmonPath) is not { } upsmon)
            return 1;
        upsschedPath ??= NotifiesUpssched(upsmon) ? NutPaths.ConfFile("upssched.conf") : null;
        UpsschedConf? upssched = null;
        if (upsschedPath is not null && (upssched = LoadUpssched(upsschedPath)) is null)
            return 1;

        var targets = upsmon.Monitors.Select(m => m.System).Where(s => only is null || s == only || s.StartsWith(only + "@", StringComparison.Ordinal)).ToList();
        if (targets.Count == 0)
            return Fail(only is null ? $"{upsmonPath}: no MONITOR line: there is nothing to drill" : $"{upsmonPath}: no MONITOR line for '{only}'");

        bool runScripts = !recordOnly;
        if (runScripts && !trust)
        {
            var unsafeLines = Scripts(upsmon, upssched).SelectMany(DrillSandbox.UnsafeLines).ToList();
            if (unsafeLines.Count > 0)
            {
                Console.Error.WriteLine("nut-drill: these lines call a real program by its full path, which the drill cannot stand in for:");
                foreach (var l in unsafeLines)
                    Console.Error.WriteLine("  " + l);
                Console.Error.WriteLine("nut-drill: the scripts are recorded, not run (call them by name, or use -T to run them anyway)");
                runScripts = false;
            }
        }

        using var sandbox = new DrillSandbox();
        var scripts = runScripts ? new DrillScriptRunner(sandbox) : null;
        var sim = new MonitorSimulation(upsmon, upssched, new SimulationOptions
        {
            RealTime = realTime,
            Commands = scripts,
            ShutdownCommands = reallyShutDown ? ShellCommandRunner.Instance : null,
            RecordPolls = verbose,
            RecordDebug = verbose,
        });
        foreach (var system in targets)
            scenario.ApplyTo(sim.Ups(system));
        string? scriptShutdown = null;
        if (scripts is not null)
            scripts.CallsMade += calls => OnCalls(sim, calls, ref scriptShutdown);

        var total = duration ?? scenario.LastStep + DrillScenario.Tail;
        var output = Console.Out;
        output.WriteLine($"nut-drill: {upsmonPath}{(upssched is not null ? " + " + upsschedPath : "")}");
        output.WriteLine($"scenario: {scenario.Description}, on {string.Join(", ", targets)}");
        output.WriteLine($"running {Duration.Format(total)} in {(realTime ? "real" : "virtual")} time; "
            + (runScripts ? "scripts run with stand-ins for wall, upsmon and shutdown" : "scripts recorded, not run")
            + (reallyShutDown ? "; SHUTDOWNCMD WILL REALLY RUN" : "; SHUTDOWNCMD recorded, not run"));
        output.WriteLine();
        bool hideBattery = scenario.SimulatedBattery && !verbose;
        sim.Recorder.Recorded += e =>
        {
            if (hideBattery && e.Kind == SimulationEventKind.UpsdChange && e.Text.StartsWith("battery.", StringComparison.Ordinal))
                return;
            lock (output)
                output.WriteLine(e.ToString());
        };
        var result = sim.Run(total);
        output.WriteLine();
        output.WriteLine(Summary(result, scriptShutdown));
        return 0;
    }

    /// <summary>Acts on what a script asked the stand-ins for, at the moment it asked.</summary>
    static void OnCalls(MonitorSimulation sim, IReadOnlyList<string> calls, ref string? scriptShutdown)
    {
        foreach (var call in calls)
        {
            string[] words = call.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string program = words.Length > 0 ? words[0] : "";
            switch (program)
            {
                case "wall":
                    sim.Recorder.Record(SimulationEventKind.Wall, call.Length > 5 ? call[5..].TrimEnd('\n') : "");
                    break;
                case "upsmon":
                    sim.Recorder.Record(SimulationEventKind.Log, "script ran: " + call);
                    if (UpsmonCommand(words) is { } signal)
                        sim.SignalNow(signal);
                    break;
                default:
                    // shutdown, poweroff, halt, reboot: the machine goes down here; upsmon is stopped with it.
                    sim.Recorder.Record(SimulationEventKind.ShutdownCommand, call + " (from a script)");
                    scriptShutdown ??= $"+{Clock(sim.Recorder.Elapsed)} by a script: {call}";
                    sim.SignalNow(SimulatedSignal.Stop);
                    break;
            }
        }
    }

    /// <summary>The signal <c>upsmon -c fsd|stop</c> sends (prefixes count, as in upsmon); reload is only noted.</summary>
    static SimulatedSignal? UpsmonCommand(string[] words)
    {
        for (int i = 1; i < words.Length; i++)
        {
            string? cmd = words[i] == "-c" && i + 1 < words.Length ? words[i + 1] : words[i].StartsWith("-c", StringComparison.Ordinal) && words[i].Length > 2 ? words[i][2..] : null;
            if (cmd is null || cmd.Length == 0)
                continue;
            if ("fsd".StartsWith(cmd, StringComparison.Ordinal)) return SimulatedSignal.Fsd;
            if ("stop".StartsWith(cmd, StringComparison.Ordinal)) return SimulatedSignal.Stop;
            return null;
        }
        return null;
    }

    static string Summary(SimulationResult r, string? scriptShutdown)
    {
        if (scriptShutdown is not null)
            return $"result: the machine is shut down at {scriptShutdown}";
        if (r.ShutdownAt is { } at)
        {
            string why = r.OfKind(SimulationEventKind.ShutdownDecision).FirstOrDefault()?.Text ?? "shutdown";
            return $"result: upsmon decides to shut down at +{Clock(r.ShutdownDecidedAt ?? at)} ({why}); "
                + $"SHUTDOWNCMD runs at +{Clock(at)}";
        }
        if (r.ShutdownDecidedAt is { } decided)
            return $"result: upsmon decided to shut down at +{Clock(decided)}, and was still waiting when the drill ended";
        return $"result: the machine stays up (the drill ran {Duration.Format(r.Elapsed)})";
    }

    static string Clock(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes:00}:{t.Seconds:00}.{t.Milliseconds:000}");

    static bool NotifiesUpssched(UpsmonConf conf) =>
        conf.NotifyCmd is { } cmd && Path.GetFileName(cmd.Split(' ', 2)[0]) == "upssched";

    /// <summary>NOTIFYCMD (unless it is upssched, which the drill simulates) and CMDSCRIPT: the scripts that run.</summary>
    static IEnumerable<string> Scripts(UpsmonConf upsmon, UpsschedConf? upssched)
    {
        if (upsmon.NotifyCmd is { } notify && !NotifiesUpssched(upsmon))
            yield return notify.Split(' ', 2)[0];
        if (upssched?.CmdScript is { } cmd)
            yield return cmd.Split(' ', 2)[0];
        foreach (var rule in upssched?.Rules ?? [])
            if (rule.CmdScript is { } c && c != upssched!.CmdScript)
                yield return c.Split(' ', 2)[0];
    }

    static UpsmonConf? LoadUpsmon(string path)
    {
        if (!File.Exists(path))
        {
            Fail($"{path}: no such file (give another with -f)");
            return null;
        }
        var conf = UpsmonConf.Load(path);
        foreach (var d in conf.Diagnostics)
            Console.Error.WriteLine("nut-drill: " + d);
        if (conf.Fatal is not null)
        {
            Fail($"{path}: upsmon would not start with this file");
            return null;
        }
        int power = conf.Monitors.Sum(m => m.PowerValue);
        if (power < conf.MinSupplies)
        {
            Fail($"{path}: the power values add up to {power}, below MINSUPPLIES {conf.MinSupplies}: upsmon would not start");
            return null;
        }
        return conf;
    }

    static UpsschedConf? LoadUpssched(string path)
    {
        if (!File.Exists(path))
        {
            Fail($"{path}: no such file (NOTIFYCMD runs upssched; give its configuration with -s)");
            return null;
        }
        var conf = UpsschedConf.Load(path);
        foreach (var d in conf.Diagnostics)
            Console.Error.WriteLine("nut-drill: " + d);
        if (conf.Fatal is not null)
        {
            Fail($"{path}: upssched would stop on this file");
            return null;
        }
        return conf;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine("nut-drill: " + message);
        return 1;
    }
}
