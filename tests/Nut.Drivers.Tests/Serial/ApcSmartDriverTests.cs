using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// apcsmart on a simulated Smart-UPS over a pty pair: the same variables as Debian's driver in each state, -k
/// sending the same bytes, and through our upsd status changes, commands, writable variables, silence and noise
/// (docs/apcsmart.md lists what differs and why). The real dumps are replayed in ApcSmartDdlReplayTests.
/// </summary>
[Collection("apcsmart")]
public sealed class ApcSmartDriverTests
{
    static Dictionary<string, string> Env(TempDir dir) => DriverDump.Env(dir);

    /// <summary>Runs a driver with <c>-d 1</c> and returns its variables (the port path removed: it differs).</summary>
    static SortedDictionary<string, string> Dump(string program, string port, string extra = "") =>
        DriverDump.Run(program, "apcsmart", port, extra, "driver.parameter.port");

    static string Lines(IDictionary<string, string> d) => string.Join("\n", d.Select(kv => $"{kv.Key}: {kv.Value}"));

    /// <summary>Debian's driver and ours, each on its own simulator set up the same way, in parallel.</summary>
    static (SortedDictionary<string, string> Debian, SortedDictionary<string, string> Ours) Both(Action<ApcSmartSimulator> setUp)
    {
        var dumps = new[] { Paths.Debian("apcsmart"), Paths.Ours("apcsmart") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = new ApcSmartSimulator(pty.DeviceEnd);
            setUp(ups);
            return Dump(program, pty.HostEnd);
        }).ToArray();
        return (dumps[0], dumps[1]);
    }

    public static TheoryData<string> States => new()
    {
        "online", "on battery", "low battery", "calibration", "trim overload replace", "off", "status garbage",
        "alert in replies", "old model from firmware table", "no capability list", "measure-ups", "matrix-ups",
    };

    static void SetUp(ApcSmartSimulator ups, string state)
    {
        switch (state)
        {
            case "on battery":
                ups.Status = ApcSmartSimulator.OB;
                (ups.Values['G'], ups.Values['L'], ups.Values['f'], ups.Values['j']) = ("L", "000.0", "087.0", "0031:");
                break;
            case "low battery": ups.Status = ApcSmartSimulator.OB | ApcSmartSimulator.LB; ups.Values['f'] = "012.0"; break;
            case "calibration": ups.Status = ApcSmartSimulator.OL | ApcSmartSimulator.Cal; break;
            case "trim overload replace":
                ups.Status = ApcSmartSimulator.OL | ApcSmartSimulator.Trim | ApcSmartSimulator.Over | ApcSmartSimulator.RB;
                break;
            case "off": ups.Status = 0; break;
            case "status garbage": ups.StatusReply = "ZZ"; break;
            case "alert in replies": ups.AlertInNextReply = '!'; break;
            case "old model from firmware table":
                // A SmartUPS 1250 ('V' = 8QD) that knows no 'a': the driver's table says what it has.
                ups.NoCommandSet = true;
                ups.Values.Remove('b');
                ups.Values['V'] = "8QD";
                break;
            case "no capability list": ups.CommandSet = ups.CommandSet.Replace("\u001a", ""); break;
            case "matrix-ups": ups.BecomeMatrixUps(); break;
            case "measure-ups":
                // Ambient sensors: 't' and 'h', and 'T' answering like an ambient temperature (not the uptime).
                (ups.Values['t'], ups.Values['h'], ups.Values['T']) = ("023.4", "045.0", "24.50");
                ups.CommandSet += "thT/";
                ups.Values['/'] = "02.10";
                break;
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public void ReadsTheSameVariablesAsDebiansDriver(string state)
    {
        var (debian, ours) = Both(ups => SetUp(ups, state));
        Assert.True(debian.Count > 12, Lines(debian));
        Assert.Equal(Lines(debian), Lines(ours));
    }

    public static TheoryData<string, int> ShutdownMethods => new()
    {
        { "", ApcSmartSimulator.OL },
        { "\tsdtype = 1\n", ApcSmartSimulator.OB },
        { "\tsdtype = 3\n", ApcSmartSimulator.OL },
        { "\tsdtype = 5\n\tawd = 7\n", ApcSmartSimulator.OL },
        { "\tadvorder = 10\n", ApcSmartSimulator.OL },
    };

    /// <summary>-k on the same simulated unit sends the same bytes as Debian's driver (sdtype / advorder / awd).</summary>
    [Theory]
    [MemberData(nameof(ShutdownMethods))]
    public void KillPowerSendsWhatDebiansDriverSends(string config, int status)
    {
        var sent = new[] { Paths.Debian("apcsmart"), Paths.Ours("apcsmart") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = new ApcSmartSimulator(pty.DeviceEnd) { Status = status };
            using var dir = new TempDir("apc-k");
            dir.Write("ups.conf", $"[apc]\n\tdriver = apcsmart\n\tport = {pty.HostEnd}\n{config}");
            var r = Proc.Run(program, ["-a", "apc", "-u", "root", "-k"], Env(dir), TimeSpan.FromSeconds(60));
            Assert.True(r.ExitCode == 0, r.ToString());
            Thread.Sleep(300);
            return ups.Received;
        }).ToArray();
        Assert.Equal(Escape(sent[0]), Escape(sent[1]));
        Assert.Contains("Y", sent[1]);
    }

    static string Escape(string s) => string.Concat(s.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"<{(int)c:x2}>"));

    [Fact]
    public void RejectsBadOptionsAsDebianDoes()
    {
        foreach (var (option, value) in new[] { ("sdtype", "6"), ("awd", "1000"), ("advorder", "15"), ("cshdelay", "12") })
        {
            var results = new[] { Paths.Debian("apcsmart"), Paths.Ours("apcsmart") }.Select(p =>
                Proc.Run(p, ["-s", "x", "-x", "port=/dev/null", "-x", $"{option}={value}", "-u", "root", "-d", "1"], null, TimeSpan.FromSeconds(20))).ToArray();
            Assert.Equal(results[0].ExitCode, results[1].ExitCode);
            Assert.Contains($"invalid value ({value}) for option '{option}'", results[1].Stdout + results[1].Stderr);
        }
    }

    /// <summary>Our driver and our upsd on the simulated unit, with an admin who may run every command and set.</summary>
    internal sealed class Rig : IDisposable
    {
        public readonly PtyPair Pty = new();
        public readonly ApcSmartSimulator Ups;
        public readonly TempDir Dir = new("apc-rig");
        public readonly int Port = FreePort.Next();
        readonly Daemon _driver, _upsd;

        public Rig(Action<ApcSmartSimulator>? setUp = null)
        {
            Ups = new ApcSmartSimulator(Pty.DeviceEnd);
            setUp?.Invoke(Ups);
            Dir.Write("ups.conf", $"[apc]\n\tdriver = apcsmart\n\tport = {Pty.HostEnd}\n\tpollinterval = 1\n");
            Dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {Port}\nMAXAGE 6\n");
            Dir.Write("upsd.users", "[admin]\n\tpassword = pw\n\tinstcmds = ALL\n\tactions = SET\n");
            _driver = Proc.Start(Paths.Ours("apcsmart"), ["-a", "apc", "-u", "root", "-F"], Env(Dir), Dir.FullPath);
            _upsd = Proc.Start(Paths.Ours("upsd"), ["-u", "root", "-F"], Env(Dir), Dir.FullPath);
            Client = Connect();
            WaitFor("VAR apc ups.status \"OL\"", "GET VAR apc ups.status");
        }

        public LineClient Client { get; }

        LineClient Connect() => LineClient.ConnectWhenListening("127.0.0.1", Port);

        public void WaitFor(string reply, string request, double seconds = 20)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            string last;
            while ((last = Client.Request(request)) != reply)
            {
                if (DateTime.UtcNow > end)
                    throw new TimeoutException($"'{request}' answers '{last}', not '{reply}'\n--- driver\n{_driver.Output}\n--- upsd\n{_upsd.Output}");
                Thread.Sleep(100);
            }
        }

        public void WaitForBytes(string bytes, double seconds = 10)
        {
            var end = DateTime.UtcNow.AddSeconds(seconds);
            while (!Ups.Received.Contains(bytes, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > end)
                    throw new TimeoutException($"the UPS never got '{Escape(bytes)}': {Escape(Ups.Received)}\n{_driver.Output}");
                Thread.Sleep(50);
            }
        }

        public string List(string what)
        {
            Client.Send($"LIST {what}\n");
            var sb = new System.Text.StringBuilder();
            string line = Client.ReadLine(); // BEGIN LIST
            while (!(line = Client.ReadLine()).StartsWith("END LIST", StringComparison.Ordinal))
                sb.Append(line).Append('\n');
            return sb.ToString();
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

    internal static void StatusChangesCommandsAndSettings()
    {
        using var rig = new Rig();
        var c = rig.Client;
        // An alert on its own, then the status byte agreeing with it.
        rig.Ups.Status = ApcSmartSimulator.OB;
        rig.Ups.SendAlert('!');
        rig.WaitFor("VAR apc ups.status \"OB\"", "GET VAR apc ups.status");
        rig.Ups.Status = ApcSmartSimulator.OB | ApcSmartSimulator.LB;
        rig.WaitFor("VAR apc ups.status \"OB LB\"", "GET VAR apc ups.status");
        rig.Ups.Status = ApcSmartSimulator.OL | ApcSmartSimulator.Boost;
        rig.WaitFor("VAR apc ups.status \"BOOST OL\"", "GET VAR apc ups.status");
        rig.Ups.Status = ApcSmartSimulator.OL;
        rig.WaitFor("VAR apc ups.status \"OL\"", "GET VAR apc ups.status");

        string cmds = rig.List("CMD apc");
        foreach (var cmd in new[] { "calibrate.start", "calibrate.stop", "load.off", "load.on", "shutdown.return", "shutdown.stayoff", "test.battery.start", "test.battery.stop", "test.failure.start", "test.panel.start" })
            Assert.Contains($"CMD apc {cmd}\n", cmds);
        Assert.DoesNotContain("bypass.start", cmds);
        string rw = rig.List("RW apc");
        foreach (var name in new[] { "input.transfer.low", "input.transfer.high", "input.sensitivity", "ups.id", "battery.date", "ups.delay.shutdown", "ups.test.interval" })
            Assert.Contains($"RW apc {name} ", rw);
        Assert.Equal("ENUM apc input.transfer.low \"097\"\nENUM apc input.transfer.low \"100\"\nENUM apc input.transfer.low \"103\"\nENUM apc input.transfer.low \"106\"\n",
            rig.List("ENUM apc input.transfer.low"));

        Assert.Equal("OK", c.Request("USERNAME admin"));
        Assert.Equal("OK", c.Request("PASSWORD pw"));
        rig.Ups.ClearReceived();
        Assert.Equal("OK", c.Request("INSTCMD apc test.battery.start"));
        rig.WaitForBytes("W");
        Assert.Equal("OK", c.Request("INSTCMD apc test.panel.start"));
        rig.WaitForBytes("A");
        Assert.Equal("OK", c.Request("INSTCMD apc calibrate.start"));
        rig.WaitForBytes("QD");
        rig.WaitFor("VAR apc ups.status \"CAL OL\"", "GET VAR apc ups.status");
        Assert.Equal("OK", c.Request("INSTCMD apc calibrate.stop"));
        rig.WaitFor("VAR apc ups.status \"OL\"", "GET VAR apc ups.status");
        // Nasty: the first request only opens the window; the second, 3 to 15 s later, sends K twice.
        Assert.Equal("OK", c.Request("INSTCMD apc shutdown.stayoff"));
        Thread.Sleep(3200);
        Assert.DoesNotContain("K", rig.Ups.Received);
        Assert.Equal("OK", c.Request("INSTCMD apc shutdown.stayoff"));
        rig.WaitForBytes("KK");

        // An enumerated variable is stepped with '-' until it reads the wanted value; a string is sent after '-'.
        Assert.Equal("OK", c.Request("SET VAR apc input.transfer.low 097"));
        // 103 -> 106 -> 097 (the list wraps), then one more read to refresh the value.
        rig.WaitForBytes("l-l-ll");
        rig.WaitFor("VAR apc input.transfer.low \"097\"", "GET VAR apc input.transfer.low");
        Assert.Equal("097", rig.Ups.Values['l']);
        Assert.Equal("OK", c.Request("SET VAR apc ups.id RACK2"));
        rig.WaitForBytes("c-RACK2\r\r\r");
        rig.WaitFor("VAR apc ups.id \"RACK2\"", "GET VAR apc ups.id");
    }

    /// <summary>
    /// A Matrix-UPS ("##" capability list): an enumerated variable of its locale is stepped with '-' to the wanted
    /// value, the other locale's values are refused, and the language (a Matrix-only variable) is set the same way.
    /// </summary>
    internal static void MatrixSettings()
    {
        using var rig = new Rig(ups => ups.BecomeMatrixUps());
        var c = rig.Client;
        Assert.Equal("ENUM apc input.transfer.high \"253\"\nENUM apc input.transfer.high \"257\"\nENUM apc input.transfer.high \"261\"\nENUM apc input.transfer.high \"265\"\n",
            rig.List("ENUM apc input.transfer.high"));
        Assert.Equal("OK", c.Request("USERNAME admin"));
        Assert.Equal("OK", c.Request("PASSWORD pw"));
        // 127 is a value of locale D only: not in the list, so upsd refuses it before the driver sees it.
        Assert.Equal("ERR INVALID-VALUE", c.Request("SET VAR apc input.transfer.high 127"));
        rig.Ups.ClearReceived();
        Assert.Equal("OK", c.Request("SET VAR apc input.transfer.high 261"));
        // 253 -> 257 -> 261, then one more read to refresh the value.
        rig.WaitForBytes("u-u-uu");
        rig.WaitFor("VAR apc input.transfer.high \"261\"", "GET VAR apc input.transfer.high");
        Assert.Equal("261", rig.Ups.Values['u']);
        Assert.Equal("OK", c.Request("SET VAR apc ups.display.language G"));
        rig.WaitFor("VAR apc ups.display.language \"G\"", "GET VAR apc ups.display.language");
        Assert.Equal("G", rig.Ups.Values['\u000c']);
    }

    internal static void SilentOrNoisy()
    {
        using var rig = new Rig();
        rig.Ups.Silent = true;
        rig.WaitFor("ERR DATA-STALE", "GET VAR apc ups.status", seconds: 30);
        rig.Ups.Silent = false;
        rig.WaitFor("VAR apc ups.status \"OL\"", "GET VAR apc ups.status", seconds: 40);
        // Half a reply with no line end.
        rig.Ups.Noise = "0\u00fe";
        rig.WaitFor("ERR DATA-STALE", "GET VAR apc ups.status", seconds: 30);
        rig.Ups.Noise = null;
        rig.Ups.Status = ApcSmartSimulator.OB;
        rig.WaitFor("VAR apc ups.status \"OB\"", "GET VAR apc ups.status", seconds: 40);
    }
}

/// <summary>
/// The slow apcsmart scenarios through our upsd (NUT's waits: the nasty-command window, nine quiet updates before a
/// stale unit is nudged) in collections of their own, so they run beside the differential tests, not after them.
/// </summary>
[Collection("apcsmart-upsd")]
public sealed class ApcSmartUpsdTests
{
    [Fact]
    public void StatusChangesCommandsAndSettingsGoThroughUpsd() => ApcSmartDriverTests.StatusChangesCommandsAndSettings();
}

[Collection("apcsmart-matrix")]
public sealed class ApcSmartMatrixTests
{
    [Fact]
    public void AMatrixUpsTakesItsEnumeratedSettingsThroughUpsd() => ApcSmartDriverTests.MatrixSettings();
}

[Collection("apcsmart-stale")]
public sealed class ApcSmartStaleTests
{
    [Fact]
    public void ASilentOrNoisyUpsGoesStaleAndComesBack() => ApcSmartDriverTests.SilentOrNoisy();
}

/// <summary>
/// What a client sees besides the values: Debian's driver and ours, each feeding our upsd from identical
/// simulators, must list the same commands, writable variables (with their flags) and allowed values.
/// </summary>
[Collection("apcsmart-lists")]
public sealed class ApcSmartListTests
{
    internal static string Lists(string program, Action<ApcSmartSimulator>? setUp = null)
    {
        using var pty = new PtyPair();
        using var ups = new ApcSmartSimulator(pty.DeviceEnd);
        setUp?.Invoke(ups);
        using var dir = new TempDir("apc-lists");
        int port = FreePort.Next();
        dir.Write("ups.conf", $"[apc]\n\tdriver = apcsmart\n\tport = {pty.HostEnd}\n");
        dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {port}\n");
        dir.Write("upsd.users", "");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        using var driver = Proc.Start(program, ["-a", "apc", "-u", "root", "-F"], env, dir.FullPath);
        using var upsd = Proc.Start(Paths.Ours("upsd"), ["-u", "root", "-F"], env, dir.FullPath);
        LineClient? client = null;
        var end = DateTime.UtcNow.AddSeconds(30);
        while (client is null)
        {
            try { client = new LineClient("127.0.0.1", port); }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < end) { Thread.Sleep(50); }
        }
        using (client)
        {
            while (client.Request("GET VAR apc ups.status") != "VAR apc ups.status \"OL\"")
            {
                Assert.True(DateTime.UtcNow < end, $"no status\n{driver.Output}\n{upsd.Output}");
                Thread.Sleep(100);
            }
            var sb = new System.Text.StringBuilder();
            var rw = new List<string>();
            foreach (var what in new[] { "CMD apc", "RW apc" })
            {
                client.Send($"LIST {what}\n");
                string line = client.ReadLine();
                while (!(line = client.ReadLine()).StartsWith("END LIST", StringComparison.Ordinal))
                {
                    sb.Append(line).Append('\n');
                    if (what == "RW apc")
                        rw.Add(line.Split(' ')[2]);
                }
            }
            foreach (var name in rw)
            {
                sb.Append(client.Request($"GET TYPE apc {name}")).Append('\n');
                client.Send($"LIST ENUM apc {name}\n");
                string line = client.ReadLine();
                if (line.StartsWith("ERR", StringComparison.Ordinal))
                    continue;
                while (!(line = client.ReadLine()).StartsWith("END LIST", StringComparison.Ordinal))
                    sb.Append(line).Append('\n');
            }
            return sb.ToString();
        }
    }

    [Fact]
    public void ListsTheSameCommandsWritableVariablesAndValuesAsDebiansDriver()
    {
        var lists = new[] { Paths.Debian("apcsmart"), Paths.Ours("apcsmart") }.AsParallel().Select(p => Lists(p)).ToArray();
        Assert.Contains("RW apc input.transfer.low", lists[0]);
        Assert.Contains("ENUM apc input.transfer.low \"097\"", lists[0]);
        Assert.Contains("TYPE apc ups.id RW STRING:8", lists[0]);
        Assert.Equal(lists[0], lists[1]);
    }

    /// <summary>The same on a Matrix-UPS, whose ^Z list repeats "##" before every entry and has another locale's.</summary>
    [Fact]
    public void ListsTheSameMatrixUpsValuesAsDebiansDriver()
    {
        var lists = new[] { Paths.Debian("apcsmart"), Paths.Ours("apcsmart") }.AsParallel()
            .Select(p => Lists(p, ups => ups.BecomeMatrixUps())).ToArray();
        Assert.Contains("ENUM apc input.transfer.high \"265\"", lists[0]);
        Assert.DoesNotContain("ENUM apc input.transfer.high \"127\"", lists[0]); // locale D
        Assert.Contains("ENUM apc ups.display.language \"S\"", lists[0]);
        Assert.Contains("CMD apc bypass.start", lists[0]);
        Assert.Equal(lists[0], lists[1]);
    }
}
