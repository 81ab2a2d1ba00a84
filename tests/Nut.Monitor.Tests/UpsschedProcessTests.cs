using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>
/// upssched as upsmon runs it: a real process per event, the timer daemon it starts in the background, the
/// CMDSCRIPT calls it makes (recorded with their arguments, environment and the daemon that ran them) —
/// ours and, for comparison, Debian's.
/// </summary>
public sealed class UpsschedProcessTests
{
    /// <summary>One CMDSCRIPT call: when, its arguments and their count, NOTIFYTYPE, UPSNAME, and the PID of the
    /// upssched process (client or daemon) that ran it.</summary>
    sealed record Call(double Time, string Args, int Count, string Type, string Ups, int Runner);

    sealed class SchedDir : IDisposable
    {
        public TempDir Dir { get; } = new("upssched");

        public SchedDir(string rules)
        {
            // The runner: the nearest ancestor called upssched (the shell may or may not be in between).
            Write("cmd.sh", $$"""
                #!/bin/sh
                p=$PPID
                while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != upssched ]; do p=$(awk '{print $4}' /proc/$p/stat); done
                echo "$(date +%s.%N)|$*|$#|$NOTIFYTYPE|$UPSNAME|$p" >> {{Dir["calls.log"]}}

                """, executable: true);
            Write("upssched.conf", $"CMDSCRIPT {Dir["cmd.sh"]}\nPIPEFN {Pipe}\nLOCKFN {Lock}\n{rules}\n");
        }

        public string Pipe => Dir["upssched.pipe"];
        public string Lock => Dir["upssched.lock"];

        void Write(string name, string text, bool executable = false)
        {
            Dir.Write(name, text);
            if (executable)
                File.SetUnixFileMode(Dir[name], (UnixFileMode)Convert.ToInt32("755", 8));
        }

        public ProcResult Event(Impl impl, string type, string ups) =>
            Proc.Run(Program(impl), [], new Dictionary<string, string> { ["NUT_CONFPATH"] = Dir.FullPath, ["NOTIFYTYPE"] = type, ["UPSNAME"] = ups },
                TimeSpan.FromSeconds(30));

        public static string Program(Impl impl) => impl == Impl.Ours ? Paths.Ours("upssched") : Paths.Debian("upssched");

        public List<Call> Calls => File.Exists(Dir["calls.log"])
            ? File.ReadAllLines(Dir["calls.log"]).Select(l => l.Split('|')).Select(p => new Call(
                double.Parse(p[0], CultureInfo.InvariantCulture), p[1], int.Parse(p[2], CultureInfo.InvariantCulture), p[3], p[4],
                int.Parse(p[5], CultureInfo.InvariantCulture))).OrderBy(c => c.Time).ToList()
            : [];

        public void WaitForCalls(int n, double seconds = 20)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            while (Calls.Count < n)
            {
                if (DateTime.UtcNow > end)
                    throw new TimeoutException($"{Calls.Count} of {n} CMDSCRIPT calls: {string.Join("; ", Calls)}");
                Thread.Sleep(50);
            }
        }

        public bool WaitForDaemonGone(double seconds)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            while (File.Exists(Pipe))
            {
                if (DateTime.UtcNow > end)
                    return false;
                Thread.Sleep(100);
            }
            return true;
        }

        /// <summary>Stops a daemon still running (a test that failed half-way).</summary>
        public void Dispose()
        {
            foreach (var c in Calls.Select(c => c.Runner).Distinct())
                if (c > 1 && File.Exists($"/proc/{c}/comm") && File.ReadAllText($"/proc/{c}/comm").Trim() == "upssched")
                    Posix.Kill(c, Posix.SIGTERM);
            Dir.Dispose();
        }
    }

    /// <summary>Alive and not a zombie.</summary>
    static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    static double Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void TimerStartsAndExpiresOrIsCancelled(Impl impl)
    {
        using var d = new SchedDir("""
            AT ONBATT * START-TIMER onbatt 2
            AT ONLINE * CANCEL-TIMER onbatt
            AT LOWBATT * START-TIMER lowbatt 1
            """);
        double t0 = Now;
        Assert.Equal(0, d.Event(impl, "ONBATT", "ups@h").ExitCode);
        Assert.True(File.Exists(d.Pipe), "no daemon after START-TIMER");
        Assert.Equal(0, d.Event(impl, "ONLINE", "ups@h").ExitCode);
        Assert.Equal(0, d.Event(impl, "LOWBATT", "ups@h").ExitCode);
        d.WaitForCalls(1);
        Thread.Sleep(3000); // the cancelled 2 s timer would have fired by now
        var calls = d.Calls;
        Assert.Equal(["lowbatt"], calls.Select(c => c.Args));
        // Timers count whole seconds of time() and are checked once a second, so a 1 s timer may fire a moment
        // after it was started (Debian's did at 0.48 s) or up to 2 s later.
        Assert.InRange(calls[0].Time - t0, 0.0, 3.5);
    }

    [Fact]
    public void OurDaemonExitsOnceNoTimerIsLeft()
    {
        using var d = new SchedDir("AT ONBATT * START-TIMER t 1");
        Assert.Equal(0, d.Event(Impl.Ours, "ONBATT", "ups@h").ExitCode);
        d.WaitForCalls(1);
        int daemon = d.Calls[0].Runner;
        Assert.True(Directory.Exists($"/proc/{daemon}"));
        // Idle for 15 s (NUT's intended 15 passes), then gone, socket removed.
        Assert.True(d.WaitForDaemonGone(25), "the timer daemon is still there");
        var end = DateTime.UtcNow.AddSeconds(5);
        while (IsRunning(daemon) && DateTime.UtcNow < end)
            Thread.Sleep(50);
        Assert.False(IsRunning(daemon), "the daemon removed its socket but did not exit");
        Assert.False(File.Exists(d.Lock));
    }

    [Fact]
    public async Task ConcurrentClientsStartOneDaemonAndLoseNoTimer()
    {
        const int Clients = 8;
        using var d = new SchedDir(string.Join("\n", Enumerable.Range(0, Clients).Select(i => $"AT ONBATT u{i} START-TIMER t{i} 1")));
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(() => d.Event(Impl.Ours, "ONBATT", $"u{i}"))));
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        d.WaitForCalls(Clients);
        var calls = d.Calls;
        Assert.Equal(Enumerable.Range(0, Clients).Select(i => $"t{i}").Order(), calls.Select(c => c.Args).Order());
        Assert.Single(calls.Select(c => c.Runner).Distinct());
        Assert.False(File.Exists(d.Lock));
    }

    [Fact]
    public void ScriptCallsAndTheirEnvironmentAreDebians()
    {
        // EXECUTE splits its argument (unquoted system()); the daemon's scripts get the environment of the
        // invocation that started the daemon, even for a cancel command run on another event.
        const string Rules = """
            AT ONBATT * START-TIMER onbatt 30
            AT ONBATT ups@h EXECUTE "exec with space"
            AT onbatt other EXECUTE never
            AT ONLINE * CANCEL-TIMER nosuch online-cmd
            AT ONLINE * CANCEL-TIMER onbatt
            AT LOWBATT * FOO bar
            """;
        List<string> Run(Impl impl)
        {
            using var d = new SchedDir(Rules);
            Assert.Equal(0, d.Event(impl, "ONBATT", "ups@h").ExitCode);
            var online = d.Event(impl, "ONLINE", "ups@h");
            Assert.Equal(0, online.ExitCode);
            var lowbatt = d.Event(impl, "LOWBATT", "ups@h");
            Assert.Equal(0, lowbatt.ExitCode);
            Assert.Contains("Invalid command: FOO", lowbatt.Stderr);
            d.WaitForCalls(2);
            Thread.Sleep(300);
            var calls = d.Calls;
            // The EXECUTE runs in the first invocation, the cancel command in the daemon.
            return calls.Select(c => $"{c.Args}|{c.Count}|{c.Type}|{c.Ups}|{(c.Runner == calls[0].Runner ? "client" : "daemon")}").ToList();
        }
        var debian = Run(Impl.Debian);
        Assert.Equal(["exec with space|3|ONBATT|ups@h|client", "online-cmd|1|ONBATT|ups@h|daemon"], debian);
        Assert.Equal(debian, Run(Impl.Ours));
    }

    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void TheDaemonProtocol(Impl impl)
    {
        using var d = new SchedDir("AT ONBATT * START-TIMER keep 60");
        Assert.Equal(0, d.Event(impl, "ONBATT", "u").ExitCode);
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.Connect(new UnixDomainSocketEndPoint(d.Pipe));
        s.ReceiveTimeout = 5000;
        string Ask(string line)
        {
            s.Send(Encoding.ASCII.GetBytes(line + "\n"));
            var b = new byte[128];
            int n = s.Receive(b);
            return Encoding.ASCII.GetString(b, 0, n);
        }
        Assert.Equal("OK\n", Ask("START \"t3\" \"100\""));
        Assert.Equal("OK\n", Ask("CANCEL t3"));
        Assert.Equal("ERR UNKNOWN\n", Ask("FOO"));
        Assert.Equal("ERR UNKNOWN\n", Ask("START x"));
        Assert.Equal("OK\n", Ask("CANCEL nothing-by-that-name"));
        Assert.Equal("OK\n", Ask("CANCEL keep"));
        // Queue empty: the daemon goes (Debian's at once, ours after 15 s).
        Assert.True(d.WaitForDaemonGone(25));
    }

    [Theory]
    [InlineData(Impl.Ours, Impl.Debian)]
    [InlineData(Impl.Debian, Impl.Ours)]
    public void ClientsAndDaemonsOfBothImplementationsTalk(Impl daemonImpl, Impl clientImpl)
    {
        using var d = new SchedDir("""
            AT ONBATT * START-TIMER t 60
            AT ONLINE * CANCEL-TIMER t
            AT LOWBATT * START-TIMER soon 1
            """);
        Assert.Equal(0, d.Event(daemonImpl, "ONBATT", "u").ExitCode);
        Assert.True(File.Exists(d.Pipe));
        Assert.Equal(0, d.Event(clientImpl, "LOWBATT", "u").ExitCode);
        Assert.Equal(0, d.Event(clientImpl, "ONLINE", "u").ExitCode);
        d.WaitForCalls(1);
        Assert.Equal("soon", d.Calls.Single().Args);
        Assert.True(d.WaitForDaemonGone(25));
    }

    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void MistakesAreReportedAsByNut(Impl impl)
    {
        using var d = new SchedDir("");
        var noEnv = Proc.Run(SchedDir.Program(impl), [], new Dictionary<string, string> { ["NUT_CONFPATH"] = d.Dir.FullPath });
        Assert.Equal(1, noEnv.ExitCode);
        Assert.Equal("Error: UPSNAME and NOTIFYTYPE must be set.\nThis program should only be run from upsmon.\n", noEnv.Stdout);

        d.Dir.Write("upssched.conf", "CMDSCRIPT /bin/true\nAT ONBATT * START-TIMER x 1\nPIPEFN /tmp/p\n");
        var early = d.Event(impl, "ONBATT", "u");
        Assert.Equal(1, early.ExitCode);
        Assert.Equal("PIPEFN must be set before any ATs in the config file!\n", early.Stdout);

        File.Delete(d.Dir["upssched.conf"]);
        var missing = d.Event(impl, "ONBATT", "u");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"Can't open {d.Dir["upssched.conf"]}: No such file or directory", missing.Stderr);
    }
}
