using Nut.Drivers.Host;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// Instant commands and SET VAR reach the device as SET_REPORT(Feature) with exactly the bytes expected: the report
/// ID and layout from the recording, the value encoded as the descriptor declares it, other fields of the same
/// report left as the device last reported them.
/// </summary>
public sealed class HidCommandTests
{
    static string Hex(byte[] b) => string.Join(" ", b.Select(x => x.ToString("x2")));

    /// <summary>Runs one action and returns the SET_REPORTs it produced.</summary>
    static List<string> Sent(HidDriverRig rig, Func<int> action, int expectedStatus = HandlerStatus.Handled)
    {
        int before = rig.Device.SetReports.Count;
        Assert.Equal(expectedStatus, action());
        return rig.Device.SetReports.Skip(before).Select(Hex).ToList();
    }

    static List<string> Cmd(HidDriverRig rig, string command, string? param = null) =>
        Sent(rig, () => rig.Driver.InstCmd(rig.Host, command, param));

    static List<string> Set(HidDriverRig rig, string name, string value) =>
        Sent(rig, () => rig.Driver.SetVar(rig.Host, name, value));

    [Fact]
    public void Apc()
    {
        using var rig = new HidDriverRig("apc-back-ups-es-850g2").Start();
        Assert.Equal(["21 01"], Cmd(rig, "test.battery.start.quick"));          // UPS.Battery.Test = 1
        Assert.Equal(["21 02"], Cmd(rig, "test.battery.start.deep"));
        Assert.Equal(["21 03"], Cmd(rig, "test.battery.stop"));
        Assert.Equal(["18 01"], Cmd(rig, "beeper.disable"));                    // AudibleAlarmControl 1
        Assert.Equal(["18 02"], Cmd(rig, "beeper.enable"));
        Assert.Equal(["18 03"], Cmd(rig, "beeper.mute"));
        Assert.Equal(["15 14 00"], Cmd(rig, "load.off.delay"));                 // PowerSummary.DelayBeforeShutdown = offdelay 20 (NUT's choice)
        Assert.Equal(["41 00 00"], Cmd(rig, "load.off"));
        Assert.Equal(["15 ff ff"], Cmd(rig, "shutdown.stop"));                  // -1: cancel
        Assert.Equal(["79 01"], Cmd(rig, "test.panel.start"));
        Assert.Equal(["11 0f"], Set(rig, "battery.charge.low", "15"));
        Assert.Equal(["24 b4 00"], Set(rig, "battery.runtime.low", "180"));      // UPS.Battery.RemainingTimeLimit (0x24) wins
        Assert.Equal(["35 02"], Set(rig, "input.sensitivity", "low"));
        Assert.Equal(["32 aa 00"], Set(rig, "input.transfer.low", "170"));
        // The user's delay is NUT's own variable: remembered, then used by the next command.
        Assert.Equal([], Set(rig, "ups.delay.shutdown", "60"));
        Assert.Equal(["15 3c 00"], Cmd(rig, "load.off.delay"));
        Assert.Equal([], Sent(rig, () => rig.Driver.SetVar(rig.Host, "input.sensitivity", "sideways"), HandlerStatus.Invalid));
        Assert.Equal([], Sent(rig, () => rig.Driver.InstCmd(rig.Host, "load.on", null), HandlerStatus.Invalid)); // no startup delay on this unit
    }

    [Fact]
    public void CyberPower()
    {
        using var rig = new HidDriverRig("cyberpower-cp1500pfclcd").Start();
        Assert.Equal(["14 01"], Cmd(rig, "test.battery.start.quick"));          // UPS.Output.Test
        Assert.Equal(["14 02"], Cmd(rig, "test.battery.start.deep"));
        Assert.Equal(["0c 03"], Cmd(rig, "beeper.mute"));
        // Delays are minutes on the wire (Physical -60 .. 32767*60 over Logical -1 .. 32767): 120 s -> 2.
        Assert.Equal(["15 02 00"], Cmd(rig, "load.off.delay", "120"));
        // NUT truncates whole minutes above -60 s, then adds -1 (checked against Debian's driver, NutDiff tests):
        // -1 s stays -1 ("never"), as does -60 s.
        Assert.Equal(["16 ff ff"], Cmd(rig, "load.on.delay", "-1"));
        Assert.Equal(["16 ff ff"], Cmd(rig, "load.on.delay", "-60"));
        // shutdown.stayoff: load.on.delay -1, then stop after ups.delay.shutdown (20 s truncates to 0 minutes).
        Assert.Equal(["16 ff ff", "15 00 00"], Cmd(rig, "shutdown.stayoff"));
        // shutdown.return: restart after ups.delay.start (30 s -> 0 min, truncated as NUT does), stop after 20 s.
        Assert.Equal(["16 00 00", "15 00 00"], Cmd(rig, "shutdown.return"));
        // Low and high transfer share report 0x10: only the low half changes.
        Assert.Equal(["10 5a 00 8b 00"], Set(rig, "input.transfer.low", "90"));
        Assert.Equal(["08 64 dc 23 58 02"], Set(rig, "battery.runtime.low", "600"));
    }

    [Fact]
    public void Eaton()
    {
        using var rig = new HidDriverRig("eaton-5sc-750").Start();
        Assert.Equal(["24 01"], Cmd(rig, "test.battery.start.quick"));          // UPS.BatterySystem.Battery.Test
        Assert.Equal(["24 03"], Cmd(rig, "test.battery.stop"));
        Assert.Equal(["28 01"], Cmd(rig, "beeper.disable"));                    // UPS.BatterySystem.Battery.AudibleAlarmControl (NUT's choice)
        Assert.Equal(["12 1e"], Set(rig, "battery.charge.low", "30"));          // RemainingCapacityLimitSetting
        Assert.Equal(["47 aa 00"], Set(rig, "input.transfer.low", "170"));
        Assert.Equal(["4f 02"], Set(rig, "input.sensitivity", "low"));
        Assert.Equal(["25 80 4f 12 00"], Set(rig, "ups.test.interval", "1200000"));
    }

    [Fact]
    public void TrippLite()
    {
        using var rig = new HidDriverRig("tripplite-usb4003").Start();
        Assert.Equal(["10 01"], Cmd(rig, "test.battery.start.quick"));          // UPS.BatterySystem.Test
        Assert.Equal(["11 03"], Cmd(rig, "beeper.mute"));
        Assert.Equal(["15 14 00"], Cmd(rig, "load.off.delay"));                 // Outlet.DelayBeforeShutdown = 20
        Assert.Equal(["61 1e 00", "15 14 00"], Cmd(rig, "shutdown.return"));     // start after 30, stop after 20
        Assert.Equal(["15 ff ff"], Cmd(rig, "shutdown.stop"));
        Assert.Equal(["06 44 00"], Set(rig, "input.transfer.low", "68"));
    }

    [Fact]
    public void KillPowerUsesShutdownReturnWhereTheUnitHasBothDelays()
    {
        using var rig = new HidDriverRig("tripplite-usb4003", options: new() { ["offdelay"] = "45", ["ondelay"] = "90" });
        rig.Driver.InitUps(rig.Host); // -k runs without InitInfo
        Assert.Equal(0, rig.Driver.Shutdown(rig.Host));
        Assert.Equal(["61 5a 00", "15 2d 00"], rig.Device.SetReports.Select(Hex).ToList());
    }

    [Fact]
    public void KillPowerFallsBackToTheRebootDelayOnABackUps()
    {
        using var rig = new HidDriverRig("apc-back-ups-es-850g2");
        rig.Driver.InitUps(rig.Host);
        Assert.Equal(0, rig.Driver.Shutdown(rig.Host));
        // No startup delay: shutdown.return is impossible; shutdown.reboot writes 10 to APCDelayBeforeReboot, an
        // 8-bit field whose declared logical range is smaller: written as given (NUT does not clamp either).
        Assert.Equal(["40 0a"], rig.Device.SetReports.Select(Hex).ToList());
    }
}
