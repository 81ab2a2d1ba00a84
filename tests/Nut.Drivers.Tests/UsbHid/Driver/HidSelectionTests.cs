using Nut.Drivers.Host;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Subdrivers;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>Which subdriver takes which device, Megatec bridges refused by descriptor content, explore, subdriver=.</summary>
public sealed class HidSelectionTests
{
    static UsbDeviceInfo Dev(ushort vid, ushort pid) => new(vid, pid, null, null, null, "001", "002");

    [Theory]
    [InlineData(0x051D, 0x0002, "APC HID 0.98")]
    [InlineData(0x0764, 0x0501, "CyberPower HID 0.6")]
    [InlineData(0x0483, 0xA430, "CyberPower HID 0.6")]
    [InlineData(0x0463, 0xFFFF, "MGE HID 1.46")]
    [InlineData(0x0592, 0x0004, "MGE HID 1.46")]
    [InlineData(0x03F0, 0x1FE6, "MGE HID 1.46")]
    [InlineData(0x09AE, 0x4003, "TrippLite HID 0.84")]
    [InlineData(0x050D, 0x0980, "Belkin/Liebert HID 0.18")]
    [InlineData(0x06DA, 0xFFFF, "Phoenixtec/Liebert HID 0.41")]
    [InlineData(0x0D9F, 0x00A4, "PowerCOM HID 0.6")]
    [InlineData(0x2E66, 0x0201, "Salicru HID 0.3")]
    [InlineData(0x1CB0, 0x0032, "Legrand HID 0.2")]
    public void ChoosesBySubdriverTable(int vid, int pid, string expected) =>
        Assert.Equal(expected, HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev((ushort)vid, (ushort)pid), false, null)?.Name);

    [Fact]
    public void UnknownProductOfAKnownVendorNeedsProductId()
    {
        var notices = new List<string>();
        Assert.Null(HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev(0x051D, 0x0099), false, null, notices.Add));
        Assert.StartsWith("This APC device (051d:0099) is not (or perhaps not yet) supported\nby usbhid-ups.", notices.Single());
        Assert.Equal("APC HID 0.98", HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev(0x051D, 0x0099), true, null)?.Name);
        Assert.Null(HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev(0x09AE, 0x0001), true, null)); // tripplite_usb's
        Assert.Null(HidSubdrivers.Choose(HidSubdrivers.Create(false), Dev(0x0665, 0x5161), false, null));
    }

    [Fact]
    public void MegatecBridgeIsRefusedByItsDescriptorEvenUnderAKnownId()
    {
        // The Prolink's 27-byte vendor descriptor under Phoenixtec's HID id: no power usages, so not ours.
        using var rig = new HidDriverRig("megatec-over-hid-prolink-1250va", header: "Prolink (06da:ffff)");
        var e = Assert.Throws<DriverFatalException>(() => rig.Driver.InitUps(rig.Host));
        Assert.Equal("No matching HID UPS found", e.Message);
    }

    [Fact]
    public void ExplorePublishesEveryFeaturePath()
    {
        using var rig = new HidDriverRig("apc-back-ups-es-850g2", options: new() { ["explore"] = "", ["vendorid"] = "051d" }).Start();
        Assert.Equal("EXPLORE HID 0.2", rig.Var("driver.version.data"));
        Assert.Equal("100.00", rig.Var("UPS.PowerSummary.RemainingCapacity"));
        Assert.Equal("13.43", rig.Var("UPS.Battery.Voltage"));
        Assert.Equal("128.00", rig.Var("UPS.Input.ff860024"));
    }

    [Fact]
    public void SubdriverOptionForcesOne()
    {
        using var rig = new HidDriverRig("apc-back-ups-es-850g2", options: new() { ["subdriver"] = "Belkin" }).Start();
        Assert.Equal("Belkin/Liebert HID 0.18", rig.Var("driver.version.data"));
        Assert.Equal("100", rig.Var("battery.charge"));
    }
}
