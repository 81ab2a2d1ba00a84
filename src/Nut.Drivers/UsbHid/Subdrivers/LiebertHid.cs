using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Phoenixtec-made units (06da:ffff), sold as Liebert PowerSure, PowerWalker, Ablerex and others.
/// NUT 2.8.0's "Phoenixtec/Liebert HID 0.41": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class LiebertHid : HidSubdriver
{
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "Phoenixtec/Liebert HID 0.41";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x06DA, 0xFFFF)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => "Liebert";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "Liebert";

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        new("battery.voltage", "UPS.PowerSummary.Voltage", "%.2f", N),
        new("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.2f", S),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", N),
        new("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", "%.0f", N),
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", N, HidLookups.StringId),
        new("ups.load", "UPS.PowerSummary.PercentLoad", "%.0f", N),
        new("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f", N),
        new("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.2f", N),
        new("output.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", "%.1f", SS),
        new("output.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", "%.1f", SS),
        new("input.voltage", "UPS.PowerConverter.Input.[1].Voltage", "%.1f", N),
        new("input.frequency", "UPS.PowerConverter.Input.[1].Frequency", "%.2f", N),
        new("input.transfer.low", "UPS.PowerConverter.Output.ffff0057", "%.0f", SS),
        new("input.transfer.high", "UPS.PowerConverter.Output.ffff0058", "%.0f", SS),
        new("input.frequency.transfer.low", "UPS.PowerConverter.Output.ffff00f9", "%.0f", SS),
        new("input.frequency.transfer.high", "UPS.PowerConverter.Output.ffff00f8", "%.0f", SS),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
    ];
}
