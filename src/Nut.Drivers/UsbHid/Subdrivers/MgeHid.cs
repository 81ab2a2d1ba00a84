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


    public override IEnumerable<(string Name, uint Usage)> VendorUsages => MgeUsages.All;

    /// <summary>SensitivityMode: 0 normal, 1 high, 2 low.</summary>
    public static readonly HidLookup Sensitivity = new EnumLookup([(0, "normal"), (1, "high"), (2, "low")]);

    /// <summary>ConverterType: the UPS topology.</summary>
    public static readonly HidLookup UpsType = new EnumLookup(
    [
        (1, "offline / line interactive"), (2, "online"), (3, "online - unitary/parallel"),
        (4, "online - parallel with hot standy"), (5, "online - hot standby redundancy"),
    ], offerEnum: false);

    public static readonly HidLookup OutletStatus = new EnumLookup([(0, "off"), (1, "on")], offerEnum: false);

    /// <summary>ups.shutdown: whether the UPS obeys shutdown orders (PowerSummary.PresentStatus.Switchable).</summary>
    public static readonly HidLookup EnableDisable = new EnumLookup([(0, "disabled"), (1, "enabled")]);

    internal static readonly HidLookup YesNoStatic = new EnumLookup([(0, "no"), (1, "yes")], offerEnum: false);

    const HidInfoFlags S = HidInfoFlags.Static, Q = HidInfoFlags.QuickPoll, SS = HidInfoFlags.SemiStatic, N = HidInfoFlags.None;

    public override IReadOnlyList<HidInfo> Table { get; }

    public MgeHid()
    {
        Table = BuildTable();
    }

    List<HidInfo> BuildTable()
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
            // NUT lists the BatterySystem copy first (the 3S and 5SC have both).
            HidInfo.Var("ups.beeper.status", "UPS.BatterySystem.Battery.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
            HidInfo.Var("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
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

            HidInfo.Rw("ups.shutdown", "UPS.PowerSummary.PresentStatus.Switchable", "%s", EnableDisable),
        };
        // ABM first: the charger mode decides CHRG/DISCHRG, so the ABM state must be known before the status bits.
        t.InsertRange(0, Abm.Entries());
        t.AddRange(MgeOutlets.Entries());
        // Charging and Discharging come from the ABM helper (they count only while ABM is disabled).
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerSummary.PresentStatus")
            .Where(e => e.Status is not (HidStatusFlag.Charging or HidStatusFlag.Discharging)));
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
        // The battery's beeper control first, as in NUT 2.8.0 (Debian's driver on the Eaton 5SC writes report 0x28).
        t.AddRange(CommonHidTable.Beeper("UPS.BatterySystem.Battery.AudibleAlarmControl"));
        t.AddRange(CommonHidTable.Beeper("UPS.PowerSummary.AudibleAlarmControl"));
        t.Add(HidInfo.Cmd("test.battery.start.quick", "UPS.BatterySystem.Battery.Test", "1"));
        t.Add(HidInfo.Cmd("test.battery.start.deep", "UPS.BatterySystem.Battery.Test", "2"));
        t.Add(HidInfo.Cmd("test.battery.stop", "UPS.BatterySystem.Battery.Test", "3"));
        t.Add(HidInfo.Cmd("load.off.delay", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"));
        t.Add(HidInfo.Cmd("load.on.delay", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"));
        // Written before the two delays (UsbHidDriver.InstCmd): whether the unit powers up again by itself.
        t.Add(HidInfo.Cmd("shutdown.return", "UPS.PowerConverter.Input.[1].AutomaticRestart", "1"));
        t.Add(HidInfo.Cmd("shutdown.stayoff", "UPS.PowerConverter.Input.[1].AutomaticRestart", "0"));
        t.Add(HidInfo.Cmd("shutdown.stop", "UPS.PowerSummary.DelayBeforeShutdown", "-1"));
        t.Add(HidInfo.Cmd("shutdown.reboot", "UPS.PowerSummary.DelayBeforeReboot", "10"));
        t.AddRange(MgeOutlets.Commands());
        return t;
    }

    // NUT trusts UPS.PowerSummary.Voltage as the battery voltage only for these families.
    static readonly string[] TrustedPowerSummaryVoltage = ["Evolution", "Pulsar M", "5P", "9E"];

    public override bool Accepts(UsbDeviceInfo d, HidInfo e) =>
        e.Path != "UPS.PowerSummary.Voltage"
        || TrustedPowerSummaryVoltage.Any(f => d.Product?.Contains(f, StringComparison.Ordinal) == true);

    /// <summary>The Advanced Battery Monitoring state of this run (per driver run, as the subdriver instance).</summary>
    public EatonAbm Abm { get; } = new();
}
