using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// nutdrv_qx's "voltronic" protocol against Debian's nutdrv_qx on identical simulated Voltronic units
/// (<see cref="VoltronicSimulator"/>): the same variables for several states (single-, two- and three-phase units,
/// ECO limits, programmable outlets, PI31), autodetected and with
/// protocol=voltronic; the same bytes on the line for instant commands and SETs; a Megatec device is not taken
/// for a Voltronic one.
/// </summary>
[Collection("serial")]
public sealed class VoltronicDriverTests
{
    /// <summary>
    /// Variables where the two drivers may legitimately differ. None for this protocol: every state below gives
    /// byte-identical dumps. (The port path and the USB library version are removed as in QxDriverTests.)
    /// </summary>
    static readonly string[] Excluded = ["driver.parameter.port", "driver.version.usb"];

    static Dictionary<string, string> Env(TempDir dir) => DriverDump.Env(dir);

    /// <summary>Runs a driver with <c>-d 1</c> (start-up, one update, the dump) and returns its variables.</summary>
    internal static SortedDictionary<string, string> Dump(string program, string port, string extra) =>
        DriverDump.Run(program, "nutdrv_qx", port, extra, Excluded);

    /// <summary>The states compared; each configures a fresh simulator.</summary>
    static readonly Dictionary<string, Action<VoltronicSimulator>> States = new()
    {
        ["online"] = _ => { },
        ["on battery, low, warnings"] = u =>
        {
            (u.UtilityFail, u.BatteryLow, u.InputVoltage, u.InputFrequency, u.BatteryVoltage) = (true, true, 0, 0, 22.1);
            // Low battery, overload, battery replacement and an unknown bit (#60).
            u.Warnings.UnionWith([7, 8, 55, 59]);
            u.BeeperOff = true;
        },
        ["boost, bypass mode, no serial"] = u =>
        {
            (u.InputVoltage, u.OutputVoltage, u.Avr, u.Mode, u.Serial) = (196, 226.1, true, 'Y', "00000000");
            (u.Enabled, u.Disabled) = ("", "pashcbrogfl"); // nothing enabled: NUT reads the disabled ones as enabled
        },
        // With the ECO option both ask QHE and QFRE; PI00 has no settable ECO range, so no input.transfer.*.min/max.
        ["AVR of protocol 00, ECO mode, online type"] = u =>
        {
            (u.ProtocolId, u.Type, u.Avr, u.Mode, u.Enabled, u.Disabled) = ("PI00", "10", true, 'E', "pashceg", "brofl");
        },
        ["three-phase in and out (PI10)"] = u => (u.ProtocolId, u.Phases) = ("PI10", "3/3"),
        ["three-phase in, single-phase out (PI03)"] = u => (u.ProtocolId, u.Phases) = ("PI03", "3/1"),
        ["two phases (PI09), ECO limits"] = u =>
        {
            (u.ProtocolId, u.Phases, u.Enabled, u.Disabled) = ("PI09", "3/3", "pashce", "brogfl");
            (u.EcoVoltHigh, u.EcoVoltLow, u.EcoFreqHigh, u.EcoFreqLow) = (250, 212, 55.5, 44.0);
        },
        // Outlets 1-3 programmable (3 without a delay), 4 not; ECO limits of a PI02 unit; QPD and QPAR answered.
        ["programmable outlets, ECO limits, phase angles, parallel"] = u =>
        {
            (u.Enabled, u.Disabled) = ("pashcej", "brogfl");
            (u.Outlets[0], u.Outlets[1], u.Outlets[2]) = (true, false, true);
            (u.OutletDelays[0], u.OutletDelays[1], u.OutletDelays[3]) = (8, 12, 7);
            (u.PhaseAngles, u.ParallelRole) = ((0, 240), 2);
        },
        ["outlets disabled in QFLAG"] = u =>
        {
            (u.Enabled, u.Disabled) = ("pashc", "brogflj");
            u.Outlets[0] = true;
            u.OutletDelays[0] = 3;
        },
        ["PI31 battery type and grid range"] = u => (u.ProtocolId, u.BatteryType, u.WorkRange, u.PhaseAngles) = ("PI31", 2, 1, (0, 120)),
        ["trim, shutting down, fault"] = u =>
        {
            (u.InputVoltage, u.Avr, u.Mode, u.Fault, u.ShutdownActive, u.Testing) = (262, true, 'D', true, true, true);
            u.Warnings.UnionWith([2, 63]);
        },
    };

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (string state in States.Keys)
            data.Add(state, false);
        data.Add("online", true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PublishesTheSameVariablesAsDebiansDriver(string state, bool forced)
    {
        string extra = forced ? "\tprotocol = voltronic\n" : "";
        var dumps = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = new VoltronicSimulator(pty.DeviceEnd);
            States[state](ups);
            return Dump(program, pty.HostEnd, extra);
        }).ToArray();
        var (debian, ours) = (dumps[0], dumps[1]);
        Assert.Equal("Voltronic 0.06", debian.GetValueOrDefault("driver.version.data"));
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    [Fact]
    public void SettingsFromUpsConfReachTheUpsAtStartUpAsWithDebiansDriver()
    {
        const string extra = "\tbattery_number = 3\n\talarm_control = disabled\n\tbypass_alarm = enabled\n";
        var runs = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = new VoltronicSimulator(pty.DeviceEnd);
            var vars = Dump(program, pty.HostEnd, extra);
            return (Vars: string.Join("\n", vars.Select(kv => $"{kv.Key}: {kv.Value}")), Sent: ups.Received.Where(IsCommand).ToList());
        }).ToArray();
        Assert.Equal(runs[0].Vars, runs[1].Vars);
        Assert.Equal(string.Join(" ", runs[0].Sent), string.Join(" ", runs[1].Sent));
        // Batteries per pack and the alarm control differ from the device's: sent; the bypass alarm already is enabled.
        Assert.Contains("BATN3", runs[1].Sent);
        Assert.Contains("PDA", runs[1].Sent);
        Assert.DoesNotContain("PEP", runs[1].Sent);
    }

    [Fact]
    public void AMegatecDeviceIsNotTakenForAVoltronicOne()
    {
        using var pty = new PtyPair();
        using var ups = new MegatecSimulator(pty.DeviceEnd);
        var vars = Dump(Paths.Ours("nutdrv_qx"), pty.HostEnd, "");
        Assert.Equal("Megatec 0.06", vars.GetValueOrDefault("driver.version.data"));
        Assert.Contains("QGS", ups.Received);
    }

    /// <summary>Commands sent through the driver's socket, each followed by its tracking result.</summary>
    static readonly string[] Requests =
    [
        "INSTCMD test.battery.start.quick",
        "INSTCMD test.battery.start 30",
        "INSTCMD test.battery.start 600",
        "INSTCMD test.battery.start 5",
        "INSTCMD test.battery.start.deep",
        "INSTCMD test.battery.stop",
        "INSTCMD beeper.toggle",
        "INSTCMD beeper.disable",
        "INSTCMD beeper.enable",
        "INSTCMD shutdown.return",
        "INSTCMD shutdown.stop",
        "INSTCMD shutdown.stayoff",
        "INSTCMD load.off",
        "INSTCMD load.on",
        "INSTCMD bypass.start",
        "SET ups.delay.shutdown \"130\"",
        "SET ups.delay.start \"0\"",
        "INSTCMD shutdown.return",
        "SET ups.start.auto \"yes\"",
        "SET battery.protection \"no\"",
        "SET battery.packs \"2\"",
        "SET battery.voltage.low \"22\"",
        "SET battery.voltage.low \"27\"",
    ];

    static (List<string> Results, List<string> Line) Commands(string program) => Commands(program, Requests, _ => { });

    /// <summary>
    /// Runs a driver in the foreground on a simulator set up by <paramref name="setup"/> (with more ups.conf lines in
    /// <paramref name="extra"/>), sends <paramref name="requests"/> on its socket; the results and what reached the UPS.
    /// A "DUMPALL" request gives the driver's whole state (values, flags, enums, ranges, commands) as sorted lines;
    /// not as the first request: our driver opens its socket before its first update, NUT's after it.
    /// </summary>
    internal static (List<string> Results, List<string> Line) Commands(string program, string[] requests, Action<VoltronicSimulator> setup, string extra = "")
    {
        using var pty = new PtyPair();
        using var ups = new VoltronicSimulator(pty.DeviceEnd);
        setup(ups);
        using var dir = new TempDir("volt-cmd");
        dir.Write("ups.conf", $"[q]\n\tdriver = nutdrv_qx\n\tport = {pty.HostEnd}\n\tpollinterval = 60\n{extra}");
        using var driver = Proc.Start(program, ["-a", "q", "-u", "root", "-F"], Env(dir), dir.FullPath);
        string socketPath = Path.Combine(dir.FullPath, "nutdrv_qx-q");
        using var socket = DriverSocket.ConnectWhenListening(socketPath);
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        int start = ups.Received.Count;
        var results = new List<string>();
        for (int i = 0; i < requests.Length; i++)
        {
            if (requests[i] == "DUMPALL")
            {
                results.AddRange(DumpAll(stream, reader));
                continue;
            }
            stream.Write(Encoding.ASCII.GetBytes($"{requests[i]} TRACKING t{i}\n"));
            string? line;
            while ((line = reader.ReadLine()) is not null && !line.StartsWith($"TRACKING t{i} ", StringComparison.Ordinal))
            {
            }
            results.Add($"{requests[i]} -> {line}");
        }
        // Only what the commands sent: the status polls in between are not compared.
        var sent = ups.Received.Skip(start).Where(IsCommand).ToList();
        return (results, sent);
    }

    /// <summary>The driver's state as DUMPALL tells it, sorted (the order of the lines is no part of the contract).</summary>
    static IEnumerable<string> DumpAll(NetworkStream stream, StreamReader reader)
    {
        stream.Write(Encoding.ASCII.GetBytes("DUMPALL\n"));
        var lines = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null && line != "DUMPDONE")
            // DATAOK / DATASTALE tells whether the first update was done when the socket was opened: the moment
            // each driver opens its socket is not part of this comparison.
            if (!line.StartsWith("DATA", StringComparison.Ordinal) && !DumpExcluded.Any(v => line.Contains($" {v} ", StringComparison.Ordinal)))
                lines.Add(line);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Variables left out of DUMPALL comparisons, as in the dumps (see <see cref="Excluded"/>).</summary>
    static readonly string[] DumpExcluded = Excluded;

    /// <summary>
    /// A command or SET, not a query. Queries are left out of the comparisons: at start-up NUT does not even ask
    /// "I" when QMF/QMD/QVFW gave all its variables, ours asks it and keeps the first values (same variables).
    /// </summary>
    internal static bool IsCommand(string sent) => !sent.StartsWith('Q') && sent is not ("F" or "I" or "RE0");

    [Fact]
    public void CommandsReachTheUpsWithTheBytesDebiansDriverSends()
    {
        var runs = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel().Select(Commands).ToArray();
        var (debian, ours) = (runs[0], runs[1]);
        Assert.Equal(string.Join("\n", debian.Results), string.Join("\n", ours.Results));
        Assert.Equal(string.Join(" ", debian.Line), string.Join(" ", ours.Line));
        // The facts of the protocol, whatever both drivers do.
        foreach (string command in new[] { "T", "T.5", "T10", "TL", "CT", "BZOFF", "PDA", "PEA", "S.5R0003", "CS", "S.5R0000", "SOFF", "SON", "S02", "PER", "PDS", "BATGN02", "W0E22" })
            Assert.Contains(command, ours.Line);
    }
}
