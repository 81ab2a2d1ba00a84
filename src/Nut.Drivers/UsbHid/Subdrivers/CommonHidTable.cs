namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Entries most subdrivers share: the standard PowerSummary tree, the status bits under PresentStatus, and the
/// standard controls. Vendor tables put their own entries first and append these.
/// </summary>
public static class CommonHidTable
{
    const HidInfoFlags S = HidInfoFlags.Static, Q = HidInfoFlags.QuickPoll;

    /// <summary>The status bits of one PresentStatus collection (e.g. "UPS.PowerSummary.PresentStatus").</summary>
    public static IEnumerable<HidInfo> StatusBits(string prefix) =>
    [
        HidInfo.Bit(prefix + ".ACPresent", HidStatusFlag.Online),
        HidInfo.Bit(prefix + ".Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit(prefix + ".Charging", HidStatusFlag.Charging),
        HidInfo.Bit(prefix + ".ShutdownImminent", HidStatusFlag.ShutdownImminent),
        HidInfo.Bit(prefix + ".BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit(prefix + ".Overload", HidStatusFlag.Overload),
        HidInfo.Bit(prefix + ".NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit(prefix + ".RemainingTimeLimitExpired", HidStatusFlag.TimeLimitExpired),
        HidInfo.Bit(prefix + ".BatteryPresent", HidStatusFlag.NoBattery, inverted: true),
        HidInfo.Bit(prefix + ".FullyCharged", HidStatusFlag.FullyCharged),
        HidInfo.Bit(prefix + ".FullyDischarged", HidStatusFlag.Depleted),
        HidInfo.Bit(prefix + ".Buck", HidStatusFlag.Trim),
        HidInfo.Bit(prefix + ".Boost", HidStatusFlag.Boost),
        HidInfo.Bit(prefix + ".OverTemperature", HidStatusFlag.OverHeat),
        HidInfo.Bit(prefix + ".InternalFailure", HidStatusFlag.CommFault),
        HidInfo.Bit(prefix + ".AwaitingPower", HidStatusFlag.AwaitingPower),
        HidInfo.Bit(prefix + ".VoltageOutOfRange", HidStatusFlag.VoltageRange),
        HidInfo.Bit(prefix + ".FrequencyOutOfRange", HidStatusFlag.FrequencyRange),
    ];

    /// <summary>Battery and general values under UPS.PowerSummary.</summary>
    public static IEnumerable<HidInfo> PowerSummary() =>
    [
        HidInfo.Var("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
        HidInfo.Var("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
        HidInfo.Rw("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit"),
        HidInfo.Var("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
        HidInfo.Var("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
        HidInfo.Rw("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit"),
        HidInfo.Var("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
        HidInfo.Var("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.1f", S),
        HidInfo.Var("battery.mfr.date", "UPS.PowerSummary.ManufacturerDate", "%s", S, HidLookups.Date),
        HidInfo.Var("ups.load", "UPS.PowerSummary.PercentLoad"),
        HidInfo.Var("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", HidInfoFlags.SemiStatic, HidLookups.Beeper),
        HidInfo.Var("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "%.0f", Q),
        HidInfo.Var("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", "%.0f", Q),
        HidInfo.Var("ups.timer.reboot", "UPS.PowerSummary.DelayBeforeReboot", "%.0f", Q),
        Absent("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
        Absent("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"),
    ];

    /// <summary>Input/output values under UPS.Input and UPS.Output.</summary>
    public static IEnumerable<HidInfo> InputOutput() =>
    [
        HidInfo.Var("input.voltage", "UPS.Input.Voltage", "%.1f"),
        HidInfo.Var("input.voltage.nominal", "UPS.Input.ConfigVoltage", "%.0f", S),
        HidInfo.Var("input.frequency", "UPS.Input.Frequency", "%.1f"),
        HidInfo.Rw("input.transfer.low", "UPS.Input.LowVoltageTransfer"),
        HidInfo.Rw("input.transfer.high", "UPS.Input.HighVoltageTransfer"),
        HidInfo.Var("output.voltage", "UPS.Output.Voltage", "%.1f"),
        HidInfo.Var("output.voltage.nominal", "UPS.Output.ConfigVoltage", "%.1f", S),
        HidInfo.Var("output.frequency", "UPS.Output.Frequency", "%.1f"),
        HidInfo.Var("output.current", "UPS.Output.Current", "%.2f"),
        HidInfo.Var("ups.load", "UPS.Output.PercentLoad"),
        HidInfo.Var("ups.realpower.nominal", "UPS.Output.ConfigActivePower", "%.0f", S),
        HidInfo.Var("ups.power.nominal", "UPS.Output.ConfigApparentPower", "%.0f", S),
        HidInfo.Var("ups.realpower", "UPS.Output.ActivePower"),
        HidInfo.Var("ups.power", "UPS.Output.ApparentPower"),
        HidInfo.Var("ups.test.result", "UPS.Output.Test", "%s", HidInfoFlags.None, HidLookups.TestRead),
        HidInfo.Var("ups.timer.shutdown", "UPS.Output.DelayBeforeShutdown", "%.0f", Q),
        HidInfo.Var("ups.timer.start", "UPS.Output.DelayBeforeStartup", "%.0f", Q),
        Absent("ups.delay.shutdown", "UPS.Output.DelayBeforeShutdown", "offdelay"),
        Absent("ups.delay.start", "UPS.Output.DelayBeforeStartup", "ondelay"),
    ];

    /// <summary>The standard commands on a Test usage and the PowerSummary / Output controls.</summary>
    public static IEnumerable<HidInfo> Commands(string testPath, string delayPrefix) =>
    [
        HidInfo.Cmd("test.battery.start.quick", testPath, "1"),
        HidInfo.Cmd("test.battery.start.deep", testPath, "2"),
        HidInfo.Cmd("test.battery.stop", testPath, "3"),
        HidInfo.Cmd("load.off.delay", delayPrefix + ".DelayBeforeShutdown", "offdelay"),
        HidInfo.Cmd("load.on.delay", delayPrefix + ".DelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("shutdown.stop", delayPrefix + ".DelayBeforeShutdown", "-1"),
        HidInfo.Cmd("shutdown.reboot", delayPrefix + ".DelayBeforeReboot", "10"),
    ];

    /// <summary>Beeper commands on an AudibleAlarmControl usage (1 disabled, 2 enabled, 3 muted).</summary>
    public static IEnumerable<HidInfo> Beeper(string path) =>
    [
        HidInfo.Cmd("beeper.on", path, "2"),
        HidInfo.Cmd("beeper.off", path, "3"),
        HidInfo.Cmd("beeper.enable", path, "2"),
        HidInfo.Cmd("beeper.disable", path, "1"),
        HidInfo.Cmd("beeper.mute", path, "3"),
    ];

    /// <summary>
    /// A delay NUT publishes from its option (offdelay/ondelay) when the device has the usage, without reading it.
    /// The format names the option; the driver substitutes its value.
    /// </summary>
    public static HidInfo Absent(string name, string path, string option) =>
        new(name, path, option, HidInfoFlags.Absent | HidInfoFlags.Rw | HidInfoFlags.String);
}
