using System.Diagnostics;
using Nut.Core.Config;
using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Platform;

namespace Nut.Drivers.Upsdrvctl;

/// <summary>
/// upsdrvctl (spec/tools.md §5): starts, stops and shuts down the drivers of ups.conf. A driver is started
/// as <c>&lt;driverpath&gt;/&lt;driver&gt; -a &lt;ups&gt;</c> and waited for (it exits once it is in the background),
/// bounded by maxstartdelay, retried maxretry times; stop signals the PID file; shutdown runs
/// <c>-k</c> in sdorder groups.
/// </summary>
public static class UpsdrvctlProgram
{
    static readonly string UsageText = """
        Starts and stops UPS drivers via ups.conf.

        usage: {0} [OPTIONS] (start | stop | shutdown) [<ups>]

          -h			display this help
          -r <path>		drivers will chroot to <path>
          -t			testing mode - prints actions without doing them
          -u <user>		drivers started will switch from root to <user>
          -D            	raise debugging level
          -d            	pass debugging level from upsdrvctl to driver
          start			start all UPS drivers in ups.conf
          start	<ups>		only start driver for UPS <ups>
          stop			stop all UPS drivers in ups.conf
          stop <ups>		only stop driver for UPS <ups>
          shutdown		shutdown all UPS drivers in ups.conf
          shutdown <ups>	only shutdown UPS <ups>

        """;

    const string DebugAdvice = """

        If you're not a NUT core developer, chances are that you're told to enable debugging
        to see why a driver isn't working for you. We're sorry for the confusion, but this is
        the 'upsdrvctl' wrapper, not the driver you're interested in.

        Below you'll find one or more lines starting with 'exec:' followed by an absolute
        path to the driver binary and some command line option. This is what the driver
        starts and you need to copy and paste that line and append the debug flags to that
        line (less the 'exec:' prefix).

        Alternately, provide an additional '-d' (lower-case) parameter to 'upsdrvctl' to
        pass its current debug level to the launched driver.

        """;

    sealed class Options
    {
        public bool Testing;
        public bool PassDebug;
        public string? User;
        public string? Chroot;
        /// <summary>-F (NUT 2.8.1+: drivers stay in the foreground of upsdrvctl). With start, ours also
        /// supervises them: see <see cref="DriverSupervisor"/>.</summary>
        public bool Foreground;
    }

    public static int Run(string[] args)
    {
        Console.Out.Write($"Network UPS Tools - UPS driver controller {NutVersion.Release}\n");
        Console.Out.Flush();
        var parsed = GetOpt.Parse(args, "+htu:r:DdVFB");
        var o = new Options();
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'h': Usage(); return 0;
                case 'V': return 0;
                case 't': o.Testing = true; break;
                case 'u': o.User = arg; break;
                case 'r': o.Chroot = arg; break;
                case 'D': NutLog.DebugLevel++; break;
                case 'd': o.PassDebug = true; break;
                case 'F': o.Foreground = true; break;
                case 'B': o.Foreground = false; break; // drivers go to the background: the default
                default: Usage(); return 0;
            }
        }
        if (parsed.Operands.Count < 1)
        {
            Usage();
            return 0;
        }
        string command = parsed.Operands[0];
        string? only = parsed.Operands.Count > 1 ? parsed.Operands[1] : null;
        if (command is not ("start" or "stop" or "shutdown"))
        {
            NutLog.Fatal($"Error: unrecognized command [{command}]");
            return 1;
        }
        if (o.Testing)
        {
            Console.Out.Write("*** Testing mode: not calling exec/kill\n");
            Console.Out.Flush();
            NutLog.DebugLevel = Math.Max(NutLog.DebugLevel, 2);
        }
        NutLog.Debug(2, DebugAdvice);

        UpsConf conf;
        try
        {
            conf = UpsConf.Load(NutPaths.ConfFile("ups.conf"));
        }
        catch (ConfigException e)
        {
            NutLog.Fatal(e.Message);
            return 1;
        }
        foreach (var d in conf.Diagnostics)
            NutLog.Warning(d.ToString());
        var sections = conf.Sections.Where(s => s.Driver is not null).ToList();
        if (sections.Count == 0)
        {
            NutLog.Fatal("Error: no UPS definitions found in ups.conf");
            return 1;
        }
        if (only is not null)
        {
            sections = sections.Where(s => s.Name == only).ToList();
            if (sections.Count == 0)
            {
                NutLog.Fatal($"UPS {only} not found in ups.conf");
                return 1;
            }
        }
        string driverPath = conf.DriverPath ?? DefaultDriverPath();
        if (command == "start" && o.Foreground && !o.Testing)
            return Supervise(sections, conf, driverPath, o);
        bool failed = command switch
        {
            "start" => Start(sections, conf, driverPath, o),
            "stop" => Stop(sections, o),
            _ => Shutdown(sections, driverPath, o),
        };
        return failed ? 1 : 0;
    }

    /// <summary>Without <c>driverpath</c>, drivers are expected beside upsdrvctl (our links all live together).</summary>
    static string DefaultDriverPath() => Path.GetDirectoryName(SelfPath.Resolve()) ?? "/lib/nut";

    static void Usage()
    {
        Console.Out.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, UsageText, ProcessName.Current));
        Console.Out.Flush();
    }

    static List<string> DriverArgs(UpsSection ups, Options o, params string[] extra)
    {
        var args = new List<string>();
        if (o.PassDebug && NutLog.DebugLevel > 0)
            args.Add("-" + new string('D', NutLog.DebugLevel));
        args.AddRange(extra);
        args.Add("-a");
        args.Add(ups.Name);
        if (o.Chroot is not null) { args.Add("-r"); args.Add(o.Chroot); }
        if (o.User is not null) { args.Add("-u"); args.Add(o.User); }
        return args;
    }

    static bool Start(List<UpsSection> sections, UpsConf conf, string driverPath, Options o)
    {
        bool failed = false;
        foreach (var ups in sections)
        {
            NutLog.Debug(1, $"Starting UPS: {ups.Name}");
            string exe = Path.Combine(driverPath, ups.Driver!);
            var args = DriverArgs(ups, o);
            int delay = ups.MaxStartDelay ?? conf.MaxStartDelay;
            bool ok = false;
            for (int attempt = conf.MaxRetry; attempt > 0 && !ok; attempt--)
            {
                NutLog.Debug(2, $"{attempt} remaining attempts");
                NutLog.Debug(2, $"exec:  {exe} {string.Join(' ', args)}");
                if (o.Testing) { ok = true; break; }
                if (!File.Exists(exe))
                {
                    NutLog.Fatal($"Can't start {exe}: No such file or directory");
                    Environment.Exit(1);
                }
                ok = RunDriver(exe, args, conf.NoWait ? TimeSpan.Zero : TimeSpan.FromSeconds(delay));
                if (!ok && attempt > 1)
                    Thread.Sleep(TimeSpan.FromSeconds(conf.RetryDelay));
            }
            failed |= !ok;
        }
        return failed;
    }

    /// <summary>-F start: every driver in the foreground, restarted when it dies, until upsdrvctl is stopped.</summary>
    static int Supervise(List<UpsSection> sections, UpsConf conf, string driverPath, Options o)
    {
        var drivers = new List<(UpsSection, string, List<string>)>();
        foreach (var ups in sections)
        {
            string exe = Path.Combine(driverPath, ups.Driver!);
            if (!File.Exists(exe))
            {
                NutLog.Fatal($"Can't start {exe}: No such file or directory");
                return 1;
            }
            NutLog.Debug(1, $"Starting UPS: {ups.Name}");
            drivers.Add((ups, exe, DriverArgs(ups, o, "-F")));
        }
        return new DriverSupervisor(drivers, conf).Run();
    }

    /// <summary>Runs the driver and waits (at most <paramref name="wait"/>) for it to go to the background.</summary>
    static bool RunDriver(string exe, List<string> args, TimeSpan wait)
    {
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        if (wait == TimeSpan.Zero)
            return true;
        if (!p.WaitForExit(wait))
        {
            NutLog.Warning("Startup timer elapsed, continuing...");
            return true;
        }
        if (p.ExitCode != 0)
        {
            NutLog.Warning($"Driver failed to start (exit status={p.ExitCode})");
            return false;
        }
        return true;
    }

    static bool Stop(List<UpsSection> sections, Options o)
    {
        bool failed = false;
        foreach (var ups in sections)
        {
            NutLog.Debug(1, $"Stopping UPS: {ups.Name}");
            string pidFile = Path.Combine(NutPaths.AltPidPath, $"{ups.Driver}-{ups.Name}.pid");
            if (PidFile.Read(pidFile) is null)
            {
                string alt = Path.Combine(NutPaths.AltPidPath, $"{ups.Driver}-{Path.GetFileName(ups.Port ?? "")}.pid");
                NutLog.Warning($"Can't open {pidFile}: No such file or directory");
                if (PidFile.Read(alt) is null)
                {
                    NutLog.Warning($"Can't open {alt} either: No such file or directory");
                    failed = true;
                    continue;
                }
                pidFile = alt;
            }
            NutLog.Debug(2, $"Sending signal to {pidFile}");
            if (o.Testing)
                continue;
            if (PidFile.Signal(pidFile, Libc.SIGTERM) is not null)
            {
                NutLog.Warning($"Stopping {pidFile} failed: {Libc.StrError(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
                failed = true;
            }
        }
        return failed;
    }

    /// <summary>Runs each driver with -k, in ascending sdorder groups; sdorder -1 is never shut down.</summary>
    static bool Shutdown(List<UpsSection> sections, string driverPath, Options o)
    {
        bool failed = false;
        foreach (var group in sections.Where(s => s.SdOrder >= 0).GroupBy(s => s.SdOrder).OrderBy(g => g.Key))
        {
            foreach (var ups in group)
            {
                NutLog.Debug(1, $"Shutdown UPS: {ups.Name}");
                string exe = Path.Combine(driverPath, ups.Driver!);
                var args = DriverArgs(ups, o, "-k");
                NutLog.Debug(2, $"exec:  {exe} {string.Join(' ', args)}");
                if (o.Testing)
                    continue;
                var psi = new ProcessStartInfo(exe) { UseShellExecute = false };
                foreach (var a in args) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                p.WaitForExit();
                if (p.ExitCode != 0)
                {
                    NutLog.Warning($"Driver failed to start (exit status={p.ExitCode})");
                    failed = true;
                }
            }
        }
        return failed;
    }
}
