using System.Runtime.InteropServices;
using Nut.Core.Config;
using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Platform;

namespace Nut.Server;

/// <summary>
/// upsd's command line and life cycle (spec/tools.md §1): banner, <c>-c reload|stop</c>, the start-up order
/// and its messages, foreground or background, signals (HUP reloads, keeping the old configuration when the
/// new one is broken; TERM/INT/QUIT stop).
/// </summary>
public static class UpsdProgram
{
    const string Usage = """
        Network server for UPS data.

        usage: upsd [OPTIONS]

          -c <command>	send <command> via signal to background process
        		commands:
        		 - reload: reread configuration files
        		 - stop: stop process and exit
          -P <pid>	send the signal above to specified PID (bypassing PID file)
          -D		raise debugging level (and stay foreground by default)
          -F		stay foregrounded even if no debugging is enabled
          -FF		stay foregrounded and still save the PID file
          -B		stay backgrounded even if debugging is bumped
          -h		display this help
          -r <dir>	chroots to <dir>
          -q		raise log level threshold
          -u <user>	switch to <user> (if started as root)
          -V		display the version of this software
          -4		IPv4 only
          -6		IPv6 only

        """;

    /// <summary>
    /// upsd answers each request in microseconds and never blocks while answering, so it serves its clients
    /// the way NUT's poll loop does: the socket event thread runs the request itself instead of handing it to
    /// the thread pool. Measured with strace on a GET VAR loop: the hand-off cost a futex wake and ~15
    /// sched_yield calls of spinning workers per request; inline, a request is a recv, a send and a share of
    /// an epoll_wait (bench/NutBench: about 2x the requests per server CPU-second). Read by the runtime
    /// before the first socket exists, so it is set here; an explicit setting in the environment wins.
    /// </summary>
    static void RunSocketCompletionsInline()
    {
        const string name = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        if (Environment.GetEnvironmentVariable(name) is null)
            Environment.SetEnvironmentVariable(name, "1");
    }

    sealed class Options
    {
        public string? Command;
        public int? Pid;
        public int Debug;
        public int Foreground;
        public bool Background;
        public string? Chroot;
        public string? User;
        public bool Ipv4Only;
        public bool Ipv6Only;
    }

    public static int Run(string[] args)
    {
        SelfPath.Capture();
        RunSocketCompletionsInline();
        Console.Out.Write($"Network UPS Tools upsd {NutVersion.Release}\n");
        Console.Out.Flush();

        var parsed = GetOpt.Parse(args, "+h46p:qr:i:fu:Vc:P:DFB");
        var o = new Options();
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'h': Console.Out.Write(Usage); return 0;
                case 'V': return 0;
                case 'p' or 'i':
                    Console.Error.Write("Specifying a listening addresses with '-i <address>' and '-p <port>'\n"
                        + "is deprecated. Use 'LISTEN <address> [<port>]' in 'upsd.conf' instead.\n"
                        + "See 'man 8 upsd.conf' for more information.\n");
                    return 1;
                case 'q': NutLog.Quiet++; break;
                case 'r': o.Chroot = arg; break;
                case 'u': o.User = arg; break;
                case 'c': o.Command = arg; break;
                case 'P': o.Pid = int.TryParse(arg, out int p) ? p : null; break;
                case 'D': o.Debug++; break;
                case 'F': o.Foreground++; break;
                case 'B': o.Background = true; break;
                case '4': o.Ipv4Only = true; break;
                case '6': o.Ipv6Only = true; break;
                case 'f': break; // obsolete, accepted and ignored as in NUT
                default: Console.Out.Write(Usage); return 0;
            }
        }
        NutLog.DebugLevel = o.Debug;

        string pidFile = Path.Combine(NutPaths.AltPidPath, "upsd.pid");
        if (o.Command is not null)
            return SendCommand(o, pidFile);

        bool foreground = Background.IsChild || (o.Foreground > 0 || o.Debug > 0) && !o.Background;
        bool writePidFile = Background.IsChild || !foreground || o.Foreground >= 2;
        if (!foreground)
            return Background.Launch(args, TimeSpan.FromSeconds(30));
        bool isChild = Background.IsChild;
        Background.DetachChild();
        int rc = RunServer(o, pidFile, writePidFile, isChild);
        if (rc != 0)
            Background.ReportFailure(rc);
        return rc;
    }

    static int SendCommand(Options o, string pidFile)
    {
        int signal;
        if ("reload".StartsWith(o.Command!, StringComparison.Ordinal) && o.Command!.Length > 0) signal = Libc.SIGHUP;
        else if ("stop".StartsWith(o.Command!, StringComparison.Ordinal) && o.Command!.Length > 0) signal = Libc.SIGTERM;
        else { Console.Out.Write(Usage); return 0; }

        if (o.Pid is { } pid)
        {
            if (Libc.Kill(pid, signal) == 0) return 0;
            NutLog.Fatal($"kill {pid}: {Libc.StrError(Marshal.GetLastPInvokeError())}");
            return 1;
        }
        if (PidFile.Signal(pidFile, signal) is { } error)
        {
            NutLog.Fatal(error);
            return 1;
        }
        return 0;
    }

    static int RunServer(Options o, string pidFile, bool writePidFile, bool isChild)
    {
        // 1. refuse to start twice
        if (PidFile.Read(pidFile) is { } oldPid && PidFile.IsAlive(oldPid) && oldPid != Environment.ProcessId)
        {
            NutLog.Fatal("Fatal error: A previous upsd instance is already running!");
            NutLog.Fatal("Either stop the previous instance first, or use the 'reload' command.");
            return 1;
        }
        if (!File.Exists(pidFile) && !isChild)
        {
            NutLog.Warning($"fopen {pidFile}: No such file or directory");
            NutLog.Warning($"Could not find PID file '{pidFile}' to see if previous upsd instance is already running!\n");
        }

        // 2. upsd.conf
        string confPath = NutPaths.ConfFile("upsd.conf");
        UpsdConf conf;
        try
        {
            conf = LoadUpsdConf(confPath);
        }
        catch (ConfigException e)
        {
            NutLog.Fatal(e.Message);
            return 1;
        }
        if (conf.DebugMin is { } min && NutLog.DebugLevel < min)
            NutLog.DebugLevel = min;
        string statePath = conf.StatePath ?? NutPaths.StatePath;
        string dataPath = conf.DataPath ?? NutPaths.DataPath;

        var server = new UpsdServer(conf, UpsdUsers.Parse("upsd.users", []), CmdVarTab.Empty, statePath, TimeProvider.System);

        // 3. listeners
        if (server.Bind(conf.Listen, o.Ipv4Only, o.Ipv6Only) == 0)
        {
            NutLog.Fatal("no listening interface available");
            return 1;
        }

        // 4. privileges, chroot, state path
        if (o.Chroot is not null && Libc.Chroot(o.Chroot) != 0)
        {
            NutLog.Fatal($"chroot({o.Chroot}): {Libc.StrError(Marshal.GetLastPInvokeError())}");
            return 1;
        }
        if (Privileges.EffectiveRunAs(o.User) is { } user && Privileges.SwitchTo(user) is { } switchError)
        {
            NutLog.Fatal(switchError);
            return 1;
        }
        // TLS after the switch, as NUT's ssl_init: the key file must be readable by upsd's own user.
        if (Tls.UpsdTls.Configure(conf) is { } tlsError)
        {
            NutLog.Fatal(tlsError);
            return 1;
        }
        try
        {
            Directory.SetCurrentDirectory(statePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            NutLog.Fatal($"Can't chdir to {statePath}: {ConfigFile.Reason(e)}");
            return 1;
        }

        // 5-7. ups.conf, drivers, cmdvartab, users
        UpsConf upsConf;
        UpsdUsers users;
        try
        {
            upsConf = LoadUpsConf();
            users = LoadUsers();
        }
        catch (ConfigException e)
        {
            NutLog.Fatal(e.Message);
            return 1;
        }
        if (upsConf.Sections.Count == 0)
            NutLog.Warning("Warning: no UPS definitions in ups.conf");
        server.ApplyUpsConf(upsConf).GetAwaiter().GetResult();
        if (server.UpsList.Count == 0)
        {
            if (!AllowNoDevice(conf))
            {
                NutLog.Fatal("Fatal error: at least one UPS must be defined in ups.conf");
                return 1;
            }
            NutLog.Warning("Normally at least one UPS must be defined in ups.conf, currently there are none (please configure the file and reload the service)");
        }
        server.ApplyDescriptions(LoadDescriptions(dataPath));
        server.ApplyUsers(users);

        // 8. run
        if (writePidFile)
            PidFile.Write(pidFile, Environment.ProcessId);
        else
            NutLog.Info("Running as foreground process, not saving a PID file");
        if (isChild)
            NutLog.UseSyslog("upsd");

        using var stop = new ManualResetEventSlim();
        int exitSignal = 0;
        var reloadRequests = new SemaphoreSlim(0);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; reloadRequests.Release(); });
        Action<PosixSignalContext> onStop = c => { c.Cancel = true; exitSignal = SignalNumber(c.Signal); stop.Set(); };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onStop);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, onStop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, onStop);

        server.Start();
        Background.ReportReady();
        SdNotify.Ready();
        HeapTrim.Start();
        var reloader = Task.Run(async () =>
        {
            while (true)
            {
                await reloadRequests.WaitAsync().ConfigureAwait(false);
                if (stop.IsSet) return;
                await Reload(server, confPath, dataPath).ConfigureAwait(false);
            }
        });
        stop.Wait();
        SdNotify.Stopping();
        NutLog.Info($"Signal {exitSignal}: exiting");
        reloadRequests.Release();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (writePidFile)
            PidFile.Remove(pidFile);
        return 0;
    }

    static int SignalNumber(PosixSignal s) => s switch
    {
        PosixSignal.SIGTERM => Libc.SIGTERM,
        PosixSignal.SIGINT => Libc.SIGINT,
        PosixSignal.SIGQUIT => Libc.SIGQUIT,
        _ => (int)s,
    };

    /// <summary>SIGHUP: read all three files again; when any of them is broken, keep the old configuration.</summary>
    static async Task Reload(UpsdServer server, string confPath, string dataPath)
    {
        NutLog.Info("SIGHUP: reloading configuration");
        try
        {
            var conf = LoadUpsdConf(confPath);
            var upsConf = LoadUpsConf();
            var users = LoadUsers();
            server.ApplyConf(conf);
            server.ApplyUsers(users);
            await server.ApplyUpsConf(upsConf).ConfigureAwait(false);
            server.ApplyDescriptions(LoadDescriptions(conf.DataPath ?? dataPath));
        }
        catch (ConfigException e)
        {
            NutLog.Error($"Reload failed, keeping the previous configuration: {e.Message}");
        }
    }

    static UpsdConf LoadUpsdConf(string path)
    {
        var conf = UpsdConf.Load(path);
        if (ConfigFile.IsWorldReadable(path))
            NutLog.Warning($"{path} is world readable");
        Report(conf.Diagnostics);
        return conf;
    }

    static UpsConf LoadUpsConf()
    {
        var conf = UpsConf.Load(NutPaths.ConfFile("ups.conf"));
        Report(conf.Diagnostics);
        return conf;
    }

    static UpsdUsers LoadUsers()
    {
        string path = NutPaths.ConfFile("upsd.users");
        var users = UpsdUsers.Load(path);
        if (ConfigFile.IsWorldReadable(path))
            NutLog.Warning($"{path} is world readable");
        Report(users.Diagnostics);
        return users;
    }

    static CmdVarTab LoadDescriptions(string dataPath)
    {
        var table = CmdVarTab.TryLoad(dataPath);
        if (table is null)
            NutLog.Info($"{Path.Combine(dataPath, CmdVarTab.FileName)} not found - disabling descriptions");
        return table ?? CmdVarTab.Empty;
    }

    static bool AllowNoDevice(UpsdConf conf)
    {
        string? env = Environment.GetEnvironmentVariable("ALLOW_NO_DEVICE");
        if (env is { Length: > 0 })
        {
            string e = env.ToUpperInvariant();
            if (e.StartsWith("TRUE") || e.StartsWith("YES") || e.StartsWith("ON") || e.StartsWith('1')) return true;
            if (e.StartsWith("FALSE") || e.StartsWith("NO") || e.StartsWith("OFF") || e.StartsWith('0')) return false;
        }
        return conf.AllowNoDevice;
    }

    static void Report(IEnumerable<ConfigDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
            NutLog.Warning(d.ToString());
    }
}
