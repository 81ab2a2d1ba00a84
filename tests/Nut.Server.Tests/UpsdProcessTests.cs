using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Server.Tests;

/// <summary>Our upsd as a process: broken drivers and files, reload, -c stop, PID file.</summary>
public sealed class UpsdProcessTests
{
    static string Device => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    /// <summary>A hand-made driver socket: answers DUMPALL with the given text, then optionally hangs up.</summary>
    static async Task FakeDriver(string socketPath, string dump, bool hangUp, CancellationToken ct)
    {
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(4);
        using var s = await listener.AcceptAsync(ct);
        var buffer = new byte[256];
        int n = await s.ReceiveAsync(buffer, SocketFlags.None, ct);
        Assert.StartsWith("DUMPALL", Encoding.ASCII.GetString(buffer, 0, n));
        await s.SendAsync(Encoding.ASCII.GetBytes(dump), SocketFlags.None, ct);
        if (!hangUp)
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { });
    }

    [Fact]
    public async Task ADriverThatDiesMidDumpLosesItsDataAndNothingElse()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device), new StackUps("fake", "/none.dev", RunDriver: false)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string socket = stack.Dir["dummy-ups-fake"];
        var dying = FakeDriver(socket, "SETINFO ups.status \"OL\"\nSETINFO battery.charge \"9", hangUp: true, cts.Token);
        stack.Start();
        await dying;
        using var c = stack.Connect();
        string reply = "";
        for (int i = 0; i < 50 && reply != "ERR DRIVER-NOT-CONNECTED"; i++, Thread.Sleep(100))
            reply = c.Request("GET VAR fake ups.status");
        Assert.Equal("ERR DRIVER-NOT-CONNECTED", reply);
        Assert.Equal("VAR dev ups.status \"OL\"", c.Request("GET VAR dev ups.status"));

        // The driver comes back with a whole dump: upsd reconnects by itself.
        var healthy = FakeDriver(socket, "SETINFO ups.status \"OB\"\nSETINFO battery.charge \"42\"\nDATAOK\nDUMPDONE\n", hangUp: false, cts.Token);
        for (int i = 0; i < 50 && reply != "VAR fake battery.charge \"42\""; i++, Thread.Sleep(100))
            reply = c.Request("GET VAR fake battery.charge");
        Assert.Equal("VAR fake battery.charge \"42\"", reply);
        cts.Cancel();
        await healthy;
    }

    [Fact]
    public void AUpsConfWithASyntaxErrorIsReportedAndTheRestServed()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device)]);
        File.AppendAllText(stack.Dir["ups.conf"], "[broken]\n\tdriver = dummy-ups\n\tdesc = \"unbalanced # here\"\n");
        stack.Start();
        using var c = stack.Connect();
        Assert.Equal("VAR dev ups.status \"OL\"", c.Request("GET VAR dev ups.status"));
        Assert.Contains("ups.conf:6: Parse error: Unbalanced word due to unescaped # in quotes", stack.Upsd.Output);
        // The section lost its port to the error: upsd says so and does not serve it.
        Assert.Contains("Warning: ignoring incomplete configuration for UPS [broken]", stack.Upsd.Output);
        Assert.Equal("ERR UNKNOWN-UPS", c.Request("GET UPSDESC broken"));
    }

    [Fact]
    public void ReloadAppliesANewConfigurationAndKeepsTheOldOneWhenBroken()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device), new StackUps("second", Device, RunDriver: false)]);
        string full = File.ReadAllText(stack.Dir["ups.conf"]);
        File.WriteAllText(stack.Dir["ups.conf"], full[..full.IndexOf("[second]", StringComparison.Ordinal)]);
        stack.Start();
        using var c = stack.Connect();
        Assert.Equal("ERR UNKNOWN-UPS", c.Request("GET UPSDESC second"));

        // A broken users file: the reload is refused and the old configuration stays.
        File.Move(stack.Dir["upsd.users"], stack.Dir["upsd.users.away"]);
        File.WriteAllText(stack.Dir["ups.conf"], full);
        stack.Upsd.Signal(Posix.SIGHUP);
        Assert.True(stack.Upsd.WaitForOutput("keeping the previous configuration", TimeSpan.FromSeconds(10)), stack.Upsd.Output);
        Assert.Equal("ERR UNKNOWN-UPS", c.Request("GET UPSDESC second"));

        // Fixed: the new UPS is served, the old connection still works.
        File.Move(stack.Dir["upsd.users.away"], stack.Dir["upsd.users"]);
        stack.Upsd.Signal(Posix.SIGHUP);
        string reply = "";
        for (int i = 0; i < 50 && reply != "UPSDESC second \"Unavailable\""; i++, Thread.Sleep(100))
            reply = c.Request("GET UPSDESC second");
        Assert.Equal("UPSDESC second \"Unavailable\"", reply);
        Assert.Equal("VAR dev ups.status \"OL\"", c.Request("GET VAR dev ups.status"));
    }

    [Fact]
    public void StopCommandUsesThePidFile()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device)]);
        foreach (var u in stack.Upses) stack.StartDriver(u.Name);
        using var upsd = Proc.Start(Paths.Ours("upsd"), ["-u", "root", "-FF"], stack.Env, stack.Dir.FullPath);
        string pidFile = stack.Dir["upsd.pid"];
        for (int i = 0; i < 100 && !File.Exists(pidFile); i++) Thread.Sleep(50);
        Assert.Equal($"{upsd.Pid}\n", File.ReadAllText(pidFile));
        var second = stack.Run(Paths.Ours("upsd"), "-u", "root", "-F");
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Fatal error: A previous upsd instance is already running!", second.Stderr);
        var stop = stack.Run(Paths.Ours("upsd"), "-c", "stop");
        Assert.Equal(0, stop.ExitCode);
        Assert.True(upsd.Process.WaitForExit(10_000), "upsd did not stop on -c stop");
        Assert.Contains("Signal 15: exiting", upsd.Output);
        Assert.False(File.Exists(pidFile));
    }

    [Fact]
    public void BackgroundStartReturnsOnceServingAndReportsFailures()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device)]);
        foreach (var u in stack.Upses) stack.StartDriver(u.Name);
        var start = stack.Run(Paths.Ours("upsd"), "-u", "root");
        Assert.Equal(0, start.ExitCode);
        try
        {
            using (var c = stack.Connect())
                Assert.Equal("1.3", c.Request("NETVER"));
        }
        finally
        {
            Assert.Equal(0, stack.Run(Paths.Ours("upsd"), "-c", "stop").ExitCode);
        }
        File.Delete(stack.Dir["upsd.conf"]);
        var failed = stack.Run(Paths.Ours("upsd"), "-u", "root");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains($"stat {stack.Dir["upsd.conf"]}: No such file or directory", failed.Stderr);
    }
}
