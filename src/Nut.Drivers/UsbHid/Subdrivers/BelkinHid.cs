using System.Globalization;
using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Belkin (050d) and Liebert (10af) units with Belkin firmware: vendor page 0x00860000 values, bit-packed status words.
/// NUT 2.8.0's "Belkin/Liebert HID 0.18": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class BelkinHid : HidSubdriver
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "Belkin/Liebert HID 0.18";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x050D, 0x0980), (0x050D, 0x0900), (0x050D, 0x0910), (0x050D, 0x0912), (0x050D, 0x0551), (0x050D, 0x0750), (0x050D, 0x0751), (0x050D, 0x0375), (0x050D, 0x0F51), (0x050D, 0x1100), (0x10AF, 0x0004), (0x10AF, 0x0001), (0x10AF, 0x0008)];

    // 050d:0218 is Belkin's F5U218-MOB USB hub, not a UPS.
    public override HidClaim Claim(UsbDeviceInfo d) =>
        d.VendorId == 0x050D && d.ProductId == 0x0218 ? HidClaim.No : ByIds(d, Ids);

    public override string? NoticeVendor(UsbDeviceInfo d) => d.VendorId == 0x10AF ? "Liebert" : "Belkin";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "Belkin";

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("BELKINConfig", 0x00860026),
        ("BELKINConfigVoltage", 0x00860040),
        ("BELKINConfigFrequency", 0x00860042),
        ("BELKINConfigApparentPower", 0x00860043),
        ("BELKINConfigBatteryVoltage", 0x00860044),
        ("BELKINConfigOverloadTransfer", 0x00860045),
        ("BELKINLowVoltageTransfer", 0x00860053),
        ("BELKINHighVoltageTransfer", 0x00860054),
        ("BELKINLowVoltageTransferMax", 0x0086005B),
        ("BELKINLowVoltageTransferMin", 0x0086005C),
        ("BELKINHighVoltageTransferMax", 0x0086005D),
        ("BELKINHighVoltageTransferMin", 0x0086005E),
        ("BELKINControls", 0x00860027),
        ("BELKINLoadOn", 0x00860050),
        ("BELKINLoadOff", 0x00860051),
        ("BELKINLoadToggle", 0x00860052),
        ("BELKINDelayBeforeReboot", 0x00860055),
        ("BELKINDelayBeforeStartup", 0x00860056),
        ("BELKINDelayBeforeShutdown", 0x00860057),
        ("BELKINTest", 0x00860058),
        ("BELKINAudibleAlarmControl", 0x0086005A),
        ("BELKINDevice", 0x00860029),
        ("BELKINVoltageSensitivity", 0x00860074),
        ("BELKINModelString", 0x00860075),
        ("BELKINModelStringOffset", 0x00860076),
        ("BELKINUPSType", 0x0086007C),
        ("BELKINPowerState", 0x0086002A),
        ("BELKINInput", 0x0086001A),
        ("BELKINOutput", 0x0086001C),
        ("BELKINBatterySystem", 0x00860010),
        ("BELKINVoltage", 0x00860030),
        ("BELKINFrequency", 0x00860032),
        ("BELKINPower", 0x00860034),
        ("BELKINPercentLoad", 0x00860035),
        ("BELKINTemperature", 0x00860036),
        ("BELKINCharge", 0x00860039),
        ("BELKINRunTimeToEmpty", 0x0086006C),
        ("BELKINStatus", 0x00860028),
        ("BELKINBatteryStatus", 0x00860022),
        ("BELKINPowerStatus", 0x00860021),
    ];

    /// <summary>Firmware: the high nibbles of the value.</summary>
    static readonly HidLookup Firmware = new FuncLookup(v => (((long)v) >> 4).ToString(Inv));

    /// <summary>The low nibble names the topology; anything else is online.</summary>
    static readonly HidLookup UpsType = new FuncLookup(v => (((long)v) & 0x0F) switch
    {
        1 => "offline", 2 => "line-interactive", 3 => "simple online", 4 => "simple offline", 5 => "simple line-interactive", _ => "online",
    });

    static readonly HidLookup Sensitivity = new FuncLookup(v => ((long)v) switch { 1 => "reduced", 2 => "low", _ => "normal" });

    static readonly HidLookup TestResult = new EnumLookup([(0, "No test initiated"), (1, "Done and passed"), (2, "Done and warning"),
        (3, "Done and error"), (4, "Aborted"), (5, "In progress")], offerEnum: false);

    // Liebert firmware under these IDs reports voltages with a unit exponent 1e-7 off. NUT learns the correction
    // from the readings: a ConfigVoltage of exactly 1e-7 sets the factor 1e8 for it and 1e7 for the line
    // voltages; a line voltage of exactly 1e-7 sets 1e7 for the line voltages. Per driver run, as here.
    double _configVoltageScale = 1, _lineVoltageScale = 1;

    HidLookup LiebertConfigVoltage => new FuncLookup(v =>
    {
        if (v < 1)
        {
            if (Math.Abs(v - 1e-7) < 1e-9)
            {
                _configVoltageScale = 1e8;
                _lineVoltageScale = 1e7;
            }
            else
                Nut.Platform.NutLog.Notice("ConfigVoltage exponent looks wrong, but not correcting.");
        }
        return (v * _configVoltageScale).ToString("0.0", Inv);
    });

    HidLookup LiebertLineVoltage => new FuncLookup(v =>
    {
        if (v < 1)
        {
            if (Math.Abs(v - 1e-7) < 1e-9)
                _lineVoltageScale = 1e7;
            else
                Nut.Platform.NutLog.Notice("LineVoltage exponent looks wrong, but not correcting.");
        }
        return (v * _lineVoltageScale).ToString("0.0", Inv);
    });

    // A status flag carried by one bit of a vendor status word.
    static HidInfo StatusWord(string path, HidStatusFlag flag, long mask, bool inverted = false) =>
        new("BOOL", path, "%s", HidInfoFlags.QuickPoll) { Status = flag, StatusOf = v => ((((long)v) & mask) != 0) != inverted };

    public override IReadOnlyList<HidInfo> Table { get; }

    public BelkinHid()
    {
        Table = BuildTable();
    }

    // An instance table: the Liebert voltage lookups keep per-run state.
    List<HidInfo> BuildTable() =>
    [
        new("battery.charge", "UPS.BELKINBatterySystem.BELKINCharge", "%.0f", N),
        new("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", N),
        new("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit", "%.0f", N),
        new("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", "%.0f", N),
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", N, HidLookups.StringId),
        new("battery.voltage", "UPS.BELKINBatterySystem.BELKINVoltage", "%s", N, HidLookups.DivideBy10),
        new("battery.voltage.nominal", "UPS.BELKINConfig.BELKINConfigBatteryVoltage", "%.0f", N),
        new("input.frequency", "UPS.BELKINPowerState.BELKINInput.BELKINFrequency", "%s", N, HidLookups.DivideBy10),
        new("input.frequency.nominal", "UPS.BELKINConfig.BELKINConfigFrequency", "%.0f", N),
        new("input.sensitivity", "UPS.BELKINDevice.BELKINVoltageSensitivity", "%s", HidInfoFlags.Rw | HidInfoFlags.String, Sensitivity),
        new("input.transfer.high", "UPS.BELKINConfig.BELKINHighVoltageTransfer", "%.0f", HidInfoFlags.Rw | HidInfoFlags.String),
        new("input.transfer.high.max", "UPS.BELKINConfig.BELKINHighVoltageTransferMax", "%.0f", N),
        new("input.transfer.high.min", "UPS.BELKINConfig.BELKINHighVoltageTransferMin", "%.0f", N),
        new("input.transfer.low", "UPS.BELKINConfig.BELKINLowVoltageTransfer", "%.0f", HidInfoFlags.Rw | HidInfoFlags.String),
        new("input.transfer.low.max", "UPS.BELKINConfig.BELKINLowVoltageTransferMax", "%.0f", N),
        new("input.transfer.low.min", "UPS.BELKINConfig.BELKINLowVoltageTransferMin", "%.0f", N),
        new("input.voltage", "UPS.BELKINPowerState.BELKINInput.BELKINVoltage", "%s", N, HidLookups.DivideBy10),
        new("input.voltage.nominal", "UPS.BELKINConfig.BELKINConfigVoltage", "%.0f", N),
        new("output.frequency", "UPS.BELKINPowerState.BELKINOutput.BELKINFrequency", "%s", N, HidLookups.DivideBy10),
        new("output.voltage", "UPS.BELKINPowerState.BELKINOutput.BELKINVoltage", "%s", N, HidLookups.DivideBy10),
        new("ups.beeper.status", "UPS.BELKINControls.BELKINAudibleAlarmControl", "%s", N, HidLookups.Beeper),
        CommonHidTable.Absent("ups.delay.start", "UPS.BELKINControls.BELKINDelayBeforeStartup", "ondelay"),
        CommonHidTable.Absent("ups.delay.shutdown", "UPS.BELKINControls.BELKINDelayBeforeShutdown", "offdelay"),
        new("ups.timer.start", "UPS.BELKINControls.BELKINDelayBeforeStartup", "%.0f", Q),
        new("ups.timer.shutdown", "UPS.BELKINControls.BELKINDelayBeforeShutdown", "%.0f", Q),
        new("ups.timer.reboot", "UPS.BELKINControls.BELKINDelayBeforeReboot", "%.0f", Q),
        new("ups.firmware", "UPS.BELKINDevice.BELKINUPSType", "%s", N, Firmware),
        new("ups.load", "UPS.BELKINPowerState.BELKINOutput.BELKINPercentLoad", "%.0f", N),
        new("ups.load.high", "UPS.BELKINConfig.BELKINConfigOverloadTransfer", "%.0f", N),
        new("ups.mfr.date", "UPS.PowerSummary.ManufacturerDate", "%s", N, HidLookups.Date),
        new("ups.power.nominal", "UPS.BELKINConfig.BELKINConfigApparentPower", "%.0f", N),
        new("ups.serial", "UPS.PowerSummary.iSerialNumber", "%s", N, HidLookups.StringId),
        new("ups.test.result", "UPS.BELKINControls.BELKINTest", "%s", N, TestResult),
        new("ups.type", "UPS.BELKINDevice.BELKINUPSType", "%s", N, UpsType),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", Q),
        new("input.frequency", "UPS.Input.Frequency", "%s", N, HidLookups.DivideBy10),
        new("input.voltage", "UPS.Input.Voltage", "%s", N, LiebertLineVoltage),
        new("output.voltage", "UPS.Output.Voltage", "%s", N, LiebertLineVoltage),
        new("battery.voltage", "UPS.PowerSummary.Voltage", "%s", N, LiebertLineVoltage),
        new("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%s", S, LiebertConfigVoltage),
        new("ups.load", "UPS.Output.PercentLoad", "%.0f", N),
        HidInfo.Bit("UPS.PowerSummary.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        HidInfo.Bit("UPS.PowerSummary.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        StatusWord("UPS.BELKINStatus.BELKINPowerStatus", HidStatusFlag.Overload, 0x10),
        StatusWord("UPS.BELKINStatus.BELKINPowerStatus", HidStatusFlag.OverHeat, 0x40),
        StatusWord("UPS.BELKINStatus.BELKINPowerStatus", HidStatusFlag.CommFault, 0x80),
        StatusWord("UPS.BELKINStatus.BELKINPowerStatus", HidStatusFlag.AwaitingPower, 0x2000),
        StatusWord("UPS.BELKINStatus.BELKINPowerStatus", HidStatusFlag.Online, 0x1, inverted: true),
        StatusWord("UPS.BELKINStatus.BELKINBatteryStatus", HidStatusFlag.Depleted, 0x40),
        StatusWord("UPS.BELKINStatus.BELKINBatteryStatus", HidStatusFlag.ReplaceBattery, 0x80),
        StatusWord("UPS.BELKINStatus.BELKINBatteryStatus", HidStatusFlag.LowBattery, 0x4),
        HidInfo.Cmd("test.battery.start.quick", "UPS.BELKINControls.BELKINTest", "1"),
        HidInfo.Cmd("test.battery.start.deep", "UPS.BELKINControls.BELKINTest", "2"),
        HidInfo.Cmd("test.battery.stop", "UPS.BELKINControls.BELKINTest", "3"),
        HidInfo.Cmd("beeper.on", "UPS.BELKINControls.BELKINAudibleAlarmControl", "2"),
        HidInfo.Cmd("beeper.off", "UPS.BELKINControls.BELKINAudibleAlarmControl", "3"),
        HidInfo.Cmd("beeper.disable", "UPS.BELKINControls.BELKINAudibleAlarmControl", "1"),
        HidInfo.Cmd("beeper.enable", "UPS.BELKINControls.BELKINAudibleAlarmControl", "2"),
        HidInfo.Cmd("beeper.mute", "UPS.BELKINControls.BELKINAudibleAlarmControl", "3"),
        HidInfo.Cmd("load.off", "UPS.BELKINControls.BELKINDelayBeforeShutdown", "1"),
        HidInfo.Cmd("load.on", "UPS.BELKINControls.BELKINDelayBeforeStartup", "1"),
        HidInfo.Cmd("load.off.delay", "UPS.BELKINControls.BELKINDelayBeforeShutdown", "offdelay"),
        HidInfo.Cmd("load.on.delay", "UPS.BELKINControls.BELKINDelayBeforeStartup", "ondelay"),
        HidInfo.Cmd("shutdown.stop", "UPS.BELKINControls.BELKINDelayBeforeShutdown", "-1"),
        HidInfo.Cmd("shutdown.reboot", "UPS.BELKINControls.BELKINDelayBeforeReboot", "10"),
    ];
}
