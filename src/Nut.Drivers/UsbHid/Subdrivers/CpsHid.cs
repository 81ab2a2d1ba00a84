using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;
using Nut.Platform;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// CyberPower (cps-hid, "CyberPower HID 0.6" in NUT 2.8.0), also Cyber Energy 0483:A430. Quirks: the output
/// voltage item that inherits the High Voltage Transfer's logical range (fixed in the descriptor for 0501/0601
/// unless <c>disable_fix_report_desc</c>), battery voltage 1.5x too high on some 0501 firmwares (scaled by 2/3
/// when the first reading exceeds 1.4x nominal), frequency in 0.1 Hz without an exponent on 0501, and the
/// battery charge clamped to 100.
/// </summary>
public sealed class CpsHid : HidSubdriver
{
    public const ushort VendorId = 0x0764;

    public override string Name => "CyberPower HID 0.6";

    public override HidClaim Claim(UsbDeviceInfo d) =>
        ByIds(d, [(VendorId, 0x0005), (VendorId, 0x0501), (VendorId, 0x0601), (0x0483, 0xA430)]);

    const uint Cps = 0xFF01_0000;

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
        [("CPSFirmwareVersion", Cps | 0xD0), ("CPSInputSensitivity", Cps | 0x43)];

    const HidInfoFlags S = HidInfoFlags.Static, Q = HidInfoFlags.QuickPoll, SS = HidInfoFlags.SemiStatic;

    public override IReadOnlyList<HidInfo> Table { get; } = BuildTable();

    static List<HidInfo> BuildTable()
    {
        var t = new List<HidInfo>
        {
            HidInfo.Var("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
            HidInfo.Var("battery.mfr.date", "UPS.PowerSummary.iOEMInformation", "%s", S, HidLookups.StringId),
            HidInfo.Var("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
            HidInfo.Rw("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit"),
            HidInfo.Var("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
            HidInfo.Var("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
            HidInfo.Rw("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit"),
            HidInfo.Var("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.0f", S),
            HidInfo.Var("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
            HidInfo.Var("battery.temperature", "UPS.PowerSummary.Temperature", "%s", HidInfoFlags.None, HidLookups.KelvinCelsius),
            HidInfo.Var("ups.load", "UPS.Output.PercentLoad"),
            HidInfo.Var("ups.realpower.nominal", "UPS.Output.ConfigActivePower", "%.0f", S),
            HidInfo.Var("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
            HidInfo.Var("ups.test.result", "UPS.Output.Test", "%s", HidInfoFlags.None, HidLookups.TestRead),
            HidInfo.Var("ups.timer.shutdown", "UPS.Output.DelayBeforeShutdown", "%.0f", Q),
            HidInfo.Var("ups.timer.start", "UPS.Output.DelayBeforeStartup", "%.0f", Q),
            CommonHidTable.Absent("ups.delay.shutdown", "UPS.Output.DelayBeforeShutdown", "offdelay"),
            CommonHidTable.Absent("ups.delay.start", "UPS.Output.DelayBeforeStartup", "ondelay"),
            HidInfo.Var("input.voltage", "UPS.Input.Voltage", "%.1f"),
            HidInfo.Var("input.voltage.nominal", "UPS.Input.ConfigVoltage", "%.0f", S),
            HidInfo.Var("input.frequency", "UPS.Input.Frequency", "%.1f"),
            HidInfo.Rw("input.transfer.low", "UPS.Input.LowVoltageTransfer"),
            HidInfo.Rw("input.transfer.high", "UPS.Input.HighVoltageTransfer"),
            HidInfo.Var("output.voltage", "UPS.Output.Voltage", "%.1f"),
            HidInfo.Var("output.frequency", "UPS.Output.Frequency", "%.1f"),
        };
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerSummary.PresentStatus"));
        t.Add(HidInfo.Bit("UPS.Output.Boost", HidStatusFlag.Boost));
        t.Add(HidInfo.Bit("UPS.Output.Buck", HidStatusFlag.Trim));
        t.Add(HidInfo.Bit("UPS.Output.Overload", HidStatusFlag.Overload));
        t.AddRange(CommonHidTable.Beeper("UPS.PowerSummary.AudibleAlarmControl"));
        t.Add(HidInfo.Cmd("test.battery.start.quick", "UPS.Output.Test", "1"));
        t.Add(HidInfo.Cmd("test.battery.start.deep", "UPS.Output.Test", "2"));
        t.Add(HidInfo.Cmd("test.battery.stop", "UPS.Output.Test", "3"));
        t.Add(HidInfo.Cmd("load.off.delay", "UPS.Output.DelayBeforeShutdown", "offdelay"));
        t.Add(HidInfo.Cmd("load.on.delay", "UPS.Output.DelayBeforeStartup", "ondelay"));
        t.Add(HidInfo.Cmd("shutdown.stop", "UPS.Output.DelayBeforeShutdown", "-1"));
        return t;
    }

    double? _batteryNominal;
    double _batteryScale = 1;
    bool _batteryScaleDecided;
    readonly Dictionary<string, double> _frequencyScale = [];

    public override double AdjustValue(UsbDeviceInfo d, HidInfo e, double value)
    {
        switch (e.Name)
        {
            case "battery.charge":
                return Math.Min(value, 100);
            case "battery.voltage.nominal":
                _batteryNominal = value;
                return value;
            case "battery.voltage" when d.ProductId == 0x0501:
                if (!_batteryScaleDecided && _batteryNominal is > 0)
                {
                    _batteryScaleDecided = true;
                    if (value / _batteryNominal.Value > 1.4)
                    {
                        _batteryScale = 2.0 / 3;
                        NutLog.Debug(1, "battery voltage reads too high; scaling by 2/3 from now on");
                    }
                }
                return value * _batteryScale;
            case "input.frequency" or "output.frequency" when d.ProductId == 0x0501:
                if (!_frequencyScale.TryGetValue(e.Name, out double scale))
                {
                    // Decided once: whichever of value and value/10 falls in a 45..65 Hz window.
                    scale = value is >= 45 and <= 65 ? 1 : value / 10 is >= 45 and <= 65 ? 0.1 : 1;
                    _frequencyScale[e.Name] = scale;
                }
                return value * scale;
            default:
                return value;
        }
    }

    public override IReadOnlyList<HidField> FixDescriptor(UsbDeviceInfo d, IReadOnlyList<HidField> fields, HidUsageTable usages, bool disabled)
    {
        if (disabled || d.VendorId != VendorId || d.ProductId is not (0x0501 or 0x0601))
            return fields;
        uint[]? hvtPath = usages.ParsePath("UPS.Input.HighVoltageTransfer");
        uint[]? outPath = usages.ParsePath("UPS.Output.Voltage");
        uint[]? inPath = usages.ParsePath("UPS.Input.Voltage");
        HidField? hvt = fields.FirstOrDefault(f => f.Type == HidReportType.Feature && f.Path.SequenceEqual(hvtPath!));
        HidField? output = fields.FirstOrDefault(f => f.Type == HidReportType.Feature && f.Path.SequenceEqual(outPath!));
        if (hvt is null || output is null)
            return fields;
        NutLog.Debug(3, $"Attempting Report Descriptor fix for UPS: Vendor: {d.VendorId:x4}, Product: {d.ProductId:x4}");
        NutLog.Debug(4, $"Report Descriptor: hvt input LogMin: {hvt.LogicalMin} LogMax: {hvt.LogicalMax}");
        NutLog.Debug(4, $"Report Descriptor: output LogMin: {output.LogicalMin} LogMax: {output.LogicalMax}");
        if (hvt.LogicalMin != output.LogicalMin || hvt.LogicalMax != output.LogicalMax)
            return fields;
        const long Min = 0, Max = 511;
        NutLog.Debug(3, $"Fixing Report Descriptor. Set Output Voltage LogMin = {Min}, LogMax = {Max}");
        NutLog.Debug(3, $"Fixing Report Descriptor. Set Input Voltage LogMin = {Min}, LogMax = {Max}");
        var fixedFields = new List<HidField>(fields.Count);
        foreach (var f in fields)
        {
            bool voltage = f.Path.SequenceEqual(outPath!) || f.Path.SequenceEqual(inPath!);
            fixedFields.Add(voltage ? Widen(f, Min, Max) : f);
        }
        return fixedFields;
    }

    // The physical range followed the logical one when none was declared; keep it that way.
    static HidField Widen(HidField f, long min, long max)
    {
        bool physIsLogical = f.PhysicalMin == f.LogicalMin && f.PhysicalMax == f.LogicalMax;
        return f with
        {
            LogicalMin = min, LogicalMax = max,
            PhysicalMin = physIsLogical ? min : f.PhysicalMin, PhysicalMax = physIsLogical ? max : f.PhysicalMax,
        };
    }
}
