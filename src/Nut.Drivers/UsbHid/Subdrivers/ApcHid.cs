using System.Globalization;
using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// APC (apc-hid, "APC HID 0.98" in NUT 2.8.0): Back-UPS and Smart-UPS. Two parallel trees (PowerSummary and
/// Battery/Input/PowerConverter), a second status copy under UPS.PresentStatus, 8-bit status values directly under
/// PowerSummary on Back-UPS 500-class units, vendor page 0xFF86 (sensitivity, BCD-ish replace date, the
/// APCGeneralCollection delays), and the firmware inside the product string.
/// </summary>
public sealed class ApcHid : HidSubdriver
{
    public const ushort VendorId = 0x051D;

    public override string Name => "APC HID 0.98";

    public override HidClaim Claim(UsbDeviceInfo d) =>
        ByIds(d, [(VendorId, 0x0000), (VendorId, 0x0002), (VendorId, 0x0003)]);

    // 0x0003 (Smart-UPS 5G, SMT, SRT) sends nothing useful on its interrupt pipe; NUT polls it only.
    public override bool UsesInterruptPipe(UsbDeviceInfo d) => d.ProductId != 0x0003;

    const uint Apc = 0xFF86_0000;

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("APCGeneralCollection", Apc | 0x05), ("APCEnvironment", Apc | 0x06), ("APCBattReplaceDate", Apc | 0x16),
        ("APCBattCapBeforeStartup", Apc | 0x19), ("APC_UPS_FirmwareRevision", Apc | 0x42),
        ("APCLineFailCause", Apc | 0x52), ("APCStatusFlag", Apc | 0x60), ("APCSensitivity", Apc | 0x61),
        ("APCPanelTest", Apc | 0x72), ("APCShutdownAfterDelay", Apc | 0x76), ("APCDelayBeforeReboot", Apc | 0x7C),
        ("APCDelayBeforeShutdown", Apc | 0x7D), ("APCDelayBeforeStartup", Apc | 0x7E),
        ("BUPHibernate", Apc | 0xFD), ("BUPBattCapBeforeStartup", Apc | 0xFE), ("BUPDelayBeforeStartup", Apc | 0xFF),
        ("BUPSelfTest", Apc | 0x2A),
    ];

    /// <summary>APCSensitivity: 0 high, 1 medium, 2 low.</summary>
    public static readonly HidLookup Sensitivity = new EnumLookup([(0, "high"), (1, "medium"), (2, "low")]);

    const HidInfoFlags None = HidInfoFlags.None;

    /// <summary>APCStatusFlag: 8 or 16 mean "not off", 0 means off; other values change nothing.</summary>
    static bool? StatusFlagOff(double v) => v switch { 0 => true, 8 or 16 => false, _ => null };

    /// <summary>APCBattReplaceDate: the hex digits read MMDDYY, published "20YY/MM/DD".</summary>
    public static readonly HidLookup ApcDate = new FuncLookup(
        v =>
        {
            string hex = ((long)v).ToString("x6", CultureInfo.InvariantCulture);
            if (hex.Length != 6) return null;
            return "20" + hex[4..6] + "/" + hex[0..2] + "/" + hex[2..4];
        },
        text =>
        {
            var p = text.Split('/');
            if (p.Length != 3 || p[0].Length != 4 || p[1].Length != 2 || p[2].Length != 2) return null;
            return long.TryParse(p[1] + p[2] + p[0][2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long x) ? x : null;
        });

    const HidInfoFlags S = HidInfoFlags.Static, Q = HidInfoFlags.QuickPoll, SS = HidInfoFlags.SemiStatic;

    public override IReadOnlyList<HidInfo> Table { get; } = BuildTable();

    static List<HidInfo> BuildTable()
    {
        var t = new List<HidInfo>
        {
            HidInfo.Var("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
            HidInfo.Var("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
            HidInfo.Rw("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit"),
            HidInfo.Var("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit"),
            HidInfo.Var("battery.runtime", "UPS.Battery.RunTimeToEmpty"),
            HidInfo.Var("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
            HidInfo.Rw("battery.runtime.low", "UPS.Battery.RemainingTimeLimit"),
            HidInfo.Rw("battery.runtime.low", "UPS.PowerSummary.RemainingTimeLimit"),
            HidInfo.Var("battery.voltage", "UPS.Battery.Voltage", "%.1f"),
            HidInfo.Var("battery.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
            HidInfo.Var("battery.voltage.nominal", "UPS.Battery.ConfigVoltage", "%.1f", S),
            HidInfo.Var("battery.voltage.nominal", "UPS.PowerSummary.ConfigVoltage", "%.1f", S),
            HidInfo.Var("battery.temperature", "UPS.Battery.Temperature", "%s", None, HidLookups.KelvinCelsius),
            HidInfo.Rw("battery.mfr.date", "UPS.Battery.ManufacturerDate", "%s", HidLookups.Date),
            HidInfo.Var("battery.mfr.date", "UPS.PowerSummary.ManufacturerDate", "%s", S, HidLookups.Date),
            HidInfo.Var("battery.date", "UPS.Battery.APCBattReplaceDate", "%s", S, ApcDate),

            HidInfo.Var("ups.load", "UPS.Output.PercentLoad", "%.1f"),
            HidInfo.Var("ups.load", "UPS.PowerConverter.PercentLoad"),
            HidInfo.Var("ups.test.result", "UPS.Battery.Test", "%s", None, HidLookups.TestRead),
            HidInfo.Var("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
            HidInfo.Var("ups.beeper.status", "UPS.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
            HidInfo.Var("ups.mfr.date", "UPS.ManufacturerDate", "%s", S, HidLookups.Date),
            HidInfo.Var("ups.mfr.date", "UPS.PowerSummary.ManufacturerDate", "%s", S, HidLookups.Date),
            HidInfo.Var("ups.realpower.nominal", "UPS.Output.ConfigActivePower", "%.0f", S),
            HidInfo.Var("ups.realpower.nominal", "UPS.PowerConverter.ConfigActivePower", "%.0f", S),
            HidInfo.Var("ups.timer.reboot", "UPS.APCGeneralCollection.APCDelayBeforeReboot", "%.0f", Q),
            HidInfo.Var("ups.timer.shutdown", "UPS.APCGeneralCollection.APCDelayBeforeShutdown", "%.0f", Q),
            HidInfo.Var("ups.timer.start", "UPS.APCGeneralCollection.APCDelayBeforeStartup", "%.0f", Q),
            HidInfo.Var("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "%.0f", Q),
            HidInfo.Var("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", "%.0f", Q),
            HidInfo.Var("ups.timer.reboot", "UPS.PowerSummary.DelayBeforeReboot", "%.0f", Q),
            CommonHidTable.Absent("ups.delay.shutdown", "UPS.APCGeneralCollection.APCDelayBeforeShutdown", "offdelay"),
            CommonHidTable.Absent("ups.delay.start", "UPS.APCGeneralCollection.APCDelayBeforeStartup", "ondelay"),
            CommonHidTable.Absent("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
            CommonHidTable.Absent("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"),

            HidInfo.Var("input.voltage", "UPS.Input.Voltage", "%.1f"),
            HidInfo.Var("input.voltage.nominal", "UPS.Input.ConfigVoltage", "%.0f", S),
            HidInfo.Rw("input.transfer.low", "UPS.Input.LowVoltageTransfer"),
            HidInfo.Rw("input.transfer.high", "UPS.Input.HighVoltageTransfer"),
            HidInfo.Rw("input.sensitivity", "UPS.Input.APCSensitivity", "%s", Sensitivity),
            HidInfo.Var("input.frequency", "UPS.Input.Frequency", "%.1f"),
            HidInfo.Var("output.voltage", "UPS.Output.Voltage", "%.1f"),
            HidInfo.Var("output.voltage.nominal", "UPS.Output.ConfigVoltage", "%.1f", S),
            HidInfo.Var("output.current", "UPS.Output.Current", "%.2f"),
            HidInfo.Var("output.frequency", "UPS.Output.Frequency", "%.1f"),
        };
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerSummary.PresentStatus"));
        t.AddRange(CommonHidTable.StatusBits("UPS.PresentStatus"));
        // Back-UPS 500-class: 8-bit values directly under PowerSummary.
        t.Add(HidInfo.Bit("UPS.PowerSummary.Charging", HidStatusFlag.Charging));
        t.Add(HidInfo.Bit("UPS.PowerSummary.Discharging", HidStatusFlag.Discharging));
        t.Add(HidInfo.Bit("UPS.PowerSummary.ACPresent", HidStatusFlag.Online));
        t.Add(HidInfo.Bit("UPS.PowerSummary.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery));
        t.Add(HidInfo.Bit("UPS.PowerSummary.ShutdownImminent", HidStatusFlag.ShutdownImminent));
        t.Add(new HidInfo("BOOL", "UPS.PowerSummary.APCStatusFlag", "%s", Q) { Status = HidStatusFlag.Off, StatusOf = StatusFlagOff });
        t.Add(new HidInfo("BOOL", "UPS.APCStatusFlag", "%s", Q) { Status = HidStatusFlag.Off, StatusOf = StatusFlagOff });

        t.Add(HidInfo.Cmd("test.battery.start.quick", "UPS.BatterySystem.Battery.Test", "1"));
        t.Add(HidInfo.Cmd("test.battery.start.quick", "UPS.Battery.Test", "1"));
        t.Add(HidInfo.Cmd("test.battery.start.deep", "UPS.BatterySystem.Battery.Test", "2"));
        t.Add(HidInfo.Cmd("test.battery.start.deep", "UPS.Battery.Test", "2"));
        t.Add(HidInfo.Cmd("test.battery.stop", "UPS.BatterySystem.Battery.Test", "3"));
        t.Add(HidInfo.Cmd("test.battery.stop", "UPS.Battery.Test", "3"));
        t.Add(HidInfo.Cmd("test.panel.start", "UPS.APCPanelTest", "1"));
        t.Add(HidInfo.Cmd("test.panel.stop", "UPS.APCPanelTest", "0"));
        t.Add(HidInfo.Cmd("load.off", "UPS.APCGeneralCollection.APCDelayBeforeShutdown", "0"));
        t.Add(HidInfo.Cmd("load.off", "UPS.PowerSummary.DelayBeforeShutdown", "0"));
        // PowerSummary's timers win over the APCGeneralCollection ones where a unit has both, as in NUT 2.8.0
        // (Debian's driver on the Back-UPS ES 850G2 recording writes report 0x15, not 0x41).
        t.Add(HidInfo.Cmd("load.off.delay", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"));
        t.Add(HidInfo.Cmd("load.on.delay", "UPS.PowerSummary.DelayBeforeStartup", "ondelay"));
        t.Add(HidInfo.Cmd("shutdown.stop", "UPS.PowerSummary.DelayBeforeShutdown", "-1"));
        t.Add(HidInfo.Cmd("shutdown.reboot", "UPS.PowerSummary.DelayBeforeReboot", "10"));
        t.Add(HidInfo.Cmd("load.off.delay", "UPS.APCGeneralCollection.APCDelayBeforeShutdown", "offdelay"));
        t.Add(HidInfo.Cmd("load.on.delay", "UPS.APCGeneralCollection.APCDelayBeforeStartup", "ondelay"));
        t.Add(HidInfo.Cmd("shutdown.stop", "UPS.APCGeneralCollection.APCDelayBeforeShutdown", "-1"));
        t.Add(HidInfo.Cmd("shutdown.reboot", "UPS.APCGeneralCollection.APCDelayBeforeReboot", "10"));
        t.AddRange(CommonHidTable.Beeper("UPS.PowerSummary.AudibleAlarmControl"));
        t.AddRange(CommonHidTable.Beeper("UPS.AudibleAlarmControl"));
        return t;
    }

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "American Power Conversion";

    // "Back-UPS ES 850G2 FW:938.a2 .I USB FW:a2 ": the model is what precedes " FW:".
    public override string? FormatModel(UsbDeviceInfo d)
    {
        string? p = d.Product;
        if (p is null) return null;
        int fw = p.IndexOf(" FW:", StringComparison.Ordinal);
        return Clean(fw >= 0 ? p[..fw] : p);
    }

    public override IEnumerable<(string Name, string Value)> ModelExtras(UsbDeviceInfo d)
    {
        string? p = d.Product;
        if (p is null) yield break;
        int fw = p.IndexOf(" FW:", StringComparison.Ordinal);
        if (fw < 0) yield break;
        string rest = p[(fw + 4)..];
        int usb = rest.IndexOf(" USB FW:", StringComparison.Ordinal);
        yield return ("ups.firmware", usb >= 0 ? rest[..usb] : rest);
        if (usb >= 0)
            yield return ("ups.firmware.aux", rest[(usb + 8)..]);
    }
}
