using System.Globalization;
using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>One line a NOTIFYCMD recorder wrote: when, NOTIFYTYPE, UPSNAME, its arguments and their count.</summary>
sealed record NotifyLine(double Time, string Type, string Ups, string Args, int Count, string Uid);

/// <summary>
/// Debian's upsd and dummy-ups serving one UPS "dev" (status changed with Debian's upsrw), for upsmon
/// instances — ours or Debian's — that record instead of acting: NOTIFYCMD appends its environment and
/// arguments to a file, SHUTDOWNCMD writes a marker (never a real shutdown), and a fake <c>wall</c> first
/// on PATH keeps what would have been broadcast.
/// </summary>
sealed class UpsmonRig : IDisposable
{
    readonly List<UpsmonRun> _runs = [];

    /// <param name="server">Whose upsd and dummy-ups serve the UPS (Debian's by default).</param>
    public UpsmonRig(string status = "OL", Impl server = Impl.Debian)
    {
        string device = DeviceFile(status);
        try
        {
            Stack = new NutStack(server, server, [new StackUps("dev", device)]).Start();
        }
        finally
        {
            File.Delete(device);
        }
    }

    public NutStack Stack { get; }
    public TempDir Dir => Stack.Dir;
    public string Target => $"dev@127.0.0.1:{Stack.Port}";

    static string DeviceFile(string status)
    {
        string path = Path.Combine(Path.GetTempPath(), $"nutsharp-upsmon-dev-{Guid.NewGuid():N}.dev");
        File.WriteAllText(path, $"ups.status: {status}\nbattery.charge: 100\nups.mfr: NutSharp\nups.model: Rig\n");
        return path;
    }

    /// <summary>Sets ups.status through Debian's upsrw (dummy-ups makes it writable).</summary>
    public void SetStatus(string status)
    {
        var r = Stack.Run(Paths.Debian("upsrw"), "-s", "ups.status=" + status, "-u", "admin", "-p", "mypass", Target);
        Assert.True(r.ExitCode == 0, r.ToString());
    }

    public string Status() => Stack.Run(Paths.Debian("upsc"), Target, "ups.status").Stdout.Trim();

    /// <summary>Starts an upsmon with <paramref name="settings"/> added to the recorder lines.</summary>
    /// <param name="upssched">upssched.conf lines: NOTIFYCMD then also runs that implementation's upssched,
    /// whose CMDSCRIPT records each call in script.log (see <see cref="UpsmonRun.ScriptCalls"/>).</param>
    public UpsmonRun Start(Impl impl, string name, string settings, bool primary = true, bool oneProcess = false, string user = "root", string? upssched = null)
    {
        var run = new UpsmonRun(this, impl, name, settings, primary, oneProcess, user, upssched);
        _runs.Add(run);
        return run;
    }

    public void Dispose()
    {
        foreach (var r in _runs)
            r.Dispose();
        Stack.Dispose();
    }
}

/// <summary>One upsmon process of a <see cref="UpsmonRig"/> with its own scratch folder.</summary>
sealed class UpsmonRun : IDisposable
{
    readonly Daemon _process;
    readonly string _dir;
    readonly Impl _impl;

    public UpsmonRun(UpsmonRig rig, Impl impl, string name, string settings, bool primary, bool oneProcess, string user, string? upssched = null)
    {
        _impl = impl;
        _dir = rig.Dir[name];
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        Directory.CreateDirectory(Path.Combine(_dir, "pid"));
        if (user != "root")
            File.SetUnixFileMode(_dir, (UnixFileMode)Convert.ToInt32("777", 8)); // the monitoring child writes here
        string chain = "";
        if (upssched is not null)
        {
            // upssched of the same implementation, with its own configuration folder and a recording CMDSCRIPT.
            Directory.CreateDirectory(Path.Combine(_dir, "sched"));
            Script("cmd.sh", $"echo \"$(date +%s.%N)|$1|$UPSNAME|$NOTIFYTYPE\" >> {_dir}/script.log\n");
            File.WriteAllText(Path.Combine(_dir, "sched", "upssched.conf"),
                $"CMDSCRIPT {_dir}/cmd.sh\nPIPEFN {_dir}/sched/pipe\nLOCKFN {_dir}/sched/lock\n{upssched.Replace("\r", "")}\n");
            string program = impl == Impl.Ours ? Paths.Ours("upssched") : Paths.Debian("upssched");
            chain = $"NUT_CONFPATH={_dir}/sched {program} \"$@\"\n";
        }
        Script("notify.sh", $"echo \"$(date +%s.%N)|$NOTIFYTYPE|$UPSNAME|$*|$#|$(id -u)\" >> {_dir}/notify.log\n{chain}");
        Script("shutdown.sh", $"date +%s.%N >> {_dir}/shutdown.log\nid -u > {_dir}/shutdown.uid\n");
        Script("bin/wall", $"cat >> {_dir}/wall.log\n");
        string flags = string.Concat(new[] { "ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "REPLBATT", "NOCOMM", "NOPARENT" }
            .Select(t => $"NOTIFYFLAG {t} SYSLOG+WALL+EXEC\n"));
        string conf = Path.Combine(_dir, "upsmon.conf");
        File.WriteAllText(conf,
            $"MONITOR {rig.Target} 1 {(primary ? "mon monpw primary" : "sec secpw secondary")}\n"
            + $"SHUTDOWNCMD \"{_dir}/shutdown.sh\"\nNOTIFYCMD {_dir}/notify.sh\nPOWERDOWNFLAG {_dir}/killpower\n"
            + flags + settings.Replace("\r", "") + "\n");
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = rig.Stack.Env;
        env["PATH"] = Path.Combine(_dir, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        env["NUT_PIDPATH"] = Path.Combine(_dir, "pid");
        Env = env;
        ConfigFile = conf;
        string[] args = oneProcess ? ["-F", "-p", "-u", user, "-f", conf] : ["-F", "-u", user, "-f", conf];
        _process = impl == Impl.Ours
            ? Proc.Start(Paths.Ours("upsmon"), args, env, _dir)
            : DebianUpsmon.Start(args, env, _dir, oneProcess);
        Started = DateTime.UtcNow;
    }

    void Script(string name, string body)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    public DateTime Started { get; }
    /// <summary>The environment it runs with (NUT_PIDPATH, PATH with the fake wall, the stack's paths).</summary>
    public Dictionary<string, string> Env { get; }
    public string ConfigFile { get; }
    public int Pid => _process.Pid;
    public Daemon Process => _process;

    /// <summary>The user id SHUTDOWNCMD ran as, or null.</summary>
    public string? ShutdownUser => File.Exists(Path.Combine(_dir, "shutdown.uid")) ? File.ReadAllText(Path.Combine(_dir, "shutdown.uid")).Trim() : null;

    /// <summary>Runs our upsmon again with these arguments, in this one's environment (for -c, -K).</summary>
    public ProcResult Command(params string[] args) => Proc.Run(Paths.Ours("upsmon"), args, Env, TimeSpan.FromSeconds(30));
    public string Output => _process.Output;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.Process.ExitCode;
    public string PidFile => Path.Combine(_dir, "pid", "upsmon.pid");

    public List<NotifyLine> Notifications => Lines("notify.log").Select(l => l.Split('|')).Where(p => p.Length >= 6)
        .Select(p => new NotifyLine(double.Parse(p[0], CultureInfo.InvariantCulture), p[1], p[2], p[3], int.Parse(p[4], CultureInfo.InvariantCulture), p[5]))
        .OrderBy(n => n.Time).ToList();

    /// <summary>The notification types in the order upsmon sent them. NOTIFYCMD runs are not waited for, so
    /// two sent together may finish in either order; the SYSLOG copies on stderr show the real order.</summary>
    public List<string> Types
    {
        get
        {
            var byMessage = new Dictionary<string, string>();
            foreach (var n in Notifications)
                byMessage[n.Args] = n.Type;
            return Output.Split('\n').Select(l => l.Split('\t')[^1])
                .Where(byMessage.ContainsKey).Select(l => byMessage[l]).ToList();
        }
    }

    /// <summary>When SHUTDOWNCMD ran (Unix seconds), or null.</summary>
    public double? ShutdownTime => Lines("shutdown.log").Select(l => (double?)double.Parse(l, CultureInfo.InvariantCulture)).FirstOrDefault();

    /// <summary>CMDSCRIPT calls through upssched: (time, argument, UPSNAME, NOTIFYTYPE).</summary>
    public List<(double Time, string Arg, string Ups, string Type)> ScriptCalls => Lines("script.log").Select(l => l.Split('|')).Where(p => p.Length == 4)
        .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), p[1], p[2], p[3])).OrderBy(c => c.Item1).ToList();

    public string? PowerDownFlag => File.Exists(Path.Combine(_dir, "killpower")) ? File.ReadAllText(Path.Combine(_dir, "killpower")) : null;

    public string Wall => File.Exists(Path.Combine(_dir, "wall.log")) ? File.ReadAllText(Path.Combine(_dir, "wall.log")) : "";

    List<string> Lines(string file)
    {
        string path = Path.Combine(_dir, file);
        return File.Exists(path) ? [.. File.ReadAllLines(path)] : [];
    }

    /// <summary>Waits (up to 30 s) until <paramref name="condition"/> holds.</summary>
    public void WaitFor(Func<UpsmonRun, bool> condition, string what)
    {
        var end = DateTime.UtcNow.AddSeconds(30);
        while (!condition(this))
        {
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"{_impl} upsmon: no {what}; notifications: {string.Join(",", Types)}\n{Output}");
            Thread.Sleep(50);
        }
    }

    public void WaitForType(string type, int count = 1) => WaitFor(r => r.Notifications.Count(n => n.Type == type) >= count, type);

    /// <summary>
    /// Waits until a notification's message is in upsmon's captured log too (<see cref="Types"/>): the last
    /// lines of a process that has exited can reach the test after its exit is seen.
    /// </summary>
    public void WaitForLogged(string type) => WaitFor(r => r.Types.Contains(type), $"{type} in upsmon's log");

    public void WaitForExit()
    {
        if (!_process.Process.WaitForExit(30_000))
            throw new TimeoutException($"{_impl} upsmon did not exit\n{Output}");
    }

    /// <summary>Stops it as an administrator would (the monitoring process, whose PID is in the PID file), so
    /// that a split-process upsmon leaves no orphan behind.</summary>
    bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited && _impl == Impl.Ours && Nut.Platform.PidFile.Read(PidFile) is { } pid)
        {
            Posix.Kill(pid, Posix.SIGTERM);
            _process.Process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}

/// <summary>
/// Debian's upsmon writes its PID file to /run/nut, compiled in. Each one runs in a private mount namespace
/// with its own empty /run/nut (unshare), so several can run at once — here and in other test runs.
/// Where that is not possible, /run/nut is used as it is and the runs take turns (a file lock).
/// </summary>
static class DebianUpsmon
{
    static readonly Lazy<bool> s_canUnshare = new(() =>
    {
        try
        {
            return Proc.Run("unshare", ["--mount", "sh", "-c", "mount -t tmpfs tmpfs /run/nut"], timeout: TimeSpan.FromSeconds(10)).ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return false;
        }
    });

    public static Daemon Start(string[] args, Dictionary<string, string> env, string dir, bool oneProcess)
    {
        Directory.CreateDirectory("/run/nut");
        if (!oneProcess)
            throw new ArgumentException("Debian's upsmon runs with -p here: its split child would outlive a SIGTERM to the parent");
        if (s_canUnshare.Value)
            return Proc.Start("unshare", ["--mount", "sh", "-c", "mount -t tmpfs tmpfs /run/nut && exec \"$0\" \"$@\"", Paths.Debian("upsmon"), .. args], env, dir);
        // Fallback: one at a time, machine-wide; upsmon inherits the locked descriptor and holds it to its end.
        return Proc.Start("sh", ["-c", "exec 9>/tmp/nutsharp-debian-upsmon.lock && flock 9 && rm -f /run/nut/upsmon.pid && exec \"$0\" \"$@\"",
            Paths.Debian("upsmon"), .. args], env, dir);
    }
}
