using System.Globalization;
using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Legrand Keor PDU (1cb0:0038) and Keor SP (1cb0:0032); both with the interrupt pipe disabled.
/// NUT 2.8.0's "Legrand HID 0.2": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class LegrandHid : HidSubdriver
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "Legrand HID 0.2";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x1CB0, 0x0038), (0x1CB0, 0x0032)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    // Both Keor models are polled only: NUT disables their interrupt pipe.
    public override bool UsesInterruptPipe(UsbDeviceInfo d) => false;

    public override string? NoticeVendor(UsbDeviceInfo d) => "Legrand";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "Legrand";

    // Keor firmware declares unit exponents that are off by powers of ten; NUT multiplies them back.
    static readonly HidLookup Times10 = new FuncLookup(v => (v * 10).ToString("0.0", Inv));
    static readonly HidLookup Times100k = new FuncLookup(v => (v * 100000).ToString("0.0", Inv));
    static readonly HidLookup Times1M = new FuncLookup(v => (v * 1000000).ToString("0.0", Inv));
    static readonly HidLookup Times10M = new FuncLookup(v => (v * 10000000).ToString("0.0", Inv));

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        new("input.voltage", "UPS.Input.Voltage", "%.0f", N),
        new("input.transfer.high", "UPS.Input.HighVoltageTransfer", "%.0f", S),
        new("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", "%.0f", S, Times10),
        new("input.transfer.low", "UPS.Input.LowVoltageTransfer", "%.0f", S),
        new("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", "%.0f", S),
        new("input.voltage.nominal", "UPS.Input.ConfigVoltage", "%.0f", S),
        new("input.voltage.nominal", "UPS.Flow.ConfigVoltage", "%.0f", S),
        new("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.0f", S, HidLookups.DivideBy10),
        new("battery.voltage.nominal", "UPS.BatterySystem.Battery.ConfigVoltage", "%.0f", S),
        new("battery.voltage", "UPS.PowerSummary.Voltage", "%.0f", N, HidLookups.DivideBy10),
        new("battery.voltage", "UPS.BatterySystem.Battery.Voltage", "%.0f", N, Times100k),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", N),
        new("battery.runtime", "UPS.PowerSummary.RuntimeToEmpty", "%.0f", N),
        new("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit", "%.0f", S),
        new("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", S),
        new("output.voltage", "UPS.Output.Voltage", "%.0f", N),
        new("output.frequency", "UPS.Output.Frequency", "%.0f", N),
        new("ups.load", "UPS.Output.PercentLoad", "%.0f", N),
        new("ups.load", "UPS.OutletSystem.Outlet.PercentLoad", "%.0f", N),
        new("ups.realpower.nominal", "UPS.Output.ConfigActivePower", "%.0f", S),
        new("ups.realpower.nominal", "UPS.Flow.ConfigApparentPower", "%.0f", S),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.Output.Overload", HidStatusFlag.Overload),
        CommonHidTable.Absent("ups.delay.shutdown", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "offdelay"),
        CommonHidTable.Absent("ups.delay.start", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "ondelay"),
        CommonHidTable.Absent("ups.delay.shutdown", "UPS.Output.DelayBeforeShutdown", "offdelay"),
        CommonHidTable.Absent("ups.delay.start", "UPS.Output.DelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("load.off.delay", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "offdelay"),
        HidInfo.Cmd("load.on.delay", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("load.off.delay", "UPS.Output.DelayBeforeShutdown", "offdelay"),
        HidInfo.Cmd("load.on.delay", "UPS.Output.DelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("test.battery.start.quick", "UPS.BatterySystem.Battery.Test", "1"),
        HidInfo.Cmd("test.battery.start.deep", "UPS.BatterySystem.Battery.Test", "2"),
        HidInfo.Cmd("test.battery.stop", "UPS.BatterySystem.Battery.Test", "3"),
        HidInfo.Cmd("test.battery.start.quick", "UPS.Output.Test", "1"),
        HidInfo.Cmd("test.battery.start.deep", "UPS.Output.Test", "2"),
        HidInfo.Cmd("test.battery.stop", "UPS.Output.Test", "3"),
        HidInfo.Cmd("beeper.enable", "UPS.PowerSummary.AudibleAlarmControl", "2"),
        HidInfo.Cmd("beeper.disable", "UPS.PowerSummary.AudibleAlarmControl", "3"),
        new("input.voltage", "UPS.PowerConverter.Input.Voltage", "%.1f", N, Times1M),
        new("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f", N, Times10M),
    ];
}
