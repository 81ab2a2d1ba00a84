using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// The optional parts of nutdrv_qx's "voltronic" protocol against Debian's nutdrv_qx on identical simulated units:
/// the whole driver state (DUMPALL: values, RW flags, enums, ranges, commands) and the bytes and results of SETs and
/// commands of the ECO limits and programmable outlets; PI31's battery type; the bypass limits, grid working range
/// and output phase angle set from ups.conf at start-up.
/// </summary>
[Collection("serial")]
public sealed class VoltronicOptionsDriverTests
{
    /// <summary>A PI02 unit at 230 V / 50 Hz with the ECO option and programmable outlets 1-3 (3 without a delay).</summary>
    static void EcoAndOutlets(VoltronicSimulator u)
    {
        (u.Enabled, u.Disabled) = ("pashcej", "brogfl");
        (u.Outlets[0], u.Outlets[1], u.Outlets[2]) = (true, false, true);
        (u.OutletDelays[0], u.OutletDelays[1]) = (8, 12);
    }

    /// <summary>
    /// For a PI02 unit at 230 V / 50 Hz NUT allows 241..254 V and 206..219 V (HEH/HEL), 52..54 Hz and 46..48 Hz
    /// (FREH/FREL, integer part compared), 0..59940 s per outlet (PSKn, whole minutes).
    /// </summary>
    static readonly string[] EcoAndOutletRequests =
    [
        "SET input.transfer.high \"250\"",
        "SET input.transfer.high \"260\"",
        "SET input.transfer.low \"210\"",
        "SET input.transfer.low \"abc\"",
        "SET input.frequency.high \"54.5\"",
        "SET input.frequency.low \"47.5\"",
        "SET input.frequency.low \"45\"",
        "SET outlet.1.delay.shutdown \"300\"",
        "SET outlet.2.delay.shutdown \"59941\"",
        "SET outlet.2.delay.shutdown \"59\"",
        // Outlet 3 has no delay (QSKT3 refused): not writable; outlet 4 is not programmable.
        "SET outlet.3.delay.shutdown \"120\"",
        "INSTCMD outlet.1.load.off",
        "INSTCMD outlet.2.load.on",
        "INSTCMD outlet.3.load.off",
        "INSTCMD outlet.4.load.off",
        "INSTCMD bypass.start",
        "DUMPALL",
    ];

    [Fact]
    public void EcoLimitsAndOutletsAreWrittenAsByDebiansDriver()
    {
        var runs = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel()
            .Select(p => VoltronicDriverTests.Commands(p, EcoAndOutletRequests, EcoAndOutlets)).ToArray();
        var (debian, ours) = (runs[0], runs[1]);
        Assert.Equal(string.Join("\n", debian.Results), string.Join("\n", ours.Results));
        Assert.Equal(string.Join(" ", debian.Line), string.Join(" ", ours.Line));
        // The facts of the protocol, whatever both drivers do.
        Assert.Equal("HEH250 HEL210 FREH54.5 FREL47.5 PSK1005 PSK2000 SKOFF1 SKON2 SKOFF3 PEE", string.Join(" ", ours.Line));
        Assert.Contains("ADDRANGE input.transfer.high 241 254", ours.Results);
        // QSKT1 told 8 minutes; the SET is read back at the next full update only.
        Assert.Contains("SETINFO outlet.1.delay.shutdown \"480\"", ours.Results);
        Assert.Contains("ADDRANGE outlet.1.delay.shutdown 0 59940", ours.Results);
        Assert.Contains("ADDRANGE input.frequency.low 46 48", ours.Results);
    }

    /// <summary>
    /// A PI00 unit with the ECO option: its limits are published but NUT knows no settable range for PI00, so every
    /// SET of them is refused as unknown, by both drivers.
    /// </summary>
    [Fact]
    public void EcoLimitsWithoutSettableRangeAreRefusedAsByDebiansDriver()
    {
        string[] requests = ["SET input.transfer.high \"250\"", "SET input.frequency.low \"47\"", "DUMPALL"];
        var runs = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel()
            .Select(p => VoltronicDriverTests.Commands(p, requests, u => (u.ProtocolId, u.Enabled) = ("PI00", "pashce"))).ToArray();
        var (debian, ours) = (runs[0], runs[1]);
        // Excluded: NUT marks these four variables writable (RW) although it refuses every SET of them (its reading
        // items carry the RW flag); ours marks only variables it can write. A client sees the same results.
        string[] readOnly = ["input.transfer.high", "input.transfer.low", "input.frequency.high", "input.frequency.low"];
        foreach (string name in readOnly)
            Assert.Contains($"SETFLAGS {name} RW", debian.Results);
        var debianKept = debian.Results.Where(l => !readOnly.Any(n => l == $"SETFLAGS {n} RW"));
        Assert.Equal(string.Join("\n", debianKept), string.Join("\n", ours.Results));
        Assert.Empty(ours.Line);
        Assert.Contains("SETINFO input.transfer.high \"242\"", ours.Results);
    }

    /// <summary>PI31: battery type written by name (any case; the one it has is not sent).</summary>
    [Fact]
    public void Pi31SettingsAreWrittenAsByDebiansDriver()
    {
        string[] requests = ["SET battery.type \"flooded\"", "SET battery.type \"AGM\"", "SET battery.type \"li\"", "SET battery.type \"NiMH\"", "DUMPALL"];
        var runs = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel()
            .Select(p => VoltronicDriverTests.Commands(p, requests, u => u.ProtocolId = "PI31")).ToArray();
        var (debian, ours) = (runs[0], runs[1]);
        Assert.Equal(string.Join("\n", debian.Results), string.Join("\n", ours.Results));
        Assert.Equal(string.Join(" ", debian.Line), string.Join(" ", ours.Line));
        Assert.Equal("PBT02 PBT00", string.Join(" ", ours.Line));
        Assert.Contains("ADDENUM battery.type \"AGM\"", ours.Results);
    }

    /// <summary>
    /// Settings from ups.conf, sent at start-up when in range and different from the device's. Bypass limits of a PI02
    /// unit at 230 V / 50 Hz (231..276 V, 110..209 V, 51..54 Hz, 46..49 Hz; PI31 has none); PI31's grid working range;
    /// the output phase angle, for which NUT 2.8.0 sends the position of the angle in its list (240 is the fourth:
    /// PPD003), not the angle.
    /// </summary>
    [Theory]
    [InlineData("PI02", "\tmax_bypass_volt = 270\n\tmin_bypass_volt = 170\n\tmax_bypass_freq = 52.5\n\tmin_bypass_freq = 45\n", "PHV270 PGF52.5")]
    [InlineData("PI02", "\tmax_bypass_volt = 280\n\tmin_bypass_volt = 180\n\tmax_bypass_freq = 53\n\tmin_bypass_freq = 49.9\n\toutput_phase_angle = 120\n", "PLV180 PSF49.9")]
    [InlineData("PI31", "\twork_range_type = UPS\n\toutput_phase_angle = 240\n\tmax_bypass_volt = 270\n", "PGR01 PPD003")]
    public void SettingsFromUpsConfReachTheUpsAsWithDebiansDriver(string protocol, string extra, string expected)
    {
        var runs = new[] { Paths.Debian("nutdrv_qx"), Paths.Ours("nutdrv_qx") }.AsParallel().Select(program =>
        {
            using var pty = new PtyPair();
            using var ups = new VoltronicSimulator(pty.DeviceEnd);
            (ups.ProtocolId, ups.PhaseAngles) = (protocol, (0, 120));
            var vars = VoltronicDriverTests.Dump(program, pty.HostEnd, extra);
            return (Vars: string.Join("\n", vars.Select(kv => $"{kv.Key}: {kv.Value}")), Sent: ups.Received.Where(VoltronicDriverTests.IsCommand).ToList());
        }).ToArray();
        Assert.Equal(runs[0].Vars, runs[1].Vars);
        Assert.Equal(string.Join(" ", runs[0].Sent), string.Join(" ", runs[1].Sent));
        Assert.Equal(expected, string.Join(" ", runs[1].Sent));
    }
}
