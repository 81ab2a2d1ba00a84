using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// Tripp Lite (tripplite-hid, "TrippLite HID 0.84" in NUT 2.8.0). The product ID is the protocol number; 0x0001 is
/// the older non-HID protocol (tripplite_usb) and is refused. Battery voltage scale depends on the product ID, and
/// 0x3016/0x3024 declare wrong unit exponents (voltages x1e5, frequency and current x0.01).
/// </summary>
public sealed class TrippLiteHid : HidSubdriver
{
    public const ushort VendorId = 0x09AE;

    public override string Name => "TrippLite HID 0.84";

    const ushort Hp = 0x03F0;

    // NUT 2.8.0's table: Tripp Lite protocol numbers, HP-branded Tripp Lite units, and Delta's 05dd:a011.
    static readonly (ushort Vendor, ushort Product)[] Ids =
    [
        (VendorId, 0x1003), (VendorId, 0x1007), (VendorId, 0x1008), (VendorId, 0x1009), (VendorId, 0x1010),
        (VendorId, 0x1330),
        (VendorId, 0x2005), (VendorId, 0x2007), (VendorId, 0x2008), (VendorId, 0x2009), (VendorId, 0x2010),
        (VendorId, 0x2011), (VendorId, 0x2012), (VendorId, 0x2013), (VendorId, 0x2014),
        (VendorId, 0x3008), (VendorId, 0x3009), (VendorId, 0x3010), (VendorId, 0x3011), (VendorId, 0x3012),
        (VendorId, 0x3013), (VendorId, 0x3014), (VendorId, 0x3015), (VendorId, 0x3016), (VendorId, 0x3024),
        (VendorId, 0x4001), (VendorId, 0x4002), (VendorId, 0x4003), (VendorId, 0x4004), (VendorId, 0x4005),
        (VendorId, 0x4006), (VendorId, 0x4007), (VendorId, 0x4008),
        (Hp, 0x0001), (Hp, 0x1FE0), (Hp, 0x1FE1), (Hp, 0x1FE2), (Hp, 0x1FE3), (Hp, 0x1F06), (Hp, 0x1F08),
        (Hp, 0x1F09), (Hp, 0x1F0A),
        (0x05DD, 0xA011),
    ];

    public override HidClaim Claim(UsbDeviceInfo d)
    {
        var claim = ByIds(d, Ids);
        if (claim == HidClaim.PossiblySupported && d.VendorId == VendorId && d.ProductId == 0x0001)
        {
            Nut.Platform.NutLog.Info($"This Tripp Lite device ({d.VendorId:x4}/{d.ProductId:x4}) is not supported by usbhid-ups.\nPlease use the tripplite_usb driver instead.");
            return HidClaim.No;
        }
        return claim;
    }

    // HP makes many USB devices that are not UPSes: no notice for an unknown HP product.
    public override string? NoticeVendor(UsbDeviceInfo d) => d.VendorId == Hp ? null : "TrippLite";

    const uint Tl = 0xFFFF_0000;

    public override IEnumerable<(string Name, uint Usage)> VendorUsages =>
    [
        ("TLCustom", Tl | 0x10), ("TLDelayBeforeStartup", Tl | 0x56), ("TLLowVoltageTransferMax", Tl | 0x57),
        ("TLLowVoltageTransferMin", Tl | 0x58), ("TLHighVoltageTransferMax", Tl | 0x59),
        ("TLHighVoltageTransferMin", Tl | 0x5A), ("UPSFirmwareVersion", Tl | 0x7C),
        ("CommunicationProtocolVersion", Tl | 0x7D), ("TLWatchdog", Tl | 0x92), ("TLOutletsAvailableMask", Tl | 0x95),
        ("TLOutletsStatusMask", Tl | 0x96), ("TLACPresent", 0x0084_00D0),
    ];

    const HidInfoFlags S = HidInfoFlags.Static, Q = HidInfoFlags.QuickPoll, SS = HidInfoFlags.SemiStatic, N = HidInfoFlags.None;

    public override IReadOnlyList<HidInfo> Table { get; } = BuildTable();

    static List<HidInfo> BuildTable()
    {
        var t = new List<HidInfo>
        {
            HidInfo.Var("battery.type", "UPS.PowerSummary.iDeviceChemistry", "%s", S, HidLookups.StringId),
            HidInfo.Var("battery.charge", "UPS.PowerSummary.RemainingCapacity"),
            HidInfo.Var("battery.charge", "UPS.BatterySystem.Battery.RemainingCapacity"),
            HidInfo.Var("battery.charge.low", "UPS.PowerSummary.RemainingCapacityLimit", "%.0f", S),
            HidInfo.Var("battery.charge.warning", "UPS.PowerSummary.WarningCapacityLimit", "%.0f", S),
            HidInfo.Var("battery.runtime", "UPS.PowerSummary.RunTimeToEmpty"),
            HidInfo.Var("battery.voltage", "UPS.BatterySystem.Battery.Voltage", "%.1f"),
            HidInfo.Var("battery.voltage.nominal", "UPS.BatterySystem.Battery.ConfigVoltage", "%.1f", S),
            HidInfo.Var("battery.temperature", "UPS.BatterySystem.Temperature", "%s", N, HidLookups.KelvinCelsius),
            HidInfo.Var("battery.temperature", "UPS.BatterySystem.Battery.Temperature", "%s", N, HidLookups.KelvinCelsius),

            HidInfo.Var("ups.load", "UPS.OutletSystem.Outlet.PercentLoad"),
            HidInfo.Var("ups.load", "UPS.PowerSummary.PercentLoad"),
            HidInfo.Var("ups.power.nominal", "UPS.Flow.ConfigApparentPower", "%.0f", S),
            // NUT 2.8.0 publishes the active power (W) as ups.power, outlet first (checked against Debian's driver).
            HidInfo.Var("ups.power", "UPS.OutletSystem.Outlet.ActivePower", "%.1f"),
            HidInfo.Var("ups.power", "UPS.PowerConverter.Output.ActivePower", "%.1f"),
            HidInfo.Var("ups.watchdog.status", "UPS.OutletSystem.Outlet.TLWatchdog"),
            HidInfo.Var("ups.beeper.status", "UPS.PowerSummary.AudibleAlarmControl", "%s", SS, HidLookups.Beeper),
            HidInfo.Var("ups.test.result", "UPS.BatterySystem.Test", "%s", N, HidLookups.TestRead),
            HidInfo.Var("ups.firmware", "UPS.TLCustom.[1].UPSFirmwareVersion", "%.0f", S),
            HidInfo.Var("ups.timer.shutdown", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "%.0f", Q),
            HidInfo.Var("ups.timer.start", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "%.0f", Q),
            HidInfo.Var("ups.timer.reboot", "UPS.OutletSystem.Outlet.DelayBeforeReboot", "%.0f", Q),
            CommonHidTable.Absent("ups.delay.shutdown", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "offdelay"),
            CommonHidTable.Absent("ups.delay.start", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "ondelay"),

            HidInfo.Var("input.voltage", "UPS.PowerConverter.Input.Voltage", "%.1f"),
            HidInfo.Var("input.voltage.nominal", "UPS.PowerSummary.Input.ConfigVoltage", "%.0f", S),
            HidInfo.Var("input.voltage.nominal", "UPS.Flow.ConfigVoltage", "%.0f", S),
            HidInfo.Var("input.frequency", "UPS.PowerConverter.Input.Frequency", "%.1f"),
            HidInfo.Rw("input.transfer.low", "UPS.PowerConverter.Output.LowVoltageTransfer", "%.1f"),
            HidInfo.Rw("input.transfer.high", "UPS.PowerConverter.Output.HighVoltageTransfer", "%.1f"),
            HidInfo.Var("input.transfer.low.max", "UPS.PowerConverter.Output.TLLowVoltageTransferMax", "%.0f", S),
            HidInfo.Var("input.transfer.low.min", "UPS.PowerConverter.Output.TLLowVoltageTransferMin", "%.0f", S),
            HidInfo.Var("input.transfer.high.max", "UPS.PowerConverter.Output.TLHighVoltageTransferMax", "%.0f", S),
            HidInfo.Var("input.transfer.high.min", "UPS.PowerConverter.Output.TLHighVoltageTransferMin", "%.0f", S),
            HidInfo.Var("output.voltage", "UPS.PowerConverter.Output.Voltage", "%.1f"),
            HidInfo.Var("output.voltage", "UPS.PowerSummary.Voltage", "%.1f"),
            HidInfo.Var("output.voltage.nominal", "UPS.Flow.ConfigVoltage", "%.0f", S),
            HidInfo.Var("output.frequency", "UPS.PowerConverter.Output.Frequency", "%.1f"),
            HidInfo.Var("output.frequency.nominal", "UPS.Flow.ConfigFrequency", "%.0f", S),
            HidInfo.Var("output.current", "UPS.PowerConverter.Output.Current", "%.2f"),
        };
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerSummary.PresentStatus"));
        t.AddRange(CommonHidTable.StatusBits("UPS.BatterySystem.Battery.PresentStatus"));
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerConverter.PresentStatus"));
        t.Add(HidInfo.Bit("UPS.PowerSummary.PresentStatus.TLACPresent", HidStatusFlag.Online));
        t.AddRange(CommonHidTable.Beeper("UPS.PowerSummary.AudibleAlarmControl"));
        t.Add(HidInfo.Cmd("test.battery.start.quick", "UPS.BatterySystem.Test", "1"));
        t.Add(HidInfo.Cmd("test.battery.start.deep", "UPS.BatterySystem.Test", "2"));
        t.Add(HidInfo.Cmd("test.battery.stop", "UPS.BatterySystem.Test", "3"));
        t.Add(HidInfo.Cmd("load.off.delay", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "offdelay"));
        t.Add(HidInfo.Cmd("load.on.delay", "UPS.OutletSystem.Outlet.DelayBeforeStartup", "ondelay"));
        t.Add(HidInfo.Cmd("shutdown.stop", "UPS.OutletSystem.Outlet.DelayBeforeShutdown", "-1"));
        t.Add(HidInfo.Cmd("shutdown.reboot", "UPS.OutletSystem.Outlet.DelayBeforeReboot", "10"));
        return t;
    }

    public override string? FormatManufacturer(UsbDeviceInfo d) => "Tripp Lite";

    /// <summary>Battery voltage scale by product ID (NUT's battery_scale).</summary>
    public static double BatteryScale(ushort productId) => productId switch
    {
        >= 0x1003 and <= 0x1010 => 0.1,
        >= 0x2005 and <= 0x2014 => 0.1,
        _ => 1.0,
    };

    // 0x3016 and 0x3024 declare exponents one decade off in the wrong direction (see FACTS §5).
    static bool WrongExponents(ushort pid) => pid is 0x3016 or 0x3024;

    public override double AdjustValue(UsbDeviceInfo d, HidInfo e, double value)
    {
        if (e.Name is "battery.voltage" or "battery.voltage.nominal")
            value *= BatteryScale(d.ProductId);
        if (WrongExponents(d.ProductId))
        {
            if (e.Name is "battery.voltage" or "battery.voltage.nominal" or "input.voltage" or "output.voltage" or "input.voltage.nominal" or "output.voltage.nominal")
                value *= 1e5;
            else if (e.Name is "input.frequency" or "output.frequency" or "output.current")
                value *= 0.01;
        }
        return value;
    }
}
