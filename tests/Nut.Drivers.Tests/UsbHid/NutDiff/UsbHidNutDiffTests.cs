using Nut.Drivers.Tests.Snmp.Driver;
using Nut.Drivers.Tests.UsbHid.Driver;
using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.UsbHid.NutDiff;

/// <summary>
/// Debian's own /lib/nut/usbhid-ups 2.8.0 against the very recording our replay transport serves (through the
/// fake libusb of fakeusb.c), and our usbhid-ups executable on <c>port = replay:</c>: both <c>-d 1</c> dumps must
/// list the same variables with the same values, in the recorded state and after the unit goes on battery; and an
/// instant command must put the same bytes on the wire. Every difference is printed; only those listed here with
/// a reason are allowed.
/// </summary>
public sealed class UsbHidNutDiffTests(ITestOutputHelper output)
{
    /// <summary>Variables allowed to differ, and why: "*" for every model, else the model's name.</summary>
    static readonly Dictionary<(string Model, string Name), string> Allowed = new()
    {
        [("*", "driver.parameter.port")] = "the port each was given: auto (libusb finds the fake device) against replay:<file>",
        [("*", "driver.version.usb")] = "names the transport: Debian's libusb version (here the shim's) against 'replay'",
        // Eaton/MGE: gaps of ours, listed in docs/usbhid-ups.md "Checked against Debian's usbhid-ups".
        [("eaton-5sc-750", "device.model")] = "ours lacks NUT's iModel / Flow.[4].ConfigApparentPower suffix of the model name",
        [("eaton-5sc-750", "ups.model")] = "ours lacks NUT's iModel / Flow.[4].ConfigApparentPower suffix of the model name",
        [("eaton-5sc-750", "battery.energysave.delay")] = "ours does not map MGE's energy-saving variables",
        [("eaton-5sc-750", "battery.energysave.load")] = "ours does not map MGE's energy-saving variables",
    };

    /// <summary>Commands allowed to differ, and why.</summary>
    static readonly Dictionary<(string Model, string Command), string> AllowedCommands = new()
    {
    };

    static string? AllowedReason(string model, string name) =>
        Allowed.GetValueOrDefault((model, name)) ?? Allowed.GetValueOrDefault(("*", name));

    public static TheoryData<string> Models => new(HidModel.All.Select(m => m.Name));

    /// <summary>One model per vendor, with the collections its status bits live in.</summary>
    public static TheoryData<string> Vendors => new(HidStatusScenarioTests.Units.Take(4).Select(u => u.Model));

    static HidModel Model(string name) => HidModel.All.Single(m => m.Name == name);

    [Theory]
    [MemberData(nameof(Models))]
    public void RecordedStateDumpsAlike(string model)
    {
        using var unit = new NutDiffUnit(Model(model));
        Compare(unit, model + " as recorded");
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void OnBatteryDumpsAlike(string model)
    {
        using var unit = new NutDiffUnit(Model(model));
        var prefixes = HidStatusScenarioTests.Units.Single(u => u.Model == model).StatusPrefixes;
        var fields = prefixes.SelectMany(p => new[] { (p + ".ACPresent", 0L), (p + ".Discharging", 1L), (p + ".Charging", 0L) }).ToList();
        // An Eaton with ABM on says where its charger is in Charger.Mode (2 = discharging), and NUT believes that.
        fields.Add(("UPS.BatterySystem.Charger.Mode", 2L));
        int set = unit.Change(fields);
        Assert.True(set >= 2, $"{model}: no ACPresent/Discharging field under {string.Join(", ", prefixes)}");
        var (theirs, ours) = Compare(unit, model + " on battery");
        Assert.Equal("OB DISCHRG", theirs.GetValueOrDefault("ups.status"));
        Assert.Equal("OB DISCHRG", ours.GetValueOrDefault("ups.status"));
    }

    /// <summary>Both dumps, every difference printed, none but the allowed ones.</summary>
    (SortedDictionary<string, string> Theirs, SortedDictionary<string, string> Ours) Compare(NutDiffUnit unit, string what)
    {
        var (theirs, theirRaw) = unit.DumpDebian();
        var (ours, ourRaw) = unit.DumpOurs();
        Assert.True(theirs.Count > 15, "Debian's driver published too little:\n" + theirRaw);
        var differences = DumpComparison.Unexplained(theirs, ours, name => AllowedReason(unit.Model.Name, name), output, out int equal);
        output.WriteLine($"{what}: {theirs.Count} variables from Debian, {ours.Count} from ours, {equal} equal, {differences.Count} unexplained differences");
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n--- Debian\n" + theirRaw + "\n--- ours\n" + ourRaw);
        return (theirs, ours);
    }

    /// <summary>The instant commands tried on every unit, in this order (each may change what the next one sends).</summary>
    static readonly string[] Commands =
    [
        "beeper.disable", "beeper.enable", "beeper.mute", "test.battery.start.quick", "test.battery.start.deep",
        "test.battery.stop", "test.panel.start", "load.off.delay", "load.on.delay", "shutdown.stop",
        "shutdown.return", "shutdown.stayoff",
    ];

    static string Hex(byte[] b) => string.Join(' ', b.Select(x => x.ToString("x2")));

    [Theory]
    [MemberData(nameof(Models))]
    public void CommandsSendTheSameBytes(string model)
    {
        var m = Model(model);
        using var unit = new NutDiffUnit(m);

        // Debian's driver as a daemon: each command with a TRACKING id, its answer awaited before the next one.
        var theirs = new List<string>();
        var dir = new TempDir("nutdiff-cmd"); // the running driver owns it from here
        dir.Write("ups.conf", "[ups]\n\tdriver = usbhid-ups\n\tport = auto\n");
        var daemon = Proc.Start(Paths.Debian("usbhid-ups"), ["-a", "ups", "-u", "root", "-F"], FakeUsbShim.Environment(dir, unit.DeviceFile), dir.FullPath);
        using (var debian = new RunningDriver(dir, daemon, dir["usbhid-ups-ups"]))
        {
            int from = 0;
            for (int i = 0; i < Commands.Length; i++)
            {
                int sent = unit.DebianSetReports.Count;
                debian.Send($"INSTCMD {Commands[i]} TRACKING c{i}");
                from = debian.WaitFor($"TRACKING c{i} ", from, 20);
                string status = debian.Received[from..].Split('\n')[0].Trim();
                theirs.Add($"{Commands[i]} -> {status} [{string.Join(", ", unit.DebianSetReports.Skip(sent))}]");
            }
        }

        // Ours on our simulator, the same commands in the same order.
        var ours = new List<string>();
        using (var rig = new HidDriverRig(model, m.ExtraReportLines).Start())
        {
            foreach (string command in Commands)
            {
                int sent = rig.Device.SetReports.Count;
                int status = rig.Driver.InstCmd(rig.Host, command, null);
                ours.Add($"{command} -> {status} [{string.Join(", ", rig.Device.SetReports.Skip(sent).Select(Hex))}]");
            }
        }

        int equal = 0;
        var differences = new List<string>();
        for (int i = 0; i < Commands.Length; i++)
        {
            // A payload equal once NUT's unfilled ID byte is put right counts as alike (see DebianSetReports).
            if (theirs[i].Replace(" (ID byte was 00)", "", StringComparison.Ordinal) == ours[i])
            {
                equal++;
                output.WriteLine($"same     {theirs[i]}");
                continue;
            }
            string line = $"Debian {theirs[i]}, ours {ours[i]}";
            if (AllowedCommands.GetValueOrDefault((model, Commands[i])) is { } reason)
            {
                output.WriteLine($"allowed  {line} ({reason})");
                continue;
            }
            output.WriteLine($"DIFFERS  {line}");
            differences.Add(line);
        }
        output.WriteLine($"{model}: {equal} of {Commands.Length} commands alike (status 0 handled, 2 invalid; bytes of each SET_REPORT), {differences.Count} unexplained differences");
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }
}
