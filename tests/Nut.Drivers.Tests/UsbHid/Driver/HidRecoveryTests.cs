namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// A unit that disappears (USB reset, cable pulled) makes the data stale; the driver re-opens it by itself when it
/// comes back, under a new device number, and republishes everything, including what changed meanwhile.
/// </summary>
public sealed class HidRecoveryTests
{
    [Fact]
    public void UnplugMakesDataStaleAndReplugBringsEverythingBack()
    {
        using var rig = new HidDriverRig("apc-back-ups-es-850g2").Start();
        Assert.False(rig.Host.State.IsStale);
        string firstDevice = rig.Device.Info.Device!;

        rig.Device.Unplug();
        rig.Update();
        Assert.True(rig.Host.State.IsStale);
        Assert.Null(rig.Driver.Device);

        rig.Update(); // still gone: stays stale, no exception
        Assert.True(rig.Host.State.IsStale);

        rig.Device.Replug();
        rig.Device.SetValue("UPS.PowerSummary.RemainingCapacity", 88);
        rig.Device.SetValue("UPS.Battery.RemainingCapacity", 88);
        rig.Update();
        Assert.False(rig.Host.State.IsStale);
        Assert.NotEqual(firstDevice, rig.Device.Info.Device);
        Assert.Equal("88", rig.Var("battery.charge"));
        Assert.Equal("OL", rig.Status);
        Assert.Contains(rig.Broadcasts, m => m == "DATASTALE");
        Assert.Equal("DATAOK", rig.Broadcasts.Last(m => m.StartsWith("DATA", StringComparison.Ordinal)));

        // Commands work on the re-opened device.
        Assert.Equal(0, rig.Driver.InstCmd(rig.Host, "beeper.mute", null));
    }

    [Fact]
    public void CommandsOnAnUnpluggedUnitFailWithoutThrowing()
    {
        using var rig = new HidDriverRig("cyberpower-cp1500pfclcd").Start();
        rig.Device.Unplug();
        Assert.Equal(Nut.Drivers.Host.HandlerStatus.Failed, rig.Driver.InstCmd(rig.Host, "beeper.mute", null));
        rig.Update();
        Assert.True(rig.Host.State.IsStale);
    }
}
