using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Powervar (4234:0002); NUT reads its report descriptor from HID interface index 1.
/// NUT 2.8.0's "Powervar HID 0.20": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class PowervarHid : HidSubdriver
{
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "Powervar HID 0.20";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x4234, 0x0002)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => "Powervar";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "Powervar";

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("POWERVAR1", 0xFF000001),
    ];

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", N, HidLookups.StringId),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", N),
        new("battery.capacity", "UPS.PowerSummary.FullChargeCapacity", "%.0f", N),
        new("battery.runtime", "UPS.PowerSummary.RuntimeToEmpty", "%.0f", N),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired", HidStatusFlag.TimeLimitExpired),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.OverTemperature", HidStatusFlag.OverHeat),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.FullyCharged", HidStatusFlag.FullyCharged),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.FullyDischarged", HidStatusFlag.Depleted),
    ];
}
