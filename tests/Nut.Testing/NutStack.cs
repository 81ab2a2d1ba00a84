using System.Net.Sockets;
using System.Text;

namespace Nut.Testing;

/// <summary>Which implementation a program comes from.</summary>
public enum Impl { Ours, Debian }

/// <summary>A UPS to serve: its ups.conf section name and data file (.dev / .seq), plus extra section lines.</summary>
public sealed record StackUps(string Name, string DataFile, string? Desc = null, string Extra = "", bool RunDriver = true);

/// <summary>
/// A running NUT stack in a scratch directory: drivers (dummy-ups) and upsd, each ours or Debian's, on
/// 127.0.0.1 and a free port, with NUT_CONFPATH / NUT_STATEPATH / NUT_ALTPIDPATH pointing at the scratch dir.
/// Users: admin/mypass (SET, FSD, all commands), mon/monpw (upsmon primary), sec/secpw (upsmon secondary).
/// Dispose stops everything.
/// </summary>
public sealed class NutStack : IDisposable
{
    readonly List<Daemon> _drivers = [];
    Daemon? _upsd;

    /// <summary>The accounts every test stack has: admin/mypass (SET, FSD, every command), mon/monpw (upsmon
    /// primary), sec/secpw (upsmon secondary).</summary>
    public const string Users = """
        [admin]
        	password = mypass
        	actions = SET FSD
        	instcmds = ALL
        [mon]
        	password = monpw
        	upsmon primary
        [sec]
        	password = secpw
        	upsmon secondary

        """;

    public NutStack(Impl upsd, Impl driver, IReadOnlyList<StackUps> upses, int maxAge = 15, string extraUpsdConf = "")
    {
        UpsdImpl = upsd;
        DriverImpl = driver;
        Upses = upses;
        Dir = new TempDir("stack");
        Port = FreePort.Next();
        var ups = new StringBuilder();
        foreach (var u in upses)
        {
            string file = Path.GetFileName(u.DataFile);
            string local = Path.Combine(Dir.FullPath, u.Name + "-" + file);
            if (File.Exists(u.DataFile))
            {
                File.Copy(u.DataFile, local);
                // dummy-once re-reads a file whose mtime changes; a copy stamped "now" can race with the
                // driver's start-up and be read twice (values SET in between are lost). Make it plainly old.
                File.SetLastWriteTimeUtc(local, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            }
            ups.Append($"[{u.Name}]\n\tdriver = dummy-ups\n\tport = {Path.GetFileName(local)}\n");
            if (u.Desc is not null) ups.Append($"\tdesc = \"{u.Desc}\"\n");
            ups.Append(u.Extra);
        }
        Dir.Write("ups.conf", ups.ToString());
        Dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {Port}\nMAXAGE {maxAge}\n{extraUpsdConf}");
        Dir.Write("upsd.users", Users);
        File.SetUnixFileMode(Dir["upsd.users"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(Dir["upsd.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public Impl UpsdImpl { get; }
    public Impl DriverImpl { get; }
    public IReadOnlyList<StackUps> Upses { get; }
    public TempDir Dir { get; }
    public int Port { get; }

    public Dictionary<string, string> Env => new()
    {
        ["NUT_CONFPATH"] = Dir.FullPath,
        ["NUT_STATEPATH"] = Dir.FullPath,
        ["NUT_ALTPIDPATH"] = Dir.FullPath,
    };

    /// <summary>Environment for upsd only, on top of <see cref="Env"/> (set before <see cref="Start"/>).</summary>
    public Dictionary<string, string> UpsdEnv { get; } = [];

    public static string Program(Impl impl, string name) => impl == Impl.Ours ? Paths.Ours(name) : Paths.Debian(name);

    /// <summary>Starts the drivers and upsd, and waits until every UPS has its data in (no WAIT, no error).</summary>
    public NutStack Start(bool waitForData = true)
    {
        foreach (var u in Upses.Where(u => u.RunDriver))
            StartDriver(u.Name);
        StartUpsd();
        if (waitForData)
            WaitForData(TimeSpan.FromSeconds(30));
        return this;
    }

    public Daemon StartDriver(string upsName)
    {
        var d = Proc.Start(Program(DriverImpl, "dummy-ups"), ["-a", upsName, "-u", "root", "-F"], Env, Dir.FullPath);
        _drivers.Add(d);
        return d;
    }

    /// <summary>The running driver process of one UPS.</summary>
    public Daemon DriverOf(string upsName) =>
        _drivers.First(d => !d.HasExited && d.Process.StartInfo.ArgumentList.Contains(upsName));

    /// <summary>Kills the driver of one UPS with SIGKILL (its socket file stays, as after a crash).</summary>
    public void KillDriver(string upsName)
    {
        foreach (var d in _drivers.Where(d => !d.HasExited && d.Process.StartInfo.ArgumentList.Contains(upsName)).ToList())
        {
            d.Signal(Posix.SIGKILL);
            d.Process.WaitForExit();
            _drivers.Remove(d);
        }
    }

    public void StartUpsd()
    {
        var env = Env;
        foreach (var (name, value) in UpsdEnv)
            env[name] = value;
        _upsd = Proc.Start(Program(UpsdImpl, "upsd"), ["-u", "root", "-F"], env, Dir.FullPath);
        var end = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < end)
        {
            if (_upsd.HasExited)
                throw new InvalidOperationException("upsd exited: " + _upsd.Output);
            try
            {
                using var c = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(50); }
        }
        throw new TimeoutException("upsd did not listen: " + _upsd.Output);
    }

    public Daemon Upsd => _upsd ?? throw new InvalidOperationException("upsd not started");

    public void WaitForData(TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        using var c = Connect();
        foreach (var u in Upses.Where(u => u.RunDriver))
        {
            while (true)
            {
                string reply = c.Request($"GET VAR {u.Name} ups.status");
                if (reply.StartsWith("VAR ", StringComparison.Ordinal) && !reply.Contains("\"WAIT\"", StringComparison.Ordinal))
                    break;
                if (DateTime.UtcNow > end)
                    throw new TimeoutException($"no data for {u.Name} ({UpsdImpl} upsd, {DriverImpl} driver): {reply}\n{_upsd?.Output}");
                Thread.Sleep(100);
            }
        }
        // The dump follows ups.status; let the rest of it arrive.
        Thread.Sleep(200);
    }

    public LineClient Connect() => new("127.0.0.1", Port);

    /// <summary>Runs a program against this stack (its environment), e.g. Debian's upsc.</summary>
    public ProcResult Run(string program, params string[] args) => Proc.Run(program, args, Env, TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        _upsd?.Dispose();
        foreach (var d in _drivers)
            d.Dispose();
        Dir.Dispose();
    }
}
