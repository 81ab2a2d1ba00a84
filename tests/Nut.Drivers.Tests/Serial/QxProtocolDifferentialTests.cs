using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// nutdrv_qx on simulated devices of the Megatec-family protocols other than Megatec and Voltronic (see
/// <see cref="ProtocolVariants"/>): Debian's driver and ours, on identical simulators, publish the same variables,
/// with the protocol forced by <c>protocol=</c> and, where detection can reach it, autodetected.
/// Not here: zinto, hunnox and ablerex autodetected (their devices also answer Megatec's queries, and Megatec comes
/// first in the detection order, so both drivers pick Megatec -- the forced cases cover them). Voltronic-QS-Hex P
/// devices, Masterguard and the instant commands are in QxProtocolDifferentialTests.More.cs.
/// </summary>
[Collection("serial")]
public sealed partial class QxProtocolDifferentialTests
{
    /// <summary>Protocol, whether it is forced, on battery with a low battery.</summary>
    public static TheoryData<string, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (string protocol in ProtocolVariants.Names)
        {
            data.Add(protocol, true, false);
            data.Add(protocol, true, true);
            if (protocol is not ("zinto" or "hunnox" or "ablerex"))
            {
                data.Add(protocol, false, false);
                data.Add(protocol, false, true);
            }
        }
        return data;
    }

    /// <summary>Variables only this protocol's own queries give (so the simulator's answers to them were understood).</summary>
    static IEnumerable<(string Name, string Value)> Expected(string protocol, bool onLowBattery) => protocol switch
    {
        "bestups" => [("device.model", "Fortress"), ("battery.runtime", "2220"), ("input.transfer.high", "146")],
        "zinto" or "hunnox" => [("ups.firmware", "SIM-1.00")],
        "voltronic-qs" => [("output.frequency", onLowBattery ? "0.0" : "50.0"), ("output.frequency.nominal", "50")],
        "mecer" => [("ups.firmware.aux", "Voltronic Power P98")],
        // Q5 gives the output frequency and current and (at later polls) the battery's cut-off voltage; At the runtime.
        "ablerex" =>
        [
            ("output.frequency", "50.0"), ("output.current", "4.2"), ("battery.voltage.low", "18.00"), ("battery.voltage.high", "27.30"),
            ("battery.runtime", onLowBattery ? "300" : "1400"), ("ups.test.result", "PASS"), ("ups.alarm", "0"), ("battery.charge", "100"),
        ],
        "voltronic-qs-hex" =>
        [
            ("ups.firmware.aux", "PM-T"), ("input.voltage", onLowBattery ? "0.0" : "229.0"), ("output.voltage", "229.0"),
            ("battery.voltage", onLowBattery ? "21.60" : "25.10"), ("output.frequency", onLowBattery ? "0.0" : "50.0"),
            ("output.voltage.nominal", "230.0"), ("battery.voltage.nominal", "24.0"), ("output.frequency.nominal", "50.0"),
        ],
        _ => [("device.mfr", "SIMULATED INC."), ("input.voltage.fault", "229.0")],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PublishesTheSameVariablesAsDebiansDriver(string protocol, bool forced, bool onLowBattery)
    {
        string extra = forced ? $"\tprotocol = {protocol}\n" : "";
        // Ablerex's Q5 sets ups.alarm (its error code, "0") directly; NUT commits alarms only at full updates, so
        // until the first one (30 s) Debian's driver shows it, ours (committing alarms at every poll) drops it.
        string[] excluded = protocol == "ablerex" ? ["ups.alarm"] : [];
        var (debian, ours) = RunBoth(extra, onLowBattery, ups => ProtocolVariants.Configure(ups, protocol), excluded);
        // The simulator must really play this protocol: Debian's driver names it.
        Assert.True(debian.TryGetValue("driver.version.data", out string? data) && data.StartsWith(protocol, StringComparison.OrdinalIgnoreCase),
            string.Join("\n", debian));
        Assert.Equal(onLowBattery ? "OB LB" : "OL", debian["ups.status"]);
        foreach (var (name, value) in Expected(protocol, onLowBattery))
            Assert.True(debian.TryGetValue(name, out string? got) && got == value, $"{protocol}: {name} = {got}, expected {value}\n" + string.Join("\n", debian));
        foreach (string name in excluded)
            debian.Remove(name);
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    /// <summary>A simulator in the on-line or on-battery-low state, before the protocol's own answers are added.</summary>
    static MegatecSimulator Simulator(string device, bool onLowBattery) => new(device)
    {
        UtilityFail = onLowBattery, BatteryLow = onLowBattery,
        InputVoltage = onLowBattery ? 0 : 229, Frequency = onLowBattery ? 0 : 50, BatteryVoltage = onLowBattery ? 21.6 : 25.1,
    };

    /// <summary>Debian's driver and ours, each on its own identical simulator, dumped (the excluded names kept in Debian's).</summary>
    static (SortedDictionary<string, string> Debian, SortedDictionary<string, string> Ours) RunBoth(
        string extra, bool onLowBattery, Action<MegatecSimulator> configure, string[] excludedFromOurs)
    {
        var dumps = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = Simulator(pty.DeviceEnd, onLowBattery);
            configure(ups);
            bool debian = program == Paths.Debian("nutdrv_qx");
            return DriverDump.Run(program, "nutdrv_qx", pty.HostEnd, extra,
                ["driver.parameter.port", "driver.version.usb", .. debian ? [] : excludedFromOurs]);
        }).ToArray();
        return (dumps[0], dumps[1]);
    }
}
