using System.Globalization;
using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Monitor.Tests;

/// <summary>
/// A network partition between a primary and a secondary, with real network namespaces (the tests run as root):
/// the primary side (our upsd, fed by our dummy-ups, and our upsmon primary) in one namespace, two secondaries
/// — ours and Debian's upsmon 2.8.0 — in another, joined by a veth pair with private addresses. Taking the link
/// down is the partition. Both secondaries must decide the same: last seen on line → COMMBAD and NOCOMM, no
/// shutdown, COMMOK when the link is back; last seen on battery → after DEADTIME the UPS counts as critical and
/// the secondary shuts down ("Giving up on the primary").
/// </summary>
[Collection("processes")]
public sealed class PartitionTests(ITestOutputHelper output)
{
    const int DeadTime = 4;
    static readonly string Settings = $"POLLFREQ 1\nPOLLFREQALERT 1\nDEADTIME {DeadTime}\nNOCOMMWARNTIME 3\nHOSTSYNC 2\nFINALDELAY 0\n";

    /// <summary>Two namespaces of this test's own (unique names) and the veth pair between them; Dispose deletes
    /// the namespaces, which takes the pair with them, whatever state the test ended in.</summary>
    sealed class Partition : IDisposable
    {
        public const string PrimaryAddress = "10.200.0.1", SecondaryAddress = "10.200.0.2";
        readonly string _link;

        public Partition()
        {
            string id = Guid.NewGuid().ToString("N")[..8];
            Primary = "nutsharp-p-" + id;
            Secondary = "nutsharp-s-" + id;
            _link = "nsp" + id;
            try
            {
                Ip("netns", "add", Primary);
                Ip("netns", "add", Secondary);
                Ip("link", "add", _link, "netns", Primary, "type", "veth", "peer", "name", "nss" + id, "netns", Secondary);
                Ip("-n", Primary, "addr", "add", PrimaryAddress + "/30", "dev", _link);
                Ip("-n", Secondary, "addr", "add", SecondaryAddress + "/30", "dev", "nss" + id);
                foreach (var (ns, dev) in new[] { (Primary, _link), (Secondary, "nss" + id), (Primary, "lo"), (Secondary, "lo") })
                    Ip("-n", ns, "link", "set", dev, "up");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Primary { get; }
        public string Secondary { get; }

        /// <summary>The cable is pulled on the primary's side: the secondary's packets go nowhere.</summary>
        public void Cut() => Ip("-n", Primary, "link", "set", _link, "down");
        public void Heal() => Ip("-n", Primary, "link", "set", _link, "up");

        static void Ip(params string[] args)
        {
            var r = Proc.Run("ip", args, timeout: TimeSpan.FromSeconds(20));
            if (r.ExitCode != 0)
                throw new InvalidOperationException($"ip {string.Join(' ', args)}: {r}");
        }

        public void Dispose()
        {
            foreach (var ns in new[] { Secondary, Primary })
                Proc.Run("ip", ["netns", "del", ns], timeout: TimeSpan.FromSeconds(20)); // fails harmlessly if never made
        }
    }

    /// <summary>An upsmon that records: NOTIFYCMD appends "time|type|message", SHUTDOWNCMD the time.</summary>
    sealed class Recorder : IDisposable
    {
        readonly string _dir;

        public Recorder(TempDir root, string name, string monitor, Func<string[], Dictionary<string, string>, string, Daemon> start, Dictionary<string, string> env)
        {
            _dir = root[name];
            Directory.CreateDirectory(_dir);
            Script("notify.sh", $"echo \"$(date +%s.%N)|$NOTIFYTYPE|$*\" >> {_dir}/notify.log\n");
            Script("shutdown.sh", $"date +%s.%N >> {_dir}/shutdown.log\n");
            string flags = string.Concat(new[] { "ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "NOCOMM" }.Select(t => $"NOTIFYFLAG {t} SYSLOG+EXEC\n"));
            string conf = Path.Combine(_dir, "upsmon.conf");
            File.WriteAllText(conf, $"MONITOR {monitor}\nSHUTDOWNCMD \"{_dir}/shutdown.sh\"\nNOTIFYCMD {_dir}/notify.sh\n{flags}{Settings}");
            File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var myEnv = new Dictionary<string, string>(env) { ["NUT_PIDPATH"] = _dir };
            Process = start(["-F", "-p", "-f", conf], myEnv, _dir);
        }

        void Script(string name, string body)
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, "#!/bin/sh\n" + body);
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        public Daemon Process { get; }

        public List<(double Time, string Type)> Notes => Lines("notify.log").Select(l => l.Split('|')).Where(p => p.Length >= 3)
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), p[1])).OrderBy(n => n.Item1).ToList();

        public List<string> Types => Notes.Select(n => n.Type).ToList();

        public double? ShutdownAt => Lines("shutdown.log").Select(l => (double?)double.Parse(l, CultureInfo.InvariantCulture)).FirstOrDefault();

        /// <summary>Where a message first appears in upsmon's own log (stderr): the order upsmon decided in.</summary>
        public int LogIndex(string text) => Process.Output.IndexOf(text, StringComparison.Ordinal);
        public int LastLogIndex(string text) => Process.Output.LastIndexOf(text, StringComparison.Ordinal);

        List<string> Lines(string file)
        {
            string path = Path.Combine(_dir, file);
            return File.Exists(path) ? [.. File.ReadAllLines(path)] : [];
        }

        public void Dispose() => Process.Dispose();
    }

    sealed class Rig : IDisposable
    {
        public readonly Partition Net = new();
        public readonly NutStack Stack;
        public readonly Daemon Upsd;
        public readonly Recorder Primary, Ours, Debian;

        public Rig()
        {
            string device = Path.Combine(Path.GetTempPath(), $"nutsharp-partition-{Guid.NewGuid():N}.dev");
            File.WriteAllText(device, "ups.status: OL\nbattery.charge: 100\nups.mfr: NutSharp\nups.model: Partition\n");
            try
            {
                Stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", device)]);
            }
            finally
            {
                File.Delete(device);
            }
            try
            {
                // upsd listens on the primary namespace's loopback (its own upsmon) and on the link.
                Stack.Dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {Stack.Port}\nLISTEN {Partition.PrimaryAddress} {Stack.Port}\nMAXAGE 15\n");
                File.SetUnixFileMode(Stack.Dir["upsd.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Stack.StartDriver("dev"); // a Unix socket: the file system is shared across network namespaces
                Upsd = Proc.Start("ip", ["netns", "exec", Net.Primary, Paths.Ours("upsd"), "-u", "root", "-F"], Stack.Env, Stack.Dir.FullPath);
                WaitFor(() => Upsc("ups.status") == "OL", "upsd in the primary namespace", Upsd);

                Primary = new Recorder(Stack.Dir, "primary", $"dev@127.0.0.1:{Stack.Port} 1 mon monpw primary",
                    (args, env, dir) => Proc.Start("ip", ["netns", "exec", Net.Primary, Paths.Ours("upsmon"), .. args], env, dir), Stack.Env);
                string remote = $"dev@{Partition.PrimaryAddress}:{Stack.Port} 1 sec secpw secondary";
                Ours = new Recorder(Stack.Dir, "ours", remote,
                    (args, env, dir) => Proc.Start("ip", ["netns", "exec", Net.Secondary, Paths.Ours("upsmon"), .. args], env, dir), Stack.Env);
                // Debian's upsmon keeps its PID file in /run/nut whatever NUT_PIDPATH says: a tmpfs of its own there
                // (ip netns exec runs it in a mount namespace of its own, so the tmpfs is seen by nobody else).
                Debian = new Recorder(Stack.Dir, "debian", remote,
                    (args, env, dir) => Proc.Start("ip", ["netns", "exec", Net.Secondary, "sh", "-c", "mount -t tmpfs tmpfs /run/nut && exec \"$0\" \"$@\"", Paths.Debian("upsmon"), .. args], env, dir),
                    Stack.Env);
                WaitFor(() => Clients() == 3, "three upsmon logins", Upsd);
                Thread.Sleep(2500); // a few quiet polls: OL at start notifies nothing
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>How many clients are logged in to the UPS (upsc -c lists one address a line).</summary>
        public int Clients()
        {
            var r = Proc.Run("ip", ["netns", "exec", Net.Primary, Paths.Debian("upsc"), "-c", $"dev@127.0.0.1:{Stack.Port}"], Stack.Env, TimeSpan.FromSeconds(20));
            return r.ExitCode == 0 ? r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length : -1;
        }

        /// <summary>A variable read inside the primary namespace with Debian's upsc.</summary>
        public string Upsc(string variable)
        {
            var r = Proc.Run("ip", ["netns", "exec", Net.Primary, Paths.Debian("upsc"), $"dev@127.0.0.1:{Stack.Port}", variable], Stack.Env, TimeSpan.FromSeconds(20));
            return r.ExitCode == 0 ? r.Stdout.Trim() : r.Stderr.Trim();
        }

        public void SetStatus(string status)
        {
            var r = Proc.Run("ip", ["netns", "exec", Net.Primary, Paths.Debian("upsrw"), "-s", "ups.status=" + status, "-u", "admin", "-p", "mypass", $"dev@127.0.0.1:{Stack.Port}"],
                Stack.Env, TimeSpan.FromSeconds(20));
            Assert.True(r.ExitCode == 0, r.ToString());
        }

        /// <param name="mayExit">upsmon ends after a shutdown: then only the time limit counts.</param>
        public static void WaitFor(Func<bool> condition, string what, Daemon watched, double seconds = 40, bool mayExit = false)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            while (!condition())
            {
                if (DateTime.UtcNow > end || (watched.HasExited && !mayExit))
                    throw new TimeoutException($"waited in vain for {what}:\n{watched.Output}");
                Thread.Sleep(100);
            }
        }

        public void Dispose()
        {
            foreach (var d in new IDisposable?[] { Debian, Ours, Primary, Upsd })
                d?.Dispose();
            Stack?.Dispose();
            Net.Dispose();
        }
    }

    static double Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>One rig, two partitions (setting up namespaces and five processes costs more than either):
    /// first with the UPS on line, then, the link healed, with the UPS on battery.</summary>
    [Fact]
    public void APartitionOnLineIsSurvivedAndOneOnBatteryEndsInTheSecondarysShutdown()
    {
        using var rig = new Rig();

        // 1. On line: COMMBAD, NOCOMM, no shutdown however long it lasts, COMMOK when the link is back.
        double cut = Now;
        rig.Net.Cut();
        foreach (var r in new[] { rig.Ours, rig.Debian })
            Rig.WaitFor(() => r.Types.Contains("NOCOMM"), "NOCOMM on the far side", r.Process);
        Rig.WaitFor(() => Now - cut > DeadTime + 3, "DEADTIME to pass well", rig.Ours.Process);
        rig.Net.Heal();
        foreach (var r in new[] { rig.Ours, rig.Debian })
            Rig.WaitFor(() => r.Types.Contains("COMMOK"), "COMMOK once the link is back", r.Process);
        foreach (var (name, r) in new[] { ("ours", rig.Ours), ("Debian's", rig.Debian) })
        {
            output.WriteLine($"on line, {name}: COMMBAD {r.Notes.First(n => n.Type == "COMMBAD").Time - cut:0.0} s after the cut, NOCOMM {r.Notes.First(n => n.Type == "NOCOMM").Time - cut:0.0} s; {string.Join(",", r.Types)}");
            Assert.Equal(["COMMBAD", "NOCOMM", "COMMOK"], r.Types.Distinct());
            Assert.Null(r.ShutdownAt);
        }

        // 2. On battery: after DEADTIME without a poll the UPS counts as run down; the secondary gives up on
        // the primary and shuts down.
        double second = Now;
        rig.SetStatus("OB");
        foreach (var r in new[] { rig.Ours, rig.Debian, rig.Primary })
            Rig.WaitFor(() => r.Types.Contains("ONBATT"), "ONBATT", r.Process);
        cut = Now;
        rig.Net.Cut();
        foreach (var r in new[] { rig.Ours, rig.Debian })
            Rig.WaitFor(() => r.ShutdownAt is not null && r.Types.Contains("SHUTDOWN"), "the secondary's shutdown", r.Process, mayExit: true);
        foreach (var (name, r) in new[] { ("ours", rig.Ours), ("Debian's", rig.Debian) })
        {
            double after = r.ShutdownAt!.Value - cut;
            var types = r.Notes.Where(n => n.Time > second).Select(n => n.Type).ToList();
            output.WriteLine($"on battery, {name}: shutdown {after:0.0} s after the cut; {string.Join(",", types)}");
            // NOTIFYCMD children finish in any order; upsmon's own log gives the order it decided in.
            Assert.Equal(["COMMBAD", "ONBATT", "SHUTDOWN"], types.Distinct().Order());
            // The SHUTDOWNCMD may have run before upsmon's last log lines have come through its output pipe.
            Rig.WaitFor(() => r.LogIndex("Auto logout and shutdown proceeding") >= 0, "upsmon's shutdown log line", r.Process, mayExit: true);
            int lost = r.LastLogIndex($"Communications with UPS dev@{Partition.PrimaryAddress}:{rig.Stack.Port} lost");
            int givingUp = r.LogIndex("Giving up on the primary for UPS [dev@");
            int shutdown = r.LogIndex("Auto logout and shutdown proceeding");
            Assert.True(lost >= 0 && lost < givingUp && givingUp < shutdown, r.Process.Output);
            // Not before DEADTIME (until then the UPS may be fine), and within a poll's time-out after it.
            Assert.InRange(after, DeadTime, DeadTime + 5 + 4);
        }
        Assert.DoesNotContain("SHUTDOWN", rig.Primary.Types); // on battery but not low: the primary stays up
        Assert.Null(rig.Primary.ShutdownAt);
        Assert.Equal(["ONBATT"], rig.Primary.Types); // and it never lost its own upsd
    }
}
