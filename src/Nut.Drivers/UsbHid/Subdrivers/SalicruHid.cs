using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Salicru (2e66: 0201, 0202, 0203, 0300).
/// NUT 2.8.0's "Salicru HID 0.3": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class SalicruHid : HidSubdriver
{
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "Salicru HID 0.3";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x2E66, 0x0201), (0x2E66, 0x0202), (0x2E66, 0x0203), (0x2E66, 0x0300)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => "Salicru";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "Salicru";

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        new("experimental.ups.powersummary.imanufacturer", "UPS.PowerSummary.iManufacturer", "%.0f", N),
        new("experimental.ups.powersummary.iproduct", "UPS.PowerSummary.CapacityMode", "%.0f", N),
        new("experimental.ups.powersummary.iserialnumber", "UPS.PowerSummary.iSerialNumber", "%.0f", N),
        new("experimental.ups.powersummary.capacitymode", "UPS.PowerSummary.CapacityMode", "%.0f", N),
        new("experimental.ups.powersummary.rechargeable", "UPS.PowerSummary.Rechargeable", "%.0f", N),
        new("experimental.ups.powersummary.designcapacity", "UPS.PowerSummary.DesignCapacity", "%.0f", N),
        new("experimental.ups.powersummary.fullchargecapacity", "UPS.PowerSummary.FullChargeCapacity", "%.0f", N),
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", N, HidLookups.StringId),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", N),
        new("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit", "%.0f", N),
        new("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", SS | HidInfoFlags.Rw | HidInfoFlags.String),
        new("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", "%.0f", N),
        new("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit", "%.0f", SS | HidInfoFlags.Rw | HidInfoFlags.String),
        new("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.0f", N),
        new("battery.voltage", "UPS.PowerSummary.Voltage", "%.2f", N),
        new("ups.load", "UPS.Output.PercentLoad", "%.0f", N),
        new("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", N, HidLookups.Beeper),
        new("ups.test.result", "UPS.Output.Test", "%s", N, HidLookups.TestRead),
        new("ups.realpower.nominal", "UPS.Output.ConfigActivePower", "%.0f", N),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.FullyCharged", HidStatusFlag.FullyCharged),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired", HidStatusFlag.TimeLimitExpired),
        HidInfo.Bit("UPS.Output.CommunicationLost", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.Output.Boost", HidStatusFlag.Boost),
        HidInfo.Bit("UPS.Output.Overload", HidStatusFlag.Overload),
        new("input.frequency", "UPS.Input.Frequency", "%.1f", N),
        new("input.voltage.nominal", "UPS.Input.ConfigVoltage", "%.0f", N),
        new("input.voltage", "UPS.Input.Voltage", "%.1f", N),
        new("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", "%.0f", S),
        new("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", "%.0f", S),
        new("output.frequency", "UPS.Output.Frequency", "%.1f", N),
        new("output.voltage", "UPS.Output.Voltage", "%.1f", N),
        new("output.voltage.nominal", "UPS.Output.ConfigVoltage", "%.0f", N),
        new("ups.load", "UPS.PowerSummary.PercentLoad", "%.0f", N),
        new("ups.test.result", "UPS.BatterySystem.Battery.Test", "%s", N, HidLookups.TestRead),
        new("ups.realpower.nominal", "UPS.Flow.[4].ConfigActivePower", "%.0f", N),
        new("ups.realpower", "UPS.PowerConverter.Output.ActivePower", "%.0f", N),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.OverTemperature", HidStatusFlag.OverHeat),
        new("input.frequency", "UPS.PowerConverter.Input.[1].Frequency", "%.1f", N),
        new("input.voltage", "UPS.PowerConverter.Input.[1].Voltage", "%.1f", N),
        new("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f", N),
        new("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f", N),
        new("output.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.0f", N),
        new("ups.test.result", "UPS.BatterySystem.Battery.Test", "%s", N, HidLookups.TestRead),
        HidInfo.Cmd("test.battery.start.quick", "UPS.BatterySystem.Battery.Test", "1"),
        HidInfo.Cmd("test.battery.start.deep", "UPS.BatterySystem.Battery.Test", "2"),
        HidInfo.Cmd("test.battery.stop", "UPS.BatterySystem.Battery.Test", "3"),
    ];
}
