using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Arduino boards running the HIDPowerDevice sketch (2341, 2a03): endpoints 4/5, report descriptor at index 2.
/// NUT 2.8.0's "Arduino HID 0.2": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class ArduinoHid : HidSubdriver
{
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "Arduino HID 0.2";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x2341, 0x0036), (0x2341, 0x8036), (0x2A03, 0x0036), (0x2A03, 0x8036), (0x2A03, 0x0040), (0x2A03, 0x8040)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => "Arduino";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "Arduino";

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        CommonHidTable.Absent("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"),
        CommonHidTable.Absent("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
        new("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", "%.0f", Q),
        new("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "%.0f", Q),
        new("ups.timer.reboot", "UPS.PowerSummary.DelayBeforeReboot", "%.0f", Q),
        HidInfo.Cmd("load.off.delay", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
        HidInfo.Cmd("load.on.delay", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("shutdown.stop", "UPS.PowerSummary.DelayBeforeShutdown", "-1"),
        HidInfo.Cmd("shutdown.reboot", "UPS.PowerSummary.DelayBeforeReboot", "10"),
    ];
}
