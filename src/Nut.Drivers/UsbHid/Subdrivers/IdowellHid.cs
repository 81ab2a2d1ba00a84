using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// iDowell (075d:0300).
/// NUT 2.8.0's "iDowell HID 0.2": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class IdowellHid : HidSubdriver
{
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "iDowell HID 0.2";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x075D, 0x0300)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => "iDowell";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "iDowell";

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        new("unmapped.ups.flow.[4].flowid", "UPS.Flow.[4].FlowID", "%.0f", N),
        new("unmapped.ups.powerconverter.output.outputid", "UPS.PowerConverter.Output.OutputID", "%.0f", N),
        new("unmapped.ups.powerconverter.powerconverterid", "UPS.PowerConverter.PowerConverterID", "%.0f", N),
        new("unmapped.ups.powersummary.capacitygranularity1", "UPS.PowerSummary.CapacityGranularity1", "%.0f", N),
        new("unmapped.ups.powersummary.capacitymode", "UPS.PowerSummary.CapacityMode", "%.0f", N),
        new("unmapped.ups.powersummary.flowid", "UPS.PowerSummary.FlowID", "%.0f", N),
        new("unmapped.ups.powersummary.fullchargecapacity", "UPS.PowerSummary.FullChargeCapacity", "%.0f", N),
        new("unmapped.ups.powersummary.imanufacturer", "UPS.PowerSummary.iManufacturer", "%.0f", N),
        new("unmapped.ups.powersummary.iproduct", "UPS.PowerSummary.iProduct", "%.0f", N),
        new("unmapped.ups.powersummary.iserialnumber", "UPS.PowerSummary.iSerialNumber", "%.0f", N),
        new("unmapped.ups.powersummary.powersummaryid", "UPS.PowerSummary.PowerSummaryID", "%.0f", N),
        new("unmapped.ups.powersummary.presentstatus.undefined", "UPS.PowerSummary.PresentStatus.Undefined", "%.0f", N),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.CommunicationLost", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Good", HidStatusFlag.Off, inverted: true),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.InternalFailure", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", N),
        new("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", S),
        new("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", "%.0f", N),
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
        CommonHidTable.Absent("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"),
        CommonHidTable.Absent("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
        new("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", "%.0f", Q),
        new("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "%.0f", Q),
        new("ups.load", "UPS.PowerSummary.PercentLoad", "%.0f", N),
        new("ups.power.nominal", "UPS.Flow.[4].ConfigApparentPower", "%.0f", S),
        new("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", "%.0f", S),
        new("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", "%.0f", S),
        new("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f", N),
        new("output.voltage.nominal", "UPS.Flow.[4].ConfigVoltage", "%.0f", S),
        new("output.frequency.nominal", "UPS.Flow.[4].ConfigFrequency", "%.0f", S),
        HidInfo.Cmd("load.off.delay", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
        HidInfo.Cmd("load.on.delay", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("shutdown.stop", "UPS.PowerSummary.DelayBeforeShutdown", "-1"),
    ];
}
