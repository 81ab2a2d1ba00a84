using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Nut.Core.Config;
using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Core.Text;
using Nut.Monitor.Common;
using Nut.Platform;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// upsmon (spec/upsmon.md): the command line, the start-up checks and messages, and the process model —
/// a root parent that only runs the shutdown and an unprivileged child that monitors (see
/// <see cref="PrivilegedParent"/>), or one process with <c>-p</c>. The decisions are made by
/// <see cref="MonitorEngine"/>.
/// </summary>
public static class UpsmonProgram
{
    public const string PidFileName = "upsmon.pid";

    const string UsageBody = """
        Monitors UPS servers and may initiate shutdown if necessary.

        usage: {0} [OPTIONS]

          -c <cmd>	send command to running process
        		commands:
        		 - fsd: shutdown all primary-mode UPSes (use with caution)
        		 - reload: reread configuration
        		 - stop: stop monitoring and exit
        		 - test: send a test notification through every NOTIFYCHANNEL (NutSharp)
          -P <pid>	send the signal above to specified PID (bypassing PID file)
          -D		raise debugging level (and stay foreground by default)
          -F		stay foregrounded even if no debugging is enabled
          -B		stay backgrounded even if debugging is bumped
          -h		display this help
          -K		checks POWERDOWNFLAG, sets exit code to 0 if set
          -p		always run privileged (disable privileged parent)
          -u <user>	run child as user <user> (ignored when using -p)
          -4		IPv4 only
          -6		IPv6 only

        """;

    sealed class Options
    {
        public string? Command;
        public int? Pid;
        public bool Foreground, Background, CheckFlag, OneProcess;
        public string? User;
        public string ConfigFile = NutPaths.ConfFile("upsmon.conf");
        public AddressFamily? Family;
    }

    public static int Run(string[] args)
    {
        SelfPath.Capture();
        bool isChild = ParentPipe.IsChild;
        if (!isChild)
            Out($"Network UPS Tools upsmon {NutVersion.Release}\n");
        var o = new Options();
        var parsed = GetOpt.Parse(args, "+DFBhic:P:f:pu:VK46");
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'c': o.Command = arg; break;
                case 'P': o.Pid = CInt.Atoi(arg!); break;
                case 'D': NutLog.DebugLevel++; break;
                case 'F': o.Foreground = true; break;
                case 'B': o.Background = true; break;
                case 'f': o.ConfigFile = arg!; break;
                case 'p': o.OneProcess = true; break;
                case 'u': o.User = arg; break;
                case 'K': o.CheckFlag = true; break;
                case '4': o.Family = AddressFamily.InterNetwork; break;
                case '6': o.Family = AddressFamily.InterNetworkV6; break;
                case 'V': return 0;
                case 'i': break; // accepted by NUT's option string, does nothing
                default: return Help();
            }
        }
        if (o.Command is not null)
            return SendCommand(o);
        if (isChild)
            return RunChild(o);
        return Start(o, args);
    }

    static int Help()
    {
        Out(string.Format(CultureInfo.InvariantCulture, UsageBody, Argv0()));
        return 0;
    }

    // ---- -c fsd|stop|reload ----

    static int SendCommand(Options o)
    {
        if (o.Command is { Length: > 0 } test && "test".StartsWith(test, StringComparison.Ordinal))
            return TestChannels(o);
        int? signal = o.Command switch
        {
            { Length: > 0 } c when "fsd".StartsWith(c, StringComparison.Ordinal) => Libc.SIGUSR1,
            { Length: > 0 } c when "stop".StartsWith(c, StringComparison.Ordinal) => Libc.SIGTERM,
            { Length: > 0 } c when "reload".StartsWith(c, StringComparison.Ordinal) => Libc.SIGHUP,
            _ => null,
        };
        if (signal is null)
            return Help();
        int? pid = o.Pid;
        if (pid is null)
        {
            string path = PidPath;
            if (!File.Exists(path))
            {
                NutLog.Error($"fopen {path}: No such file or directory");
                return 1;
            }
            pid = PidFile.Read(path);
            if (pid is null)
            {
                NutLog.Error($"Failed to read pid from {path}");
                return 1;
            }
        }
        if (Libc.Kill(pid.Value, signal.Value) != 0)
        {
            NutLog.Error($"kill: {Libc.StrError(Marshal.GetLastPInvokeError())}");
            return 1;
        }
        return 0;
    }

    /// <summary>
    /// <c>upsmon -c test</c> (a NutSharp extension): sends a test notification through every NOTIFYCHANNEL of
    /// upsmon.conf right away — no running upsmon needed — and says how each went. Exit 1 if any failed.
    /// </summary>
    static int TestChannels(Options o)
    {
        var conf = LoadConfig(o.ConfigFile, quiet: true);
        if (conf is null)
            return 1;
        if (conf.Channels.Count == 0)
        {
            Out($"No {NotifyChannelSpec.Directive} in {o.ConfigFile}: nothing to test\n");
            return 0;
        }
        using var channels = new Channels.NotificationDispatcher(conf, NutLogSink.Instance);
        var results = channels.TestAsync(CancellationToken.None).GetAwaiter().GetResult();
        foreach (var (name, failure) in results)
        {
            var spec = conf.Channels.First(c => c.Name == name);
            Out($"{name} ({spec.Kind.ToString().ToLowerInvariant()}): {(failure is null ? "sent" : "FAILED: " + failure)}\n");
        }
        return results.Any(r => r.Failure is not null) ? 1 : 0;
    }

    static string PidPath => Path.Combine(NutPaths.PidPath, PidFileName);

    // ---- start-up ----

    static int Start(Options o, string[] args)
    {
        if (!Background.IsChild && CheckPreviousInstance() is { } fatal)
            return fatal;
        var conf = LoadConfig(o.ConfigFile, quiet: Background.IsChild);
        if (conf is null)
            return 1;
        var settings = MonitorSettings.From(conf);
        string? powerDownFlag = settings.PowerDownFlag;
        if (o.CheckFlag)
            return CheckPowerDownFlag(powerDownFlag);
        if (settings.ShutdownCmd is null && !Background.IsChild)
            Out("Warning: no shutdown command defined!\n");
        switch (PowerDownFlag.Check(powerDownFlag))
        {
            case PowerDownFlagState.Set:
                PowerDownFlag.Clear(powerDownFlag!);
                break;
            case PowerDownFlagState.NotOurs:
                NutLog.Warning($"POWERDOWNFLAG ({powerDownFlag}) does not containthe upsmon magic string - disabling!");
                powerDownFlag = null;
                break;
        }
        int total = conf.Monitors.Sum(m => m.PowerValue);
        if (total < settings.MinSupplies)
        {
            Out("\nFatal error: insufficient power configured!\n\n"
                + $"Sum of power values........: {total}\n"
                + $"Minimum value (MINSUPPLIES): {settings.MinSupplies}\n\n"
                + "Edit your upsmon.conf and change the values.\n");
            return 1;
        }
        bool foreground = o.Foreground || (NutLog.DebugLevel > 0 && !o.Background);
        if (!foreground && !Background.IsChild)
            return Background.Launch(args, TimeSpan.FromSeconds(30));
        bool backgrounded = Background.IsChild;
        Background.DetachChild();
        if (backgrounded)
            NutLog.UseSyslog("upsmon");
        if (o.OneProcess)
        {
            NutLog.Warning("Warning: running as one big root process by request (upsmon -p)");
            WritePid();
            Background.ReportReady();
            SdNotify.Ready();
            return Monitor(conf, settings with { PowerDownFlag = powerDownFlag }, o, parent: null, new DirectShutdownAgent(NutLogSink.Instance, ShellCommandRunner.Instance));
        }
        // The child reads the configuration again itself; the parent keeps these two for the shutdown.
        return PrivilegedParent.Run(args, powerDownFlag, settings.ShutdownCmd, NutLogSink.Instance, ShellCommandRunner.Instance,
            started: child =>
            {
                if (backgrounded)
                    WaitForPidFile(child);
                Background.ReportReady();
                SdNotify.Ready();
            });
    }

    /// <summary>Going to the background ends once the monitoring child has written its PID file, so that
    /// <c>upsmon -c ...</c> works as soon as the start command returns.</summary>
    static void WaitForPidFile(int child)
    {
        var end = DateTime.UtcNow + ChildStartTimeout;
        while (DateTime.UtcNow < end && PidFile.Read(PidPath) != child)
        {
            if (!PidFile.IsAlive(child))
                return;
            Thread.Sleep(20);
        }
    }

    static readonly TimeSpan ChildStartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The monitoring child of the privileged parent.</summary>
    static int RunChild(Options o)
    {
        var pipe = ParentPipe.FromEnvironment(NutLogSink.Instance);
        if (pipe is null)
        {
            NutLog.Fatal("upsmon: the pipe to the privileged parent is missing");
            return 1;
        }
        bool foreground = o.Foreground || (NutLog.DebugLevel > 0 && !o.Background);
        if (!foreground)
            NutLog.UseSyslog("upsmon");
        var conf = LoadConfig(o.ConfigFile, quiet: true);
        if (conf is null)
            return 1;
        var settings = MonitorSettings.From(conf);
        WritePid();
        string? user = Privileges.EffectiveRunAs(o.User ?? conf.RunAsUser);
        if (user is not null && Privileges.SwitchTo(user) is { } error)
        {
            NutLog.Fatal(error);
            return 1;
        }
        using (pipe)
            return Monitor(conf, settings, o, pipe, pipe);
    }

    /// <summary>A PID file naming a live upsmon is fatal; a missing or stale one is only reported.</summary>
    static int? CheckPreviousInstance()
    {
        string path = PidPath;
        if (!File.Exists(path))
        {
            NutLog.Warning($"fopen {path}: No such file or directory");
            NutLog.Warning("Could not find PID file to see if previous upsmon instance is already running!\n");
            return null;
        }
        if (PidFile.Read(path) is not { } pid)
        {
            NutLog.Warning($"Failed to read pid from {path}");
            NutLog.Warning("Could not read PID file to see if previous upsmon instance is already running!\n");
            return null;
        }
        if (Libc.Kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() != 1 /* EPERM: it exists */)
        {
            NutLog.Warning($"kill: {Libc.StrError(Marshal.GetLastPInvokeError())}");
            return null;
        }
        NutLog.Fatal("Fatal error: A previous upsmon instance is already running!");
        NutLog.Fatal("Either stop the previous instance first, or use the 'reload' command.");
        return 1;
    }

    /// <summary>Loads upsmon.conf and prints what upsmon says about it, in file order. Null when unusable.</summary>
    static UpsmonConf? LoadConfig(string path, bool quiet)
    {
        UpsmonConf conf;
        try
        {
            conf = LoadConfigFile(path);
        }
        catch (ConfigException e)
        {
            NutLog.Fatal(e.Message);
            return null;
        }
        if (!quiet)
        {
            WarnIfWorldReadable(path);
            var lines = new List<(int Line, string Text)>();
            foreach (var m in conf.Monitors)
                lines.Add((m.Line, MonitorEngine.DescribeMonitor(m)));
            foreach (var d in conf.Diagnostics.Where(d => d != conf.Fatal))
                lines.Add((d.Line, Describe(d)));
            foreach (var (_, text) in lines.OrderBy(l => l.Line))
                NutLog.Warning(text);
            if (conf.PowerDownFlag is { } flag && conf.Fatal is null)
                NutLog.Warning($"Using power down flag file {flag}");
        }
        if (conf.Fatal is { } fatal)
        {
            NutLog.Fatal(fatal.Message);
            if (fatal.Message == UpsmonConf.OldStyleMonitorMessage)
                NutLog.Fatal(UpsmonConf.OldStyleMonitorHint);
            NutLog.Fatal("Fatal error: unusable configuration");
            return null;
        }
        if (conf.DebugMin is { } min && min > NutLog.DebugLevel)
        {
            NutLog.DebugLevel = min;
            if (!quiet)
                NutLog.Info($"Applying debug_min={min} from upsmon.conf");
        }
        if (!quiet)
            NutLog.Debug(1, $"debug level is '{NutLog.DebugLevel}'");
        return conf;
    }

    /// <summary>upsmon.conf holds the upsd passwords of its MONITOR lines. NUT 2.8.0's upsmon says nothing about
    /// its mode; its upsd warns about upsd.users in these words, and so do we, for upsmon.conf.</summary>
    static void WarnIfWorldReadable(string path)
    {
        if (ConfigFile.IsWorldReadable(path))
            NutLog.Warning($"{path} is world readable");
    }

    /// <summary>Reads the file (over <paramref name="previous"/> for a reload); a missing one gives NUT's "Can't open".</summary>
    public static UpsmonConf LoadConfigFile(string path, UpsmonConf? previous = null)
    {
        if (!File.Exists(path))
            throw new ConfigException($"Can't open {path}: No such file or directory");
        return UpsmonConf.Load(path, previous);
    }

    /// <summary>The model's diagnostics carry NUT's wording; a tokenizer error is printed as NUT prints it.</summary>
    static string Describe(ConfigDiagnostic d) =>
        d.Message.StartsWith("Parse error: ", StringComparison.Ordinal)
            ? $"Parse error: {d.File}:{d.Line}: {d.Message["Parse error: ".Length..]}"
            : d.Message;

    static int CheckPowerDownFlag(string? path)
    {
        switch (PowerDownFlag.Check(path))
        {
            case PowerDownFlagState.Set:
                NutLog.Warning("Power down flag is set");
                return 0;
            case PowerDownFlagState.NotOurs:
                NutLog.Warning($"POWERDOWNFLAG ({path}) does not contain the upsmon magic string");
                return 1;
            default:
                NutLog.Warning("Power down flag is not set");
                return 1;
        }
    }

    static void WritePid()
    {
        string path = PidPath;
        NutLog.Debug(1, $"Saving PID {Environment.ProcessId} into {path}");
        try
        {
            PidFile.Write(path, Environment.ProcessId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            NutLog.Error($"writepid: fopen {path}: {ConfigFile.Reason(e)}");
        }
    }

    // ---- monitoring ----

    static int Monitor(UpsmonConf conf, MonitorSettings settings, Options o, IParentWatch? parent, IShutdownAgent shutdown)
    {
        using var sleeper = new InterruptibleSleeper();
        int exitSignal = 0;
        MonitorEngine? engine = null;
        void OnExit(PosixSignalContext c)
        {
            c.Cancel = true;
            exitSignal = SignalNumber(c.Signal);
            sleeper.Wake();
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnExit);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnExit);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnExit);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; engine?.RequestReload(); sleeper.Wake(); });
        using var usr1 = PosixSignalRegistration.Create((PosixSignal)Libc.SIGUSR1, c => { c.Cancel = true; engine?.RequestUserFsd(Libc.SIGUSR1); sleeper.Wake(); });

        // Channels are read at start; a reload keeps them (they carry no state a reload could fix).
        using var channels = new Channels.NotificationDispatcher(conf, NutLogSink.Instance);
        var services = new MonitorServices(TimeProvider.System, sleeper, new ClientUpsdConnector(o.Family, settings.ForceSsl, UpsmonTls.From(conf, NutLogSink.Instance)),
            NutLogSink.Instance, WallCommand.Instance, ShellCommandRunner.Instance, shutdown)
        {
            Parent = parent,
            Reload = previous => ReloadConfig(o.ConfigFile, previous),
            Channels = channels,
        };
        engine = new MonitorEngine(conf, services, settings);
        HeapTrim.Start();
        MonitorLoop.Run(engine, sleeper, () => exitSignal != 0);
        if (exitSignal != 0 && !engine.Finished)
            engine.Exit(exitSignal);
        PidFile.Remove(PidPath);
        return engine.ExitCode;
    }

    static UpsmonConf ReloadConfig(string path, UpsmonConf previous)
    {
        var conf = LoadConfigFile(path, previous);
        WarnIfWorldReadable(path);
        foreach (var d in conf.Diagnostics.Where(d => d != conf.Fatal))
            NutLog.Warning(Describe(d));
        if (conf.DebugMin is { } min && min > NutLog.DebugLevel)
        {
            NutLog.DebugLevel = min;
            NutLog.Info($"Applying debug_min={min} from upsmon.conf");
        }
        return conf;
    }

    static int SignalNumber(PosixSignal s) => s switch
    {
        PosixSignal.SIGTERM => Libc.SIGTERM,
        PosixSignal.SIGINT => Libc.SIGINT,
        PosixSignal.SIGQUIT => Libc.SIGQUIT,
        PosixSignal.SIGHUP => Libc.SIGHUP,
        _ => 0,
    };

    static void Out(string text)
    {
        Console.Out.Write(text);
        Console.Out.Flush();
    }

    /// <summary>argv[0] as typed (NUT's usage line shows it), or our NUT name when run as "nut upsmon".</summary>
    static string Argv0()
    {
        try
        {
            byte[] cmdline = File.ReadAllBytes("/proc/self/cmdline");
            int end = Array.IndexOf(cmdline, (byte)0);
            string argv0 = System.Text.Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
            return Path.GetFileName(argv0) == ProcessName.Current ? argv0 : ProcessName.Current;
        }
        catch (IOException)
        {
            return ProcessName.Current;
        }
    }
}
