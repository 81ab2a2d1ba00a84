using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// The Voltronic-QS-Hex P devices (10-token QS answer, no ratings byte), Masterguard (which NUT 2.8.0 lists but can
/// never recognise), and the bytes of the instant commands of Voltronic-QS-Hex and Ablerex.
/// </summary>
public sealed partial class QxProtocolDifferentialTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void PublishesTheSameVariablesAsDebiansDriverForAQsHexPDevice(bool forced, bool onLowBattery)
    {
        string extra = forced ? "\tprotocol = voltronic-qs-hex\n" : "";
        var (debian, ours) = RunBoth(extra, onLowBattery, ups => ProtocolVariants.Configure(ups, "voltronic-qs-hex/P"), []);
        Assert.Equal("Voltronic-QS-Hex 0.10", debian.GetValueOrDefault("driver.version.data"));
        Assert.Equal("PM-P", debian.GetValueOrDefault("ups.firmware.aux"));
        Assert.Equal(onLowBattery ? "OB LB" : "OL", debian.GetValueOrDefault("ups.status"));
        Assert.Equal(onLowBattery ? "21.60" : "25.10", debian.GetValueOrDefault("battery.voltage"));
        // P devices have no ratings byte: the nominal values stay out.
        Assert.False(debian.ContainsKey("output.voltage.nominal"), string.Join("\n", debian));
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    /// <summary>
    /// QS hex answers written byte by byte: the sample of NUT's own test table (P), and a T answer with every escape
    /// (CR, space, XON, LF), a '(' that escapes nothing, a lower-case protocol letter, 60 Hz / 48 V / 230 V ratings.
    /// </summary>
    [Theory]
    [InlineData("P", "#\u006C\u0001 \u0035 \u006C\u0001 \u0035 \u0003 \u0051\u009A \u0028\u0002\u0012\u00D0 \u00E6 \u001E \u0009",
        "input.voltage=112.2 output.voltage=112.2 ups.load=3 output.frequency=59.8 battery.voltage=13.53 ups.firmware.aux=PM-P")]
    [InlineData("t", "#\u0028\u0000\u0001 \u0028\u0004 \u006C\u0028\u0001 \u0028\u0003 \u0028 \u0051\u009A \u0028\u0002\u0012\u00D0 \u00E6 \u001E \u0009 \u00E3",
        "input.voltage=8.2 output.voltage=21.2 ups.load=40 output.frequency.nominal=60.0 battery.voltage.nominal=48.0 output.voltage.nominal=230.0 ups.firmware.aux=PM-t")]
    public void DecodesQsHexAnswersAsDebiansDriver(string letter, string answer, string expected)
    {
        var (debian, ours) = RunBoth("", false, ups =>
        {
            ups.StatusCommands.Clear();
            ups.ExtraAnswers["M"] = letter;
            ups.ExtraAnswers["QS"] = answer;
        }, []);
        foreach (string pair in expected.Split(' '))
        {
            string[] nv = pair.Split('=');
            Assert.True(debian.GetValueOrDefault(nv[0]) == nv[1], $"{pair}\n" + string.Join("\n", debian));
        }
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    /// <summary>
    /// NUT 2.8.0's masterguard recognition looks its first item up under a name its table does not have ("series";
    /// the table says "experimental.series"), so it fails before sending anything: protocol=masterguard ends in
    /// "Device not supported!" however good the device. Ours does the same, and neither says a word to the device.
    /// </summary>
    [Fact]
    public void MasterguardForcedIsRefusedAsByDebiansDriver()
    {
        var runs = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = ProtocolVariants.Configure(Simulator(pty.DeviceEnd, false), "masterguard");
            using var dir = new TempDir("mg");
            dir.Write("ups.conf", $"[ups]\n\tdriver = nutdrv_qx\n\tport = {pty.HostEnd}\n\tprotocol = masterguard\n");
            var r = Proc.Run(program, ["-a", "ups", "-u", "root", "-d", "1"], DriverDump.Env(dir), TimeSpan.FromSeconds(60));
            return (Result: r, Received: ups.Received);
        }).ToArray();
        foreach (var (result, received) in runs)
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("Device not supported!", result.Stderr);
            Assert.Empty(received);
        }
    }

    /// <summary>Detection on a Masterguard device (it knows Q1 but not I): both drivers end at the plain Q1 protocol.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MasterguardDeviceAutodetectedAsByDebiansDriver(bool onLowBattery)
    {
        var (debian, ours) = RunBoth("", onLowBattery, ups => ProtocolVariants.Configure(ups, "masterguard"), []);
        Assert.StartsWith("Q1 ", debian.GetValueOrDefault("driver.version.data"));
        Assert.Equal(onLowBattery ? "OB LB" : "OL", debian.GetValueOrDefault("ups.status"));
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    /// <summary>Sent on the driver's socket; the simulator answers commands with nothing (1 s each), so few.</summary>
    static readonly string[] CommandRequests =
    [
        "INSTCMD beeper.toggle",
        "INSTCMD load.off",
        "INSTCMD test.battery.start.quick",
        "INSTCMD test.battery.start 120",
        "INSTCMD test.battery.stop",
        "SET ups.delay.shutdown \"130\"",
        "SET ups.delay.start \"0\"",
        "INSTCMD shutdown.return",
        "SET ups.delay.start \"600\"",
        "INSTCMD shutdown.stayoff",
        "INSTCMD load.on",
    ];

    /// <summary>The queries of these protocols' polls, left out of what the commands sent.</summary>
    static readonly string[] Queries = ["Q1", "QS", "F", "I", "M", "Q5", "At", "TR"];

    /// <summary>
    /// Instant commands and SETs of Voltronic-QS-Hex (T and P devices) and Ablerex: the same results and the same bytes
    /// on the line from Debian's driver and ours. All six drivers run at once (each command waits 1 s for an answer).
    /// </summary>
    [Fact]
    public void CommandsReachTheUpsWithTheBytesDebiansDriverSends()
    {
        var cases = new[] { "voltronic-qs-hex", "voltronic-qs-hex/P", "ablerex" };
        var runs = cases.SelectMany(variant => new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.Select(program => (variant, program)))
            .AsParallel().WithDegreeOfParallelism(6)
            .Select(c => (c.variant, c.program, Run: Commands(c.program, c.variant))).ToList();
        foreach (string variant in cases)
        {
            var debian = runs.Single(r => r.variant == variant && r.program == Paths.Debian("nutdrv_qx")).Run;
            var ours = runs.Single(r => r.variant == variant && r.program != Paths.Debian("nutdrv_qx")).Run;
            Assert.Equal(variant + "\n" + string.Join("\n", debian.Results), variant + "\n" + string.Join("\n", ours.Results));
            Assert.Equal(variant + ": " + string.Join(" ", debian.Line), variant + ": " + string.Join(" ", ours.Line));
        }
        // The facts of the protocols, whatever both drivers do.
        var hexT = runs.First(r => r.variant == "voltronic-qs-hex").Run.Line;
        Assert.Equal(["Q", "S00R0000", "T", "S02R0003", "S02R0000", "C"], hexT); // ondelay 0 is below its range (60 s)
        var hexP = runs.First(r => r.variant == "voltronic-qs-hex/P").Run.Line;
        Assert.Equal(["Q", "S00R0000", "S02R0003", "S02R0000", "C"], hexP);
        var ablerex = runs.First(r => r.variant == "ablerex").Run.Line;
        // After the commands (each makes the next poll a full one), Ablerex's full updates: the charge from its
        // tables (25.1 V on a 24 V battery: 12.55 V a block, 69 %), the battery voltage from Q5 (1255 = 25.10 V).
        var ablerexState = runs.Single(r => r.variant == "ablerex" && r.program == Paths.Debian("nutdrv_qx")).Run.State;
        Assert.Contains("SETINFO battery.charge \"69\"", ablerexState);
        Assert.Contains("SETINFO battery.voltage \"25.10\"", ablerexState);
        Assert.Equal(string.Join("\n", ablerexState), string.Join("\n", runs.Single(r => r.variant == "ablerex" && r.program != Paths.Debian("nutdrv_qx")).Run.State));
        Assert.Equal(["Q", "S.2", "T", "T02", "CT", "S02", "S02R0000", "C"], ablerex);
    }

    /// <summary>
    /// Runs a driver in the foreground, sends <see cref="CommandRequests"/> on its socket; the results, what reached the
    /// UPS, and (Ablerex only, polled every second) its state once a full update has read the restored status.
    /// </summary>
    static (List<string> Results, List<string> Line, List<string> State) Commands(string program, string variant)
    {
        using var pty = new PtyPair();
        using var ups = ProtocolVariants.Configure(Simulator(pty.DeviceEnd, false), variant);
        using var dir = new TempDir("qx-cmd");
        string protocol = variant.Split('/')[0];
        dir.Write("ups.conf", $"[q]\n\tdriver = nutdrv_qx\n\tport = {pty.HostEnd}\n\tprotocol = {protocol}\n\tpollinterval = {(protocol == "ablerex" ? 1 : 60)}\n");
        using var driver = Proc.Start(program, ["-a", "q", "-u", "root", "-F"], DriverDump.Env(dir), dir.FullPath);
        using var socket = DriverSocket.ConnectWhenListening(Path.Combine(dir.FullPath, "nutdrv_qx-q"));
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        int start = ups.Received.Count;
        var results = new List<string>();
        for (int i = 0; i < CommandRequests.Length; i++)
        {
            stream.Write(Encoding.ASCII.GetBytes($"{CommandRequests[i]} TRACKING t{i}\n"));
            string? line;
            while ((line = reader.ReadLine()) is not null && !line.StartsWith($"TRACKING t{i} ", StringComparison.Ordinal))
            {
            }
            results.Add($"{CommandRequests[i]} -> {line}");
        }
        var sent = ups.Received.Skip(start).Where(command => !Queries.Contains(command)).ToList();
        var state = new List<string>();
        if (protocol == "ablerex")
        {
            // The last command (load.on) cleared the shutdown the one before set; wait for a poll to show it.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            do
            {
                state = DumpAll(stream, reader);
                if (state.Contains("SETINFO ups.status \"OL\"") && state.Contains("SETINFO battery.charge \"69\""))
                    break;
                Thread.Sleep(200);
            }
            while (DateTime.UtcNow < deadline);
        }
        return (results, sent, state);
    }

    /// <summary>The driver's variables as DUMPALL tells them, sorted, without those that name the run (port, versions).</summary>
    static List<string> DumpAll(NetworkStream stream, StreamReader reader)
    {
        stream.Write(Encoding.ASCII.GetBytes("DUMPALL\n"));
        var lines = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null && line != "DUMPDONE")
            if (line.StartsWith("SETINFO ", StringComparison.Ordinal) && !line.Contains("driver.parameter.port", StringComparison.Ordinal)
                && !line.Contains("driver.version.usb", StringComparison.Ordinal))
                lines.Add(line);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
