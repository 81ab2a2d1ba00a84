using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// nutdrv_qx on simulated devices of the Megatec-family protocols other than Megatec and Voltronic (see
/// <see cref="ProtocolVariants"/>): Debian's driver and ours, on identical simulators, publish the same variables,
/// with the protocol forced by <c>protocol=</c> and, where detection can reach it, autodetected.
/// Not here: voltronic-qs-hex (our driver recognises it but does not decode its binary status line, see
/// VoltronicQsProtocol.HexStatus); zinto and hunnox autodetected (their devices also answer Megatec's queries, and
/// Megatec comes first in the detection order, so both drivers pick Megatec -- the forced cases cover them).
/// </summary>
[Collection("serial")]
public sealed class QxProtocolDifferentialTests
{
    /// <summary>Protocol, whether it is forced, on battery with a low battery.</summary>
    public static TheoryData<string, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (string protocol in ProtocolVariants.Names)
        {
            data.Add(protocol, true, false);
            data.Add(protocol, true, true);
            if (protocol is not ("zinto" or "hunnox"))
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
        _ => [("device.mfr", "SIMULATED INC."), ("input.voltage.fault", "229.0")],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PublishesTheSameVariablesAsDebiansDriver(string protocol, bool forced, bool onLowBattery)
    {
        string extra = forced ? $"\tprotocol = {protocol}\n" : "";
        var dumps = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = ProtocolVariants.Configure(new MegatecSimulator(pty.DeviceEnd)
            {
                UtilityFail = onLowBattery, BatteryLow = onLowBattery,
                InputVoltage = onLowBattery ? 0 : 229, Frequency = onLowBattery ? 0 : 50, BatteryVoltage = onLowBattery ? 21.6 : 25.1,
            }, protocol);
            return DriverDump.Run(program, "nutdrv_qx", pty.HostEnd, extra, "driver.parameter.port", "driver.version.usb");
        }).ToArray();
        var (debian, ours) = (dumps[0], dumps[1]);
        // The simulator must really play this protocol: Debian's driver names it.
        Assert.True(debian.TryGetValue("driver.version.data", out string? data) && data.StartsWith(protocol, StringComparison.OrdinalIgnoreCase),
            string.Join("\n", debian));
        Assert.Equal(onLowBattery ? "OB LB" : "OL", debian["ups.status"]);
        foreach (var (name, value) in Expected(protocol, onLowBattery))
            Assert.True(debian.TryGetValue(name, out string? got) && got == value, $"{protocol}: {name} = {got}, expected {value}\n" + string.Join("\n", debian));
        Assert.Equal(string.Join("\n", debian.Select(kv => $"{kv.Key}: {kv.Value}")), string.Join("\n", ours.Select(kv => $"{kv.Key}: {kv.Value}")));
    }
}
