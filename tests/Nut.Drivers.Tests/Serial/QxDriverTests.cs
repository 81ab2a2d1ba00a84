using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// nutdrv_qx and blazer_ser on a simulated Megatec/Q1 UPS over a pty pair: the same variables as Debian's
/// drivers read from the same device; status changes, instant commands, silence and garbage through our upsd.
/// </summary>
[Collection("serial")]
public sealed class QxDriverTests
{
    /// <summary>Runs a driver with <c>-d 1</c> (one full update, then the dump) and returns its variables; where the
    /// two legitimately differ -- the port path, and the USB library Debian's binary is linked with -- is left out.</summary>
    static SortedDictionary<string, string> Dump(string program, string driver, string port) =>
        DriverDump.Run(program, driver, port, "", "driver.parameter.port", "driver.version.usb");

    public static TheoryData<string, bool, bool, bool> Devices => new()
    {
        { "nutdrv_qx", false, false, false },
        { "nutdrv_qx", true, false, false },
        { "nutdrv_qx", true, true, false },
        { "nutdrv_qx", false, false, true },
        { "blazer_ser", false, false, false },
        { "blazer_ser", true, true, false },
        { "blazer_ser", false, false, true },
    };

    [Theory]
    [MemberData(nameof(Devices))]
    public void ReadsTheSameVariablesAsDebiansDriver(string driver, bool onBattery, bool lowBattery, bool boosting)
    {
        var dumps = new[] { Paths.Debian(driver), Paths.Ours(driver) }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = new MegatecSimulator(pty.DeviceEnd)
            {
                UtilityFail = onBattery, BatteryLow = lowBattery,
                InputVoltage = onBattery ? 0 : 229, Frequency = onBattery ? 0 : 50, BatteryVoltage = lowBattery ? 21.6 : 25.1,
            };
            if (boosting)
                (ups.InputVoltage, ups.OutputVoltage, ups.Avr) = (196, 226, true);
            return Dump(program, driver, pty.HostEnd);
        }).ToArray();
        var (debian, ours) = (dumps[0], dumps[1]);
        Assert.True(debian.Count > 20, string.Join("\n", debian));
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    /// <summary>The "UPS failed" bit of the status line (position 41).</summary>
    [Theory]
    [InlineData("nutdrv_qx")]
    [InlineData("blazer_ser")]
    public void AFailedUpsIsReportedAsByDebiansDriver(string driver)
    {
        var dumps = new[] { Paths.Debian(driver), Paths.Ours(driver) }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = new MegatecSimulator(pty.DeviceEnd) { UpsFailed = true };
            return Dump(program, driver, pty.HostEnd);
        }).ToArray();
        var (debian, ours) = (dumps[0], dumps[1]);
        Assert.True(debian.Count > 20, string.Join("\n", debian));
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    /// <summary>Our driver and our upsd on the simulated UPS, with an admin who may run every command.</summary>
    sealed class Rig : IDisposable
    {
        public readonly PtyPair Pty = new();
        public readonly MegatecSimulator Ups;
        public readonly TempDir Dir = new("qx-rig");
        public readonly int Port = FreePort.Next();
        readonly Daemon _driver, _upsd;

        public Rig(string driver = "nutdrv_qx", string extra = "")
        {
            Ups = new MegatecSimulator(Pty.DeviceEnd);
            Dir.Write("ups.conf", $"[q]\n\tdriver = {driver}\n\tport = {Pty.HostEnd}\n\tpollinterval = 1\n{extra}");
            Dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {Port}\nMAXAGE 4\n");
            Dir.Write("upsd.users", "[admin]\n\tpassword = pw\n\tinstcmds = ALL\n\tactions = SET\n");
            var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = Dir.FullPath, ["NUT_STATEPATH"] = Dir.FullPath, ["NUT_ALTPIDPATH"] = Dir.FullPath };
            _driver = Proc.Start(Paths.Ours(driver), ["-a", "q", "-u", "root", "-F"], env, Dir.FullPath);
            _upsd = Proc.Start(Paths.Ours("upsd"), ["-u", "root", "-F"], env, Dir.FullPath);
            Client = Connect();
            WaitFor("VAR q ups.status \"OL\"", "GET VAR q ups.status");
        }

        public LineClient Client { get; }

        public LineClient Connect() => LineClient.ConnectWhenListening("127.0.0.1", Port);

        public void WaitFor(string reply, string request, double seconds = 20)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            string last = "";
            while ((last = Client.Request(request)) != reply)
            {
                if (DateTime.UtcNow > end)
                    throw new TimeoutException($"'{request}' answers '{last}', not '{reply}'\n--- driver\n{_driver.Output}\n--- upsd\n{_upsd.Output}");
                Thread.Sleep(100);
            }
        }

        public void WaitForCommand(string command)
        {
            var end = DateTime.UtcNow.AddSeconds(10);
            while (!Ups.Received.Contains(command))
            {
                if (DateTime.UtcNow > end)
                    throw new TimeoutException($"the UPS never got '{command}': {string.Join(" ", Ups.Received)}\n{_driver.Output}");
                Thread.Sleep(50);
            }
        }

        public void Dispose()
        {
            Client.Dispose();
            _driver.Dispose();
            _upsd.Dispose();
            Ups.Dispose();
            Pty.Dispose();
            Dir.Dispose();
        }
    }

    [Fact]
    public void PowerEventsReachUpsd()
    {
        using var rig = new Rig();
        rig.WaitFor("VAR q ups.type \"offline / line interactive\"", "GET VAR q ups.type");
        rig.Ups.UtilityFail = true;
        rig.Ups.InputVoltage = 0;
        rig.WaitFor("VAR q ups.status \"OB\"", "GET VAR q ups.status");
        rig.Ups.BatteryLow = true;
        rig.Ups.BatteryVoltage = 21.0;
        rig.WaitFor("VAR q ups.status \"OB LB\"", "GET VAR q ups.status");
        rig.Ups.UtilityFail = rig.Ups.BatteryLow = false;
        rig.Ups.InputVoltage = 196;
        rig.Ups.OutputVoltage = 226; // above 1.05 x input: the AVR is boosting
        rig.Ups.Avr = true;
        // The voltages that tell boost from bypass are refreshed by the full poll (pollfreq, 30 s), as in NUT.
        rig.WaitFor("VAR q ups.status \"OL BOOST\"", "GET VAR q ups.status", seconds: 45);
    }

    [Fact]
    public void InstantCommandsReachTheUps()
    {
        using var rig = new Rig();
        var c = rig.Client;
        Assert.Equal("OK", c.Request("USERNAME admin"));
        Assert.Equal("OK", c.Request("PASSWORD pw"));
        string cmds = c.Exchange(System.Text.Encoding.ASCII.GetBytes("LIST CMD q\n"))!;
        foreach (var cmd in new[] { "beeper.toggle", "test.battery.start.quick", "test.battery.start.deep", "test.battery.stop", "shutdown.return", "shutdown.stayoff", "shutdown.stop", "load.off", "load.on" })
            Assert.Contains($"CMD q {cmd}\n", cmds);

        Assert.Equal("OK", c.Request("INSTCMD q test.battery.start.quick"));
        rig.WaitForCommand("T");
        rig.WaitFor("VAR q ups.status \"OL CAL\"", "GET VAR q ups.status");
        Assert.Equal("OK", c.Request("INSTCMD q test.battery.start 600"));
        rig.WaitForCommand("T10");
        Assert.Equal("OK", c.Request("INSTCMD q test.battery.stop"));
        rig.WaitForCommand("CT");
        rig.WaitFor("VAR q ups.status \"OL\"", "GET VAR q ups.status");
        // ups.delay.shutdown 30 s = .5 minute; ups.delay.start 180 s = 3 minutes.
        Assert.Equal("OK", c.Request("INSTCMD q shutdown.return"));
        rig.WaitForCommand("S.5R0003");
        rig.WaitFor("VAR q ups.status \"OL FSD\"", "GET VAR q ups.status");
        Assert.Equal("OK", c.Request("INSTCMD q shutdown.stop"));
        rig.WaitForCommand("C");
        Assert.Equal("OK", c.Request("INSTCMD q shutdown.stayoff"));
        rig.WaitForCommand("S.5R0000");
        Assert.Equal("OK", c.Request("INSTCMD q beeper.toggle"));
        rig.WaitForCommand("Q");
        // Not part of the quick status poll: seen at the next full poll (pollfreq, 30 s).
        rig.WaitFor("VAR q ups.beeper.status \"disabled\"", "GET VAR q ups.beeper.status", seconds: 45);
    }

    [Fact]
    public void ASilentOrConfusedUpsGoesStaleAndComesBack()
    {
        using var rig = new Rig();
        rig.Ups.Silent = true;
        rig.WaitFor("ERR DATA-STALE", "GET VAR q ups.status", seconds: 60);
        rig.Ups.Silent = false;
        rig.WaitFor("VAR q ups.status \"OL\"", "GET VAR q ups.status", seconds: 60);
        rig.Ups.Garbage = "(NAK";
        rig.WaitFor("ERR DATA-STALE", "GET VAR q ups.status", seconds: 60);
        rig.Ups.Garbage = null;
        rig.WaitFor("VAR q ups.status \"OL\"", "GET VAR q ups.status", seconds: 60);
    }
}
