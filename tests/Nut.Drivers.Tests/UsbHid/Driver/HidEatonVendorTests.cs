using Nut.Drivers.Host;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// MGE/Eaton specifics of mge-hid: Advanced Battery Monitoring (battery.charger.status and its effect on
/// CHRG/DISCHRG), ups.shutdown, and the outlet groups (status, switchability, descriptions, outlet.n.load.on/off).
/// The 5SC recording (ABM on, charger resting) and the Ellipse ECO descriptor are the Eaton units; the PowerWalker
/// VI 3000 RT descriptor (a Phoenixtec design with per-outlet delays) is run as an AEG-branded 06da unit, which
/// NUT 2.8.0 gives to mge-hid.
/// </summary>
public sealed class HidEatonVendorTests
{
    static string Hex(byte[] b) => string.Join(" ", b.Select(x => x.ToString("x2")));

    [Fact]
    public void FiveScRecordingPublishesAbmOutletAndShutdown()
    {
        using var rig = new HidDriverRig("eaton-5sc-750").Start();
        Assert.Equal("MGE HID 1.46", rig.Var("driver.version.data"));
        // ABMEnable 1, Charger.Mode 4: resting, so the Charging bit the unit still sets does not make CHRG.
        Assert.Equal("1", rig.Device.GetValue("UPS.PowerSummary.PresentStatus.Charging")?.ToString());
        Assert.Equal("resting", rig.Var("battery.charger.status"));
        Assert.Equal("OL", rig.Status);
        // The ddl dump's values for the unit's single (unswitched) outlet and its shutdown switch.
        Assert.Equal("on", rig.Var("outlet.1.status"));
        Assert.Equal("enabled", rig.Var("ups.shutdown"));
        Assert.Equal("Main Outlet", rig.Var("outlet.desc"));
        Assert.Equal("0", rig.Var("outlet.id"));
        Assert.Equal("no", rig.Var("outlet.switchable"));
        // ups.shutdown is a writable enum, written to PowerSummary.PresentStatus.Switchable (report 0x05).
        int before = rig.Device.SetReports.Count;
        Assert.Equal(HandlerStatus.Handled, rig.Driver.SetVar(rig.Host, "ups.shutdown", "disabled"));
        Assert.Equal(["05 00"], rig.Device.SetReports.Skip(before).Select(Hex).ToList());
        Assert.Equal(HandlerStatus.Invalid, rig.Driver.SetVar(rig.Host, "ups.shutdown", "maybe"));
    }

    [Fact]
    public void AbmChargerModeDrivesChrgAndDischrg()
    {
        using var rig = new HidDriverRig("eaton-5sc-750").Start();
        foreach (var (ac, mode, charger, status) in new (int, int, string, string)[]
        {
            (1, 1, "charging", "OL CHRG"),
            (1, 3, "floating", "OL CHRG"),
            (1, 4, "resting", "OL"),
            (0, 2, "discharging", "OB DISCHRG"),
            (1, 6, "off", "OL"),
        })
        {
            rig.Device.SetValue("UPS.PowerSummary.PresentStatus.ACPresent", ac);
            rig.Device.SetValue("UPS.BatterySystem.Charger.Mode", mode);
            // The plain bits say the opposite: with ABM on they must not count.
            rig.Device.SetValue("UPS.PowerSummary.PresentStatus.Charging", mode == 2 ? 1 : 0);
            rig.Device.SetValue("UPS.PowerSummary.PresentStatus.Discharging", mode == 2 ? 0 : 1);
            rig.Update();
            Assert.Equal(charger, rig.Var("battery.charger.status"));
            Assert.Equal(status, rig.Status);
        }

        // ABM switched off: the PresentStatus bits count again, the charger mode no longer does.
        rig.Device.SetValue("UPS.BatterySystem.Charger.ABMEnable", 0);
        rig.Device.SetValue("UPS.PowerSummary.PresentStatus.ACPresent", 1);
        rig.Device.SetValue("UPS.BatterySystem.Charger.Mode", 2);
        rig.Device.SetValue("UPS.PowerSummary.PresentStatus.Discharging", 0);
        rig.Device.SetValue("UPS.PowerSummary.PresentStatus.Charging", 1);
        rig.Update();
        Assert.Equal("OL CHRG", rig.Status);
    }

    [Fact]
    public void EllipseEcoOutletGroups()
    {
        using var rig = new HidDriverRig("eaton-ellipse-eco", header: "Eaton Ellipse ECO (0463:ffff)");
        rig.Device.SetValue("UPS.PowerSummary.PresentStatus.ACPresent", 1);
        rig.Device.SetValue("UPS.OutletSystem.Outlet.[2].PresentStatus.Switchable", 1);
        rig.Device.SetValue("UPS.OutletSystem.Outlet.[2].PresentStatus.SwitchOn/Off", 1);
        rig.Device.SetValue("UPS.OutletSystem.Outlet.[3].PresentStatus.Switchable", 1);
        rig.Device.SetValue("UPS.OutletSystem.Outlet.[3].PresentStatus.SwitchOn/Off", 0);
        rig.Start();
        Assert.Equal("MGE HID 1.46", rig.Var("driver.version.data"));
        Assert.Equal("PowerShare Outlet 1", rig.Var("outlet.1.desc"));
        Assert.Equal("PowerShare Outlet 2", rig.Var("outlet.2.desc"));
        Assert.Equal("yes", rig.Var("outlet.1.switchable"));
        Assert.Equal("yes", rig.Var("outlet.2.switchable"));
        Assert.Equal("on", rig.Var("outlet.1.status"));   // from the outlet's own SwitchOn/Off, not ACPresent
        Assert.Equal("off", rig.Var("outlet.2.status"));
        // The unit's outlet switches off on its own (e.g. a battery-saving cut): the next poll shows it.
        rig.Device.SetValue("UPS.OutletSystem.Outlet.[2].PresentStatus.SwitchOn/Off", 0);
        rig.Update(30);
        Assert.Equal("off", rig.Var("outlet.1.status"));
    }

    [Fact]
    public void OutletCommandsWriteTheGroupDelays()
    {
        // An AEG-branded 06da:ffff unit goes to mge-hid; this descriptor has per-outlet delays and timers.
        using var rig = new HidDriverRig("powerwalker-vi-3000-rt",
            "DEVICE 06da:ffff 1 2 0\nSTRING 1 AEG POWER SOLUTIONS\nSTRING 2 PROTECT NAS\n");
        rig.Device.SetValue("UPS.PowerSummary.PresentStatus.ACPresent", 1);
        rig.Device.SetValue("UPS.OutletSystem.Outlet.[2].ffff005d", 60); // ShutdownTimer, before MGE's names are known
        rig.Start();
        Assert.Equal("MGE HID 1.46", rig.Var("driver.version.data"));
        Assert.Equal("AEG POWER SOLUTIONS", rig.Var("ups.mfr"));
        int before = rig.Device.SetReports.Count;
        Assert.Equal(HandlerStatus.Handled, rig.Driver.InstCmd(rig.Host, "outlet.1.load.off", null));
        Assert.Equal(HandlerStatus.Handled, rig.Driver.InstCmd(rig.Host, "outlet.1.load.on", null));
        Assert.Equal(HandlerStatus.Handled, rig.Driver.InstCmd(rig.Host, "outlet.2.load.off", null));
        Assert.Equal(HandlerStatus.Handled, rig.Driver.InstCmd(rig.Host, "outlet.2.load.on", null));
        // Outlet.[2]/[3] DelayBeforeShutdown are reports 0x8d/0x8e, DelayBeforeStartup 0x90/0x91 (32-bit): 0 = now.
        Assert.Equal(["8d 00 00 00 00", "90 00 00 00 00", "8e 00 00 00 00", "91 00 00 00 00"],
            rig.Device.SetReports.Skip(before).Select(Hex).ToList());
        // The group timers are writable: outlet.1.delay.shutdown is Outlet.[2].ShutdownTimer (vendor 0xffff005d).
        Assert.Equal("60", rig.Var("outlet.1.delay.shutdown"));
        before = rig.Device.SetReports.Count;
        Assert.Equal(HandlerStatus.Handled, rig.Driver.SetVar(rig.Host, "outlet.1.delay.shutdown", "120"));
        Assert.Equal(["87 78 00 00 00"], rig.Device.SetReports.Skip(before).Select(Hex).ToList());
    }
}
