using System.Globalization;
using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// PowerCOM (0d9f); 0x0001 is an interrupt-only unit, 0x0002 is left to the serial-protocol powercom driver.
/// NUT 2.8.0's "PowerCOM HID 0.6": its ID table, vendor usage names and usage-path table.
/// </summary>
public sealed class PowercomHid : HidSubdriver
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    const HidInfoFlags N = HidInfoFlags.None, S = HidInfoFlags.Static, SS = HidInfoFlags.SemiStatic, Q = HidInfoFlags.QuickPoll;

    public override string Name => "PowerCOM HID 0.6";

    static readonly (ushort Vendor, ushort Product)[] Ids = [(0x0D9F, 0x00A2), (0x0D9F, 0x00A3), (0x0D9F, 0x00A4), (0x0D9F, 0x00A5), (0x0D9F, 0x00A6), (0x0D9F, 0x0004), (0x0D9F, 0x0001)];

    public override HidClaim Claim(UsbDeviceInfo d)
    {
        var claim = ByIds(d, Ids);
        if (claim == HidClaim.PossiblySupported && d.ProductId == 0x0002)
        {
            // The serial-protocol units behind a USB bridge.
            Nut.Platform.NutLog.Info($"This Powercom device ({d.VendorId:x4}/{d.ProductId:x4}) is not supported by usbhid-ups.\nPlease use the 'powercom' driver instead.");
            return HidClaim.No;
        }
        return claim;
    }

    public override string? NoticeVendor(UsbDeviceInfo d) => "PowerCOM";

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? "PowerCOM";

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("PowercomUPS", 0x00020004),
        ("PowercomBatterySystem", 0x00020010),
        ("PowercomPowerConverter", 0x00020016),
        ("PowercomInput", 0x0002001A),
        ("PowercomOutput", 0x0002001C),
        ("PowercomVoltage", 0x00020030),
        ("PowercomFrequency", 0x00020032),
        ("PowercomPercentLoad", 0x00020035),
        ("PowercomTemperature", 0x00020036),
        ("PowercomDelayBeforeStartup", 0x00020056),
        ("PowercomDelayBeforeShutdown", 0x00020057),
        ("PowercomTest", 0x00020058),
        ("PowercomShutdownRequested", 0x00020068),
        ("PowercomInternalChargeController", 0x00020081),
        ("PowercomPrimaryBatterySupport", 0x00020082),
        ("PowercomDesignCapacity", 0x00020083),
        ("PowercomSpecificationInfo", 0x00020084),
        ("PowercomManufacturerDate", 0x00020085),
        ("PowercomSerialNumber", 0x00020086),
        ("PowercomManufacturerName", 0x00020087),
        ("POWERCOM1", 0x0084002F),
        ("POWERCOM2", 0xFF860060),
        ("POWERCOM3", 0xFF860080),
        ("PCMDelayBeforeStartup", 0x00FF0056),
        ("PCMDelayBeforeShutdown", 0x00FF0057),
    ];

    /// <summary>PowerCOM's beeper values are 1 enabled, 2 disabled (not the standard 1/2/3).</summary>
    static readonly HidLookup Beeper = new EnumLookup([(1, "enabled"), (2, "disabled")]);

    /// <summary>Battery voltage in 4 V steps on these units.</summary>
    static readonly HidLookup TimesFour = new FuncLookup(v => (v * 4).ToString("0", Inv));

    /// <summary>DelayBeforeStartup: minutes in a byte-swapped 16-bit word, published in seconds.</summary>
    static readonly HidLookup StartupDelay = new FuncLookup(v =>
    {
        int i = (ushort)v;
        return (60 * (((i & 0xFF) << 8) + (i >> 8))).ToString(Inv);
    });

    /// <summary>DelayBeforeShutdown: minutes in the low byte, seconds in the high byte.</summary>
    static readonly HidLookup ShutdownDelay = new FuncLookup(v =>
    {
        int i = (ushort)v;
        return (60 * (i & 0xFF) + (i >> 8)).ToString(Inv);
    });

    // A status flag carried by one bit of a vendor status word.
    static HidInfo StatusWord(string path, HidStatusFlag flag, long mask, bool inverted = false) =>
        new("BOOL", path, "%s", HidInfoFlags.QuickPoll) { Status = flag, StatusOf = v => ((((long)v) & mask) != 0) != inverted };

    // PowerCOM's status word: overload bit 0x20, and trim/boost as a 2-bit field under mask 0x18 (01 trim, 11 boost).
    static HidInfo PowercomBit(string path, string which) => which switch
    {
        "powercom_overload_conversion" => new("BOOL", path, "%s", HidInfoFlags.QuickPoll) { Status = HidStatusFlag.Overload, StatusOf = v => (((long)v) & 0x0020) != 0 },
        "powercom_trim_conversion" => new("BOOL", path, "%s", HidInfoFlags.QuickPoll) { Status = HidStatusFlag.Trim, StatusOf = v => (((long)v) & 0x0018) == 0x0008 },
        _ => new("BOOL", path, "%s", HidInfoFlags.QuickPoll) { Status = HidStatusFlag.Boost, StatusOf = v => (((long)v) & 0x0018) == 0x0018 },
    };

    public override IReadOnlyList<HidInfo> Table { get; } =
    [
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BatteryPresent", HidStatusFlag.NoBattery, inverted: true),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.CommunicationLost", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.RemainingTimeLimitExpired", HidStatusFlag.TimeLimitExpired),
        HidInfo.Bit("UPS.PowerSummary.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        HidInfo.Bit("UPS.PresentStatus.ACPresent", HidStatusFlag.Online),
        HidInfo.Bit("UPS.PresentStatus.BatteryPresent", HidStatusFlag.NoBattery, inverted: true),
        HidInfo.Bit("UPS.PresentStatus.BelowRemainingCapacityLimit", HidStatusFlag.LowBattery),
        HidInfo.Bit("UPS.PresentStatus.Boost", HidStatusFlag.Boost),
        HidInfo.Bit("UPS.PresentStatus.Buck", HidStatusFlag.Trim),
        HidInfo.Bit("UPS.PresentStatus.Charging", HidStatusFlag.Charging),
        HidInfo.Bit("UPS.PresentStatus.CommunicationLost", HidStatusFlag.CommFault),
        HidInfo.Bit("UPS.PresentStatus.Discharging", HidStatusFlag.Discharging),
        HidInfo.Bit("UPS.PresentStatus.NeedReplacement", HidStatusFlag.ReplaceBattery),
        HidInfo.Bit("UPS.PresentStatus.Overload", HidStatusFlag.Overload),
        HidInfo.Bit("UPS.PresentStatus.RemainingTimeLimitExpired", HidStatusFlag.TimeLimitExpired),
        HidInfo.Bit("UPS.PresentStatus.ShutdownImminent", HidStatusFlag.ShutdownImminent),
        new("battery.charge", "UPS.PowerSummary.RemainingCapacity", "%.0f", N),
        new("battery.charge", "UPS.Battery.RemainingCapacity", "%.0f", N),
        new("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", N),
        new("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit", "%.0f", N),
        new("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty", "%.0f", N),
        new("battery.date", "UPS.Battery.ManufacturerDate", "%s", S, HidLookups.Date),
        new("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
        new("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", N, Beeper),
        new("ups.beeper.status", "UPS.AudibleAlarmControl", "%s", N, Beeper),
        new("ups.load", "UPS.Output.PercentLoad", "%.0f", N),
        new("ups.date", "UPS.PowerSummary.ManufacturerDate", "%s", S, HidLookups.Date),
        new("ups.test.result", "UPS.Battery.Test", "%s", N, HidLookups.TestRead),
        // NUT publishes a fixed 60 s start delay for these units (not the ondelay option).
        new("ups.delay.start", "UPS.PowerSummary.DelayBeforeStartup", "60", HidInfoFlags.Absent | HidInfoFlags.Rw | HidInfoFlags.String, null, 8),
        new("ups.timer.start", "UPS.PowerSummary.DelayBeforeStartup", "%.0f", N, StartupDelay),
        CommonHidTable.Absent("ups.delay.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "offdelay"),
        new("ups.timer.shutdown", "UPS.PowerSummary.DelayBeforeShutdown", "%.0f", Q, ShutdownDelay),
        CommonHidTable.Absent("ups.delay.shutdown", "UPS.PowerSummary.PCMDelayBeforeShutdown", "offdelay"),
        new("ups.timer.shutdown", "UPS.PowerSummary.PCMDelayBeforeShutdown", "%.0f", Q, ShutdownDelay),
        new("input.voltage", "UPS.Input.Voltage", "%.1f", N),
        new("input.voltage.nominal", "UPS.Input.ConfigVoltage", "%.0f", S),
        new("input.frequency", "UPS.Input.Frequency", "%.1f", N),
        new("output.voltage", "UPS.Output.Voltage", "%.1f", N),
        new("output.voltage.nominal", "UPS.Output.ConfigVoltage", "%.0f", S),
        new("output.frequency", "UPS.Output.Frequency", "%.1f", N),
        HidInfo.Cmd("beeper.toggle", "UPS.PowerSummary.AudibleAlarmControl", "1"),
        HidInfo.Cmd("beeper.enable", "UPS.PowerSummary.AudibleAlarmControl", "1"),
        HidInfo.Cmd("beeper.disable", "UPS.PowerSummary.AudibleAlarmControl", "0"),
        HidInfo.Cmd("test.battery.start.quick", "UPS.Battery.Test", "1"),
        new("ups.serial", "PowercomUPS.PowercomSerialNumber", "%s", N, HidLookups.StringId),
        new("ups.mfr", "PowercomUPS.PowercomManufacturerName", "%s", N, HidLookups.StringId),
        new("ups.mfr.date", "PowercomUPS.PowercomManufacturerDate", "%s", N, HidLookups.Date),
        new("battery.temperature", "PowercomUPS.PowercomBatterySystem.PowercomTemperature", "%.0f", N),
        new("battery.temperature", "UPS.Battery.Temperature", "%.1f", N),
        new("battery.charge", "PowercomUPS.PowercomBatterySystem.PowercomVoltage", "%.0f", N),
        new("input.frequency", "PowercomUPS.PowercomPowerConverter.PowercomInput.PowercomFrequency", "%.0f", N),
        new("input.voltage", "PowercomUPS.PowercomPowerConverter.PowercomInput.PowercomVoltage", "%.0f", N, TimesFour),
        new("output.voltage", "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomVoltage", "%.0f", N, TimesFour),
        new("ups.load", "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPercentLoad", "%.0f", N),
        StatusWord("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController", HidStatusFlag.FanFailure, 0x1),
        StatusWord("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController", HidStatusFlag.ReplaceBattery, 0x2),
        StatusWord("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController", HidStatusFlag.Calibrating, 0x4),
        StatusWord("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomInternalChargeController", HidStatusFlag.ShutdownImminent, 0x10),
        StatusWord("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport", HidStatusFlag.Online, 0x1, inverted: true),
        StatusWord("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport", HidStatusFlag.LowBattery, 0x2),
        PowercomBit("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport", "powercom_trim_conversion"),
        PowercomBit("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport", "powercom_boost_conversion"),
        PowercomBit("PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomPrimaryBatterySupport", "powercom_overload_conversion"),
        new("output.frequency", "PowercomUPS.PowercomPowerConverter.PowercomOutput.PowercomFrequency", "%.0f", N),
        new("ups.test.result", "PowercomUPS.PowercomPowerConverter.PowercomTest", "%s", N, HidLookups.TestRead),
        new("ups.delay.shutdown", "PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeShutdown", "%.0f", N),
        new("ups.delay.start", "PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeStartup", "%.0f", N),
        HidInfo.Cmd("load.off", "PowercomUPS.PowercomPowerConverter.PowercomDelayBeforeShutdown", "0"),
    ];

    // NUT 2.8.0 entries not carried over (their conversion is not implemented here; see docs/usbhid-ups.md):
    //   HidInfo.Cmd("load.on.delay", "UPS.PowerSummary.DelayBeforeStartup", "NULL", StartupDelay),
    //   HidInfo.Cmd("shutdown.return", "UPS.PowerSummary.DelayBeforeShutdown", "NULL", ShutdownDelay),
    //   HidInfo.Cmd("shutdown.stayoff", "UPS.PowerSummary.DelayBeforeShutdown", "NULL", StayOff),
    //   HidInfo.Cmd("load.on", "UPS.PowerSummary.PCMDelayBeforeStartup", "0", StartupDelay),
    //   HidInfo.Cmd("load.off", "UPS.PowerSummary.PCMDelayBeforeShutdown", "0", StayOff),
    //   HidInfo.Cmd("shutdown.return", "UPS.PowerSummary.PCMDelayBeforeShutdown", "NULL", ShutdownDelay),
    //   HidInfo.Cmd("shutdown.stayoff", "UPS.PowerSummary.PCMDelayBeforeShutdown", "NULL", StayOff),
}
