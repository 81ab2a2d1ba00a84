using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Delta (05dd:041b; 05dd:a011 is Tripp Lite's).
/// NUT 2.8.0's "Delta UPS HID 0.6": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class DeltaUpsHid : HidSubdriver
{
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "Delta UPS HID 0.6";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x05DD, 0x041B)];

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => "Delta";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "Delta";

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("DELTA1", 0x00000000),
        ("DELTA2", 0xFF000055),
        ("DELTA3", 0xFFFF0010),
        ("DeltaCustom", 0xFFFF0010),
        ("DELTA4", 0xFFFF0056),
        ("DELTA5", 0xFFFF0057),
        ("DeltaConfigTransferLowMax", 0xFFFF0057),
        ("DELTA6", 0xFFFF0058),
        ("DeltaConfigTransferLowMin", 0xFFFF0058),
        ("DELTA7", 0xFFFF0059),
        ("DeltaConfigTransferHighMax", 0xFFFF0059),
        ("DELTA8", 0xFFFF005A),
        ("DeltaConfigTransferHighMin", 0xFFFF005A),
        ("DELTA9", 0xFFFF0060),
        ("DELTA10", 0xFFFF0061),
        ("DeltaConfigExternalBatteryPack", 0xFFFF0061),
        ("DELTA11", 0xFFFF0062),
        ("DELTA12", 0xFFFF0063),
        ("DELTA13", 0xFFFF0064),
        ("DELTA14", 0xFFFF0065),
        ("DELTA15", 0xFFFF0066),
        ("DELTA16", 0xFFFF0067),
        ("DELTA17", 0xFFFF0068),
        ("DELTA18", 0xFFFF0075),
        ("DeltaModelName", 0xFFFF0075),
        ("DELTA19", 0xFFFF0076),
        ("DELTA20", 0xFFFF007C),
        ("DeltaUPSType", 0xFFFF007C),
        ("DELTA21", 0xFFFF007D),
        ("DELTA22", 0xFFFF0081),
        ("DeltaConfigStartPowerRestoreDelay", 0xFFFF0081),
        ("DELTA23", 0xFFFF0091),
        ("DeltaOutputSource", 0xFFFF0091),
        ("DELTA24", 0xFFFF0092),
        ("DELTA25", 0xFFFF0093),
        ("DELTA26", 0xFFFF0094),
        ("DELTA27", 0xFFFF0095),
        ("DELTA28", 0xFFFF0096),
        ("DELTA29", 0xFFFF0097),
        ("DELTA30", 0xFFFF0098),
        ("DELTA31", 0xFFFF0099),
        ("DELTA32", 0xFFFF009A),
        ("DELTA33", 0xFFFF009B),
        ("DeltaConfigSensitivity", 0xFFFF009B),
        ("DELTA34", 0xFFFF009C),
        ("DeltaConfigStartPowerRestore", 0xFFFF009C),
    ];

    static readonly HidLookup Sensitivity = new EnumLookup([(0, "normal"), (1, "reduced"), (2, "low")]);

    static readonly HidLookup UpsType = new FuncLookup(v => ((long)v) switch
    {
        0 => "online", 1 => "offline", 2 => "line-interactive", 3 => "3-phase", 4 => "split-phase", _ => null,
    });

    static readonly HidLookup OutputSource = new EnumLookup([(0, "normal"), (1, "battery"), (2, "bypass/reserve"),
        (3, "reducing"), (4, "boosting"), (5, "manual bypass"), (6, "other"), (7, "no output")], offerEnum: false);

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        new("input.sensitivity", "UPS.DeltaCustom.[1].DeltaConfigSensitivity", "%s", HidInfoFlags.Rw, Sensitivity),
        new("input.voltage.nominal", "UPS.PowerSummary.Input.ConfigVoltage", "%.1f", SS),
        new("input.voltage", "UPS.PowerSummary.Input.Voltage", "%.1f", Q),
        new("input.voltage", "UPS.PowerConverter.Input.Voltage", "%.1f", Q),
        new("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", "%.1f", HidInfoFlags.Rw),
        new("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", "%.1f", HidInfoFlags.Rw),
        new("input.transfer.low.min", "UPS.PowerConverter.Output.DeltaConfigTransferLowMin", "%.1f", S),
        new("input.transfer.low.max", "UPS.PowerConverter.Output.DeltaConfigTransferLowMax", "%.1f", S),
        new("input.transfer.high.min", "UPS.PowerConverter.Output.DeltaConfigTransferHighMin", "%.1f", S),
        new("input.transfer.high.max", "UPS.PowerConverter.Output.DeltaConfigTransferHighMax", "%.1f", S),
        new("input.source", "UPS.OutletSystem.Outlet.DeltaOutputSource", "%s", N, OutputSource),
        new("input.frequency", "UPS.PowerConverter.Input.Frequency", "%.1f", Q),
        new("battery.voltage.nominal", "UPS.BatterySystem.Battery.ConfigVoltage", "%.1f", S),
        new("battery.voltage", "UPS.BatterySystem.Battery.Voltage", "%.1f", Q),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", Q),
        new("battery.charge", "UPS.BatterySystem.Battery.RemainingCapacity", "%.0f", N),
        new("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", SS | HidInfoFlags.Rw | HidInfoFlags.String),
        new("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit", "%.0f", SS),
        new("battery.temperature", "UPS.BatterySystem.Temperature", "%s", Q, HidLookups.KelvinCelsius),
        new("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", "%.0f", Q),
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
        new("battery.capacity", "UPS.PowerSummary.DesignCapacity", "%.0f", SS),
        new("battery.capacity", "UPS.PowerSummary.FullChargeCapacity", "%.0f", SS),
        new("output.voltage.nominal", "UPS.Flow.ConfigVoltage", "%.1f", SS),
        new("output.frequency.nominal", "UPS.Flow.ConfigFrequency", "%.1f", SS),
        new("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f", Q),
        new("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f", Q),
        new("output.current", "UPS.PowerConverter.Output.Current", "%.1f", Q),
        new("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", Q, HidLookups.Beeper),
        new("ups.test.result", "UPS.BatterySystem.Test", "%s", N, HidLookups.TestRead),
        new("ups.type", "UPS.DeltaCustom.[1].DeltaUPSType", "%s", S, UpsType),
        new("ups.start.auto", "UPS.DeltaCustom.[1].DeltaConfigStartPowerRestore", "%s", HidInfoFlags.Rw, HidLookups.YesNo),
        new("ups.power.nominal", "UPS.Flow.ConfigApparentPower", "%.0f", S),
        new("ups.realpower", "UPS.OutletSystem.Outlet.ActivePower", "%.1f", Q),
        new("ups.realpower", "UPS.PowerConverter.Output.ActivePower", "%.1f", Q),
        new("ups.load", "UPS.OutletSystem.Outlet.PercentLoad", "%.1f", Q),
        new("ups.delay.start", "UPS.OutletSystem.Outlet.DeltaConfigStartPowerRestoreDelay", "%.0f", HidInfoFlags.Rw),
        new("ups.timer.start", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "%.0f", Q),
        new("ups.timer.shutdown", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "%.0f", Q),
        new("ups.timer.reboot", "UPS.OutletSystem.Outlet.DelayBeforeReboot", "%.0f", Q),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Good", HidStatusFlag.Off, inverted: true),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.InternalFailure", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.FullyCharged", HidStatusFlag.FullyCharged),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.FullyDischarged", HidStatusFlag.Depleted),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.VoltageOutOfRange", HidStatusFlag.VoltageRange),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.Buck", HidStatusFlag.Trim),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.Boost", HidStatusFlag.Boost),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.Used", HidStatusFlag.NoBattery, inverted: true),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.OverTemperature", HidStatusFlag.OverHeat),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.InternalFailure", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.PowerConverter.PresentStatus.AwaitingPower", HidStatusFlag.AwaitingPower),
        HidInfo.Cmd("beeper.on", "UPS.PowerSummary.AudibleAlarmControl", "2"),
        HidInfo.Cmd("beeper.off", "UPS.PowerSummary.AudibleAlarmControl", "3"),
        HidInfo.Cmd("beeper.enable", "UPS.PowerSummary.AudibleAlarmControl", "2"),
        HidInfo.Cmd("beeper.disable", "UPS.PowerSummary.AudibleAlarmControl", "1"),
        HidInfo.Cmd("beeper.mute", "UPS.PowerSummary.AudibleAlarmControl", "3"),
        HidInfo.Cmd("test.battery.start.quick", "UPS.BatterySystem.Test", "1"),
        HidInfo.Cmd("test.battery.start.deep", "UPS.BatterySystem.Test", "2"),
        HidInfo.Cmd("test.battery.stop", "UPS.BatterySystem.Test", "3"),
        HidInfo.Cmd("load.on.delay", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("load.off.delay", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "offdelay"),
        HidInfo.Cmd("shutdown.stop", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "-1"),
        HidInfo.Cmd("shutdown.reboot", "UPS.OutletSystem.Outlet.DelayBeforeReboot", "10"),
    ];
}
