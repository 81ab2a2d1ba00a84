using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// MGE / Eaton (mge-hid, "MGE HID 1.46" in NUT 2.8.0), with the Dell, Powerware, HP, AEG and IBM OEM IDs. Layout:
/// UPS.PowerConverter.Input.[n] / Output, UPS.Flow.[n] (1 input, 3 bypass, 4 output), UPS.OutletSystem.Outlet.[n],
/// 8-bit status values in small per-topic reports, and vendor page 0xFFFF. Battery voltage from
/// UPS.PowerSummary.Voltage is trusted only for the families NUT trusts it for.
/// </summary>
public sealed class MgeHid : HidSubdriver
{
    public const ushort VendorId = 0x0463;

    public override string Name => "MGE HID 1.46";

    const ushort Dell = 0x047C, Hp = 0x03F0, Phoenixtec = 0x06DA;

    static readonly (ushort Vendor, ushort Product)[] Ids =
    [
        (VendorId, 0x0001), (VendorId, 0xFFFF),
        (Dell, 0xFFFF),
        (0x0592, 0x0004),                                   // Powerware
        (Hp, 0x1FE5), (Hp, 0x1FE6), (Hp, 0x1FE7), (Hp, 0x1FE8),
        (0x2B2D, 0xFFFF),                                   // AEG
        (Phoenixtec, 0xFFFF),                               // AEG PROTECT NAS only, see Claim
        (0x04B3, 0x0001),                                   // IBM
    ];

    /// <summary>
    /// NUT 2.8.0's mge_claim: 06da:ffff belongs to the Phoenixtec/Liebert subdriver (tried later) unless the USB
    /// vendor or product string says AEG; unknown HP and Dell products are refused without a notice.
    /// </summary>
    public override HidClaim Claim(UsbDeviceInfo d)
    {
        var claim = ByIds(d, Ids);
        if (d.VendorId == Phoenixtec && claim != HidClaim.No)
            return IsAeg(d) ? HidClaim.Supported : HidClaim.No;
        return claim;
    }

    static bool IsAeg(UsbDeviceInfo d) =>
        d.Vendor?.Contains("AEG", StringComparison.Ordinal) == true || d.Product?.Contains("AEG", StringComparison.Ordinal) == true;

    public override string? NoticeVendor(UsbDeviceInfo d) => d.VendorId is Hp or Dell ? null : "Eaton / MGE";

    const uint Mge = 0xFFFF_0000;

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("Inverter", Mge | 0x14), ("ConfigurationFailure", Mge | 0x2D), ("ConverterType", Mge | 0x41),
        ("AutomaticRestart", Mge | 0x43), ("ForcedReboot", Mge | 0x44), ("TestPeriod", Mge | 0x45),
        ("EnergySaving", Mge | 0x46), ("StartOnBattery", Mge | 0x47), ("Schedule", Mge | 0x48),
        ("DeepDischargeProtection", Mge | 0x49), ("ShortCircuit", Mge | 0x4A), ("SensitivityMode", Mge | 0x4C),
        ("RemainingCapacityLimitSetting", Mge | 0x4D), ("LowVoltageBoostTransfer", Mge | 0x50),
        ("HighVoltageBuckTransfer", Mge | 0x53), ("ShutdownTimer", Mge | 0x5D), ("RestartLevel", Mge | 0x5F),
        ("EmergencyStop", Mge | 0x68), ("PowerFactor", Mge | 0x69), ("ChargerType", Mge | 0x6B),
        ("ControlStandby", Mge | 0x72), ("VoltageTooHigh", Mge | 0x74), ("VoltageTooLow", Mge | 0x75),
        ("FanFailure", Mge | 0x77), ("Floating", Mge | 0x79), ("Efficiency", Mge | 0x86), ("ABMEnable", Mge | 0x87),
        ("Mode", Mge | 0x94), ("Country", Mge | 0x95), ("iModel", Mge | 0xF0), ("iVersion", Mge | 0xF1),
        ("iPartNumber", Mge | 0xF3),
    ];

    /// <summary>SensitivityMode: 0 normal, 1 high, 2 low.</summary>
    public static readonly HidLookup Sensitivity = new EnumLookup([(0, "normal"), (1, "high"), (2, "low")]);

    /// <summary>ConverterType: the UPS topology.</summary>
    public static readonly HidLookup UpsType = new EnumLookup(
    [
        (1, "offline / line interactive"), (2, "online"), (3, "online - unitary/parallel"),
        (4, "online - parallel with hot standy"), (5, "online - hot standby redundancy"),
    ], offerEnum: false);

    public static readonly HidLookup OutletStatus = new EnumLookup([(0, "off"), (1, "on")], offerEnum: false);

    const HidInfoFlags S = HidInfoFlags.Static, Q = HidInfoFlags.QuickPoll, SS = HidInfoFlags.SemiStatic, N = HidInfoFlags.None;

    public override IReadOnlyList<HidInfo> Table { get; } = BuildTable();

    static List<HidInfo> BuildTable()
    {
        var t = new List<HidInfo>
        {
            HidInfo.Var("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
            HidInfo.Var("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
            HidInfo.Rw("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimitSetting"),
            HidInfo.Var("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", S),
            HidInfo.Rw("battery.charge.restart", "UPS.PowerSummary.RestartLevel"),
            HidInfo.Var("battery.capacity", "UPS.BatterySystem.Battery.DesignCapacity", "%s", S, new FuncLookup(v => (v / 3600).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))),
            HidInfo.Var("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
            HidInfo.Rw("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit"),
            HidInfo.Var("battery.voltage", "UPS.BatterySystem.Voltage", "%.1f"),
            HidInfo.Var("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
            HidInfo.Var("battery.voltage.nominal", "UPS.BatterySystem.ConfigVoltage", "%.0f", S),
            HidInfo.Var("battery.temperature", "UPS.BatterySystem.Battery.Temperature", "%s", N, HidLookups.KelvinCelsius),
            HidInfo.Rw("battery.protection", "UPS.BatterySystem.Battery.DeepDischargeProtection", "%s", HidLookups.YesNo),
            HidInfo.Rw("battery.energysave", "UPS.PowerConverter.Input.[3].EnergySaving", "%s", HidLookups.YesNo),

            HidInfo.Var("ups.firmware", "UPS.PowerSummary.iVersion", "%s", S, HidLookups.StringId),
            HidInfo.Var("ups.load", "UPS.PowerSummary.PercentLoad"),
            HidInfo.Var("ups.load.high", "UPS.Flow.[4].ConfigPercentLoad", "%.0f", S),
            HidInfo.Var("ups.power", "UPS.PowerConverter.Output.ApparentPower"),
            HidInfo.Var("ups.power.nominal", "UPS.Flow.[4].ConfigApparentPower", "%.0f", S),
            HidInfo.Var("ups.realpower", "UPS.PowerConverter.Output.ActivePower"),
            HidInfo.Var("ups.realpower.nominal", "UPS.Flow.[4].ConfigActivePower", "%.0f", S),
            HidInfo.Var("ups.efficiency", "UPS.PowerConverter.Output.Efficiency"),
            HidInfo.Var("ups.type", "UPS.PowerConverter.ConverterType", "%s", S, UpsType),
            HidInfo.Var("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
            HidInfo.Var("ups.beeper.status", "UPS.BatterySystem.Battery.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
            HidInfo.Var("ups.test.result", "UPS.BatterySystem.Battery.Test", "%s", N, HidLookups.TestRead),
            HidInfo.Rw("ups.test.interval", "UPS.BatterySystem.Battery.TestPeriod"),
            HidInfo.Rw("ups.start.auto", "UPS.PowerConverter.Input.[1].AutomaticRestart", "%s", HidLookups.YesNo),
            HidInfo.Rw("ups.start.battery", "UPS.PowerConverter.Input.[3].StartOnBattery", "%s", HidLookups.YesNo),
            HidInfo.Rw("ups.start.reboot", "UPS.PowerConverter.Output.ForcedReboot", "%s", HidLookups.YesNo),
            HidInfo.Var("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "%.0f", Q),
            HidInfo.Var("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", "%.0f", Q),
            HidInfo.Var("ups.timer.reboot", "UPS.PowerSummary.DelayBeforeReboot", "%.0f", Q),
            CommonHidTable.Absent("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
            CommonHidTable.Absent("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"),

            HidInfo.Var("input.voltage", "UPS.PowerConverter.Input.[1].Voltage", "%.1f"),
            HidInfo.Var("input.voltage.nominal", "UPS.Flow.[1].ConfigVoltage", "%.0f", S),
            HidInfo.Var("input.current", "UPS.PowerConverter.Input.[1].Current", "%.2f"),
            HidInfo.Var("input.frequency", "UPS.PowerConverter.Input.[1].Frequency", "%.1f"),
            HidInfo.Var("input.frequency.nominal", "UPS.Flow.[1].ConfigFrequency", "%.0f", S),
            HidInfo.Rw("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer"),
            HidInfo.Rw("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer"),
            HidInfo.Rw("input.transfer.boost.low", "UPS.PowerConverter.Output.LowVoltageBoostTransfer"),
            HidInfo.Rw("input.transfer.trim.high", "UPS.PowerConverter.Output.HighVoltageBuckTransfer"),
            HidInfo.Rw("input.sensitivity", "UPS.PowerConverter.Output.SensitivityMode", "%s", Sensitivity),
            HidInfo.Var("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f"),
            HidInfo.Var("output.voltage.nominal", "UPS.Flow.[4].ConfigVoltage", "%.0f", S),
            HidInfo.Var("output.current", "UPS.PowerConverter.Output.Current", "%.2f"),
            HidInfo.Var("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f"),
            HidInfo.Var("output.frequency.nominal", "UPS.Flow.[4].ConfigFrequency", "%.0f", S),
            HidInfo.Var("output.powerfactor", "UPS.PowerConverter.Output.PowerFactor", "%s", N, HidLookups.DivideBy100),

            HidInfo.Var("outlet.id", "UPS.OutletSystem.Outlet.[1].OutletID", "%.0f", S),
            HidInfo.Var("outlet.switchable", "UPS.OutletSystem.Outlet.[1].PresentStatus.Switchable", "%s", S, new EnumLookup([(0, "no"), (1, "yes")], false)),
            HidInfo.Var("outlet.1.status", "UPS.OutletSystem.Outlet.[2].PresentStatus.SwitchOnOff", "%s", N, OutletStatus),
        };
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerSummary.PresentStatus"));
        t.Add(new HidInfo("BOOL", "UPS.PowerSummary.PresentStatus.Good", "%s", Q) { Status = HidStatusFlag.Off, Inverted = true });
        t.Add(HidInfo.Bit("UPS.PowerSummary.PresentStatus.FanFailure", HidStatusFlag.FanFailure));
        t.Add(HidInfo.Bit("UPS.PowerConverter.Input.[1].PresentStatus.Boost", HidStatusFlag.Boost));
        t.Add(HidInfo.Bit("UPS.PowerConverter.Input.[1].PresentStatus.Buck", HidStatusFlag.Trim));
        t.Add(HidInfo.Bit("UPS.PowerConverter.Input.[1].PresentStatus.VoltageOutOfRange", HidStatusFlag.VoltageRange));
        t.Add(HidInfo.Bit("UPS.PowerConverter.Input.[1].PresentStatus.FrequencyOutOfRange", HidStatusFlag.FrequencyRange));
        t.Add(HidInfo.Bit("UPS.PowerConverter.Input.[3].PresentStatus.Used", HidStatusFlag.BypassAuto));
        t.Add(HidInfo.Bit("UPS.BatterySystem.Battery.PresentStatus.Present", HidStatusFlag.NoBattery, inverted: true));
        t.Add(HidInfo.Bit("UPS.BatterySystem.Charger.PresentStatus.InternalFailure", HidStatusFlag.ChargerFailure));
        t.Add(HidInfo.Bit("UPS.BatterySystem.Charger.PresentStatus.VoltageTooHigh", HidStatusFlag.BattVoltHigh));
        t.Add(HidInfo.Bit("UPS.BatterySystem.Charger.PresentStatus.VoltageTooLow", HidStatusFlag.BattVoltLow));
        t.AddRange(CommonHidTable.Beeper("UPS.PowerSummary.AudibleAlarmControl"));
        t.AddRange(CommonHidTable.Beeper("UPS.BatterySystem.Battery.AudibleAlarmControl"));
        t.Add(HidInfo.Cmd("test.battery.start.quick", "UPS.BatterySystem.Battery.Test", "1"));
        t.Add(HidInfo.Cmd("test.battery.start.deep", "UPS.BatterySystem.Battery.Test", "2"));
        t.Add(HidInfo.Cmd("test.battery.stop", "UPS.BatterySystem.Battery.Test", "3"));
        t.Add(HidInfo.Cmd("load.off.delay", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"));
        t.Add(HidInfo.Cmd("load.on.delay", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"));
        t.Add(HidInfo.Cmd("shutdown.stop", "UPS.PowerSummary.DelayBeforeShutdown", "-1"));
        t.Add(HidInfo.Cmd("shutdown.reboot", "UPS.PowerSummary.DelayBeforeReboot", "10"));
        return t;
    }

    // NUT trusts UPS.PowerSummary.Voltage as the battery voltage only for these families.
    static readonly string[] TrustedPowerSummaryVoltage = ["Evolution", "Pulsar M", "5P", "9E"];

    public override bool Accepts(UsbDeviceInfo d, HidInfo e) =>
        e.Path != "UPS.PowerSummary.Voltage"
        || TrustedPowerSummaryVoltage.Any(f => d.Product?.Contains(f, StringComparison.Ordinal) == true);

    public override IEnumerable<(string Name, string Value)> ModelExtras(UsbDeviceInfo d) =>
        [("outlet.desc", "Main Outlet")];
}
