using System.Runtime.InteropServices;
using Nut.Client;
using Nut.Core.Config;
using Nut.Core.Programs;
using Nut.Core.Protocol;
using Nut.Core.Text;
using Nut.Platform;

namespace Nut.Tools.Upslog;

/// <summary>
/// upslog (spec/upslog.md): writes a line of UPS values every interval, for one or several UPSes
/// (<c>-s ups -l file</c> and any number of <c>-m ups,file</c>). SIGHUP reopens the files (logrotate),
/// SIGUSR1 writes a line at once, TERM/INT/QUIT stop. A server that goes away gives NA values and a message;
/// logging carries on and the values come back with the server.
/// </summary>
public static class UpslogProgram
{
    const string Usage = """
        UPS status logger.

        usage: upslog [OPTIONS]

          -f <format>	- Log format.  See below for details.
        		- Use -f "<format>" so your shell doesn't break it up.
          -i <interval>	- Time between updates, in seconds
          -l <logfile>	- Log file name, or - for stdout (foreground by default)
          -F		- stay foregrounded even if logging into a file
          -B		- stay backgrounded even if logging to stdout
          -p <pidbase>  - Base name for PID file (defaults to "upslog")
          -s <ups>	- Monitor UPS <ups> - <upsname>@<host>[:<port>]
                	- Example: -s myups@server
          -u <user>	- Switch to <user> if started as root

        Some valid format string escapes:
        	%% insert a single %
        	%TIME format% insert the time with strftime formatting
        	%HOST% insert the local hostname
        	%UPSHOST% insert the host of the ups being monitored
        	%PID% insert the pid of upslog
        	%VAR varname% insert the value of ups variable varname

        format string defaults to:
        %TIME @Y@m@d @H@M@S% %VAR battery.charge% %VAR input.voltage% %VAR ups.load% [%VAR ups.status%] %VAR ups.temperature% %VAR input.frequency%

        See the upslog(8) man page for more information.

        """;

    sealed class Options
    {
        public string? Ups, LogPath, User;
        public string Format = LogFormat.Default;
        public int Interval = 30;
        public string PidBase = "upslog";
        public bool Foreground, Background;
        public int? MaxLines;
        public List<(string Ups, string File)> Extra = [];
    }

    public static int Run(string[] args)
    {
        SelfPath.Capture();
        Console.Out.Write($"Network UPS Tools upslog {NutVersion.Release}\n");
        Console.Out.Flush();
        var o = new Options();
        var parsed = GetOpt.Parse(args, "+hs:l:i:f:u:Vp:FBm:Dd:NW:");
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'h': Console.Out.Write(Usage); return 0;
                case 'V': return 0;
                case 's': o.Ups = arg; break;
                case 'l': o.LogPath = arg; break;
                case 'i': o.Interval = Math.Max(1, CInt.Atoi(arg!)); break;
                case 'f': o.Format = arg!; break;
                case 'u': o.User = arg; break;
                case 'p': o.PidBase = arg!; break;
                case 'F': o.Foreground = true; break;
                case 'B': o.Background = true; break;
                case 'D': NutLog.DebugLevel++; break;
                case 'd': o.MaxLines = CInt.Atoi(arg!); break;
                case 'N': o.Format = "%UPSHOST%\t" + o.Format; break;
                case 'W': break; // connect time-out (2.8.3+): our connects time out on their own
                case 'm':
                    int comma = arg!.IndexOf(',');
                    if (comma <= 0)
                    {
                        NutLog.Fatal($"Error: -m needs <ups>,<logfile>, got '{arg}'");
                        return 1;
                    }
                    o.Extra.Add((arg[..comma], arg[(comma + 1)..]));
                    break;
                default: Console.Out.Write(Usage); return 0;
            }
        }
        // The old positional form: upslog <ups> <logfile> <interval> [<format words>...]
        var operands = parsed.Operands;
        if (operands.Count is 1 or 2)
        {
            Console.Out.Write(Usage);
            return 0;
        }
        if (operands.Count >= 3)
        {
            o.Ups = operands[0];
            o.LogPath = operands[1];
            o.Interval = Math.Max(1, CInt.Atoi(operands[2]));
            if (operands.Count > 3)
                o.Format = string.Concat(operands.Skip(3).Select(w => w + " "));
        }
        var targets = new List<(string Ups, string File)>();
        if (o.Ups is not null || o.Extra.Count == 0)
        {
            if (o.Ups is null)
            {
                NutLog.Fatal("No UPS defined for monitoring - use -s <system>");
                return 1;
            }
            if (o.LogPath is null)
            {
                NutLog.Fatal("No filename defined for logging - use -l <file>");
                return 1;
            }
            targets.Add((o.Ups, o.LogPath));
        }
        targets.AddRange(o.Extra);
        return RunTargets(o, targets, args);
    }

    static int RunTargets(Options o, List<(string Ups, string File)> specs, string[] args)
    {
        var files = new Dictionary<string, LogFile>(StringComparer.Ordinal);
        var targets = new List<LogTarget>();
        foreach (var (upsText, path) in specs)
        {
            var ups = UpsAddress.TryParse(upsText, out _);
            if (ups is null)
            {
                NutLog.Fatal("Error: invalid UPS definition.  Required format: upsname[@hostname[:port]]");
                return 1;
            }
            Console.Out.Write($"logging status of {upsText} to {path} ({o.Interval}s intervals)\n");
            Console.Out.Flush();
            if (!files.TryGetValue(path, out var file))
            {
                try
                {
                    file = files[path] = new LogFile(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    NutLog.Fatal($"could not open logfile {path}: {ConfigFile.Reason(e)}");
                    return 1;
                }
            }
            var target = new LogTarget(upsText, ups, file);
            if (target.Connect(trySsl: true) is { } error)
                NutLog.Warning($"Warning: initial connect failed: {error}");
            targets.Add(target);
        }

        bool toStdout = files.ContainsKey("-");
        bool foreground = Background.IsChild || o.Foreground || (toStdout && !o.Background);
        if (!foreground)
        {
            foreach (var t in targets) t.Dispose();
            foreach (var f in files.Values) f.Dispose();
            return Background.Launch(args, TimeSpan.FromSeconds(30));
        }
        bool isChild = Background.IsChild;
        Background.DetachChild();
        string pidFile = o.PidBase.StartsWith('/') ? o.PidBase : Path.Combine(NutPaths.PidPath, o.PidBase + ".pid");
        bool writePid = isChild || o.Foreground;
        if (writePid)
        {
            try { PidFile.Write(pidFile, Environment.ProcessId); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { NutLog.Warning($"Can't write PID file {pidFile}: {ConfigFile.Reason(e)}"); writePid = false; }
        }
        if (Privileges.EffectiveRunAs(o.User) is { } user && o.User is not null && Privileges.SwitchTo(user) is { } switchError)
        {
            NutLog.Fatal(switchError);
            return 1;
        }
        if (isChild)
            NutLog.UseSyslog("upslog");
        Background.ReportReady();
        return Loop(o, targets, files.Values, pidFile, writePid);
    }

    static int Loop(Options o, List<LogTarget> targets, IEnumerable<LogFile> files, string pidFile, bool writePid)
    {
        var format = new LogFormat(o.Format);
        using var wake = new AutoResetEvent(false);
        int exitSignal = 0;
        bool reopen = false;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; exitSignal = 15; wake.Set(); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; exitSignal = 2; wake.Set(); });
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => { c.Cancel = true; exitSignal = 3; wake.Set(); });
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; reopen = true; wake.Set(); });
        // SIGUSR1: a line right now (an event script logs the values at the moment power fails).
        using var usr1 = PosixSignalRegistration.Create((PosixSignal)Libc.SIGUSR1, c => { c.Cancel = true; wake.Set(); });

        HeapTrim.Start();
        int written = 0;
        long due = Now();
        while (exitSignal == 0)
        {
            if (reopen)
            {
                reopen = false;
                NutLog.Info("Signal 1: reopening log file");
                foreach (var f in files) f.Reopen();
            }
            long now = Now();
            foreach (var t in targets)
                t.WriteLine(format, now, disconnectAfter: o.Interval > 30);
            if (o.MaxLines is { } max && ++written >= max)
                break;
            due += o.Interval;
            if (due <= Now())
                due = Now() + o.Interval; // a slow poll overran its slot: start the schedule again from now
            long waitMs = (due - Now()) * 1000;
            if (waitMs > 0)
                wake.WaitOne(TimeSpan.FromMilliseconds(waitMs));
            // Woken by SIGUSR1 or SIGHUP: the next line is written at once, the schedule restarts from it.
            if (Now() < due)
                due = Now();
        }
        if (exitSignal != 0)
            NutLog.Info($"Signal {exitSignal}: exiting");
        foreach (var t in targets) t.Dispose();
        foreach (var f in files) f.Dispose();
        if (writePid)
            PidFile.Remove(pidFile);
        return 0;
    }

    static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
