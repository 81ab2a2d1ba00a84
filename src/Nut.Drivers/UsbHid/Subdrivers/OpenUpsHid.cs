using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Minibox openUPS (04d8:d004/d005): voltages and currents as raw ADC counts scaled by the subdriver.
/// NUT 2.8.0's "openUPS HID 0.5": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class OpenUpsHid : HidSubdriver
{
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "openUPS HID 0.5";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x04D8, 0xD004), (0x04D8, 0xD005)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => "openUPS";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "openUPS";

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("Cell1", 0x00000001),
        ("Cell2", 0x00000002),
        ("Cell3", 0x00000003),
        ("Cell4", 0x00000004),
        ("Cell5", 0x00000005),
        ("Cell6", 0x00000006),
        ("OpenUPSExtra", 0xFF000001),
    ];

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        new("ups.serial", "UPS.PowerSummary.iSerialNumber", "%s", N, HidLookups.StringId),
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
        new("battery.mfr.date", "UPS.PowerSummary.iOEMInformation", "%s", S, HidLookups.StringId),
        new("battery.voltage", "UPS.PowerSummary.Voltage", "%.2f", Q),
        new("battery.current", "UPS.PowerSummary.Current", "%.3f", Q),
        new("battery.capacity", "UPS.PowerSummary.DesignCapacity", "%.0f", S),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", Q),
        new("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", Q),
        new("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit", "%.0f", N),
        new("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", "%.0f", Q),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Good", HidStatusFlag.Off, inverted: true),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.InternalFailure", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.OverTemperature", HidStatusFlag.OverHeat),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired", HidStatusFlag.TimeLimitExpired),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BatteryPresent", HidStatusFlag.NoBattery, inverted: true),
    ];

    // NUT 2.8.0 entries not carried over (their conversion is not implemented here; see docs/usbhid-ups.md):
    //   new("battery.temperature", "UPS.PowerSummary.Temperature", "%.0f", Q, Temperature),
    //   new("output.voltage", "UPS.PowerSummary.Output.Voltage", "%.0f", Q, VOut),
    //   new("output.current", "UPS.PowerSummary.Output.Current", "%.0f", Q, CDischarge),
    //   new("input.voltage", "UPS.PowerSummary.Input.Voltage", "%.0f", Q, VIn),
    //   new("input.current", "UPS.PowerSummary.Input.Current", "%.0f", Q, CCharge),
}
