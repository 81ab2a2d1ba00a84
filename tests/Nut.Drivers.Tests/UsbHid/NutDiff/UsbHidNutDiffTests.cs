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
    /// <summary>Variables allowed to differ, and why.</summary>
    static readonly Dictionary<string, string> Allowed = new()
    {
        ["driver.parameter.port"] = "the port each was given: auto (libusb finds the fake device) against replay:<file>",
        ["driver.version.usb"] = "names the transport: Debian's libusb version (here the shim's) against 'replay'",
    };

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
        int set = unit.Change(prefixes.SelectMany(p => new[] { (p + ".ACPresent", 0L), (p + ".Discharging", 1L), (p + ".Charging", 0L) }));
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
        var differences = new List<string>();
        int equal = 0;
        foreach (var name in theirs.Keys.Union(ours.Keys).Order(StringComparer.Ordinal))
        {
            theirs.TryGetValue(name, out var t);
            ours.TryGetValue(name, out var o);
            if (t == o)
            {
                equal++;
                continue;
            }
            string line = $"{name}: Debian '{t ?? "(absent)"}', ours '{o ?? "(absent)"}'";
            if (Allowed.TryGetValue(name, out var reason))
            {
                output.WriteLine($"allowed  {line} ({reason})");
                continue;
            }
            output.WriteLine($"DIFFERS  {line}");
            differences.Add(line);
        }
        output.WriteLine($"{what}: {theirs.Count} variables from Debian, {ours.Count} from ours, {equal} equal, {differences.Count} unexplained differences");
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n--- Debian\n" + theirRaw + "\n--- ours\n" + ourRaw);
        return (theirs, ours);
    }

    [Theory]
    [InlineData("apc-back-ups-es-850g2", "beeper.disable")]
    [InlineData("apc-back-ups-es-850g2", "test.battery.start.quick")]
    [InlineData("cyberpower-cp1500pfclcd", "test.battery.start.quick")]
    [InlineData("eaton-5sc-750", "test.battery.start.quick")]
    [InlineData("tripplite-usb4003", "test.battery.start.quick")]
    public void CommandsSendTheSameBytes(string model, string command)
    {
        var m = Model(model);
        using var unit = new NutDiffUnit(m);
        var dir = new TempDir("nutdiff-cmd"); // the running driver owns it from here
        dir.Write("ups.conf", "[ups]\n\tdriver = usbhid-ups\n\tport = auto\n");
        var daemon = Proc.Start(Paths.Debian("usbhid-ups"), ["-a", "ups", "-u", "root", "-F"], FakeUsbShim.Environment(dir, unit.DeviceFile), dir.FullPath);
        List<string> theirs;
        using (var debian = new RunningDriver(dir, daemon, dir["usbhid-ups-ups"]))
        {
            debian.Send("INSTCMD " + command);
            daemon.WaitUntil(() => unit.DebianSetReports.Count > 0, "a SET_REPORT from Debian's driver for " + command, 20);
            theirs = unit.DebianSetReports;
        }

        using var rig = new HidDriverRig(model, m.ExtraReportLines).Start();
        int before = rig.Device.SetReports.Count;
        rig.Driver.InstCmd(rig.Host, command, null);
        var ours = rig.Device.SetReports.Skip(before).Select(b => string.Join(' ', b.Select(x => x.ToString("x2")))).ToList();
        output.WriteLine($"{model} {command}: Debian [{string.Join(", ", theirs)}], ours [{string.Join(", ", ours)}]");
        Assert.Equal(theirs, ours);
    }
}
