using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Subdrivers;

/// <summary>
/// A subdriver that uses the standard Power Device layout (UPS.PowerSummary, UPS.Input, UPS.Output,
/// UPS.BatterySystem) with its vendor's IDs and name: Belkin/Liebert, Phoenixtec/Liebert, PowerCOM, Delta, Ever,
/// openUPS, Salicru, Legrand, Powervar, iDowell, Arduino. Their NUT tables differ mostly in vendor-page extras that
/// these do not map (see docs/usbhid-ups.md).
/// </summary>
public sealed class GenericVendorHid(string name, (ushort Vendor, ushort Product)[] ids, string? manufacturer = null) : HidSubdriver
{
    public override string Name => name;

    public override HidClaim Claim(UsbDeviceInfo d) => ByIds(d, ids);

    public override IReadOnlyList<HidInfo> Table { get; } = StandardTable();

    public override string? FormatManufacturer(UsbDeviceInfo d) => Clean(d.Vendor) ?? manufacturer;

    /// <summary>The standard layout: PowerSummary, Input/Output, BatterySystem, and the standard controls.</summary>
    public static List<HidInfo> StandardTable()
    {
        var t = new List<HidInfo>();
        t.AddRange(CommonHidTable.PowerSummary());
        t.Add(HidInfo.Var("battery.voltage", "UPS.Battery.Voltage", "%.1f"));
        t.Add(HidInfo.Var("battery.voltage", "UPS.BatterySystem.Battery.Voltage", "%.1f"));
        t.Add(HidInfo.Var("battery.voltage.nominal", "UPS.Battery.ConfigVoltage", "%.1f", HidInfoFlags.Static));
        t.Add(HidInfo.Var("battery.temperature", "UPS.Battery.Temperature", "%s", HidInfoFlags.None, HidLookups.KelvinCelsius));
        t.Add(HidInfo.Var("ups.test.result", "UPS.Battery.Test", "%s", HidInfoFlags.None, HidLookups.TestRead));
        t.Add(HidInfo.Var("ups.test.result", "UPS.BatterySystem.Test", "%s", HidInfoFlags.None, HidLookups.TestRead));
        t.AddRange(CommonHidTable.InputOutput());
        t.Add(HidInfo.Var("ups.load", "UPS.PowerConverter.PercentLoad"));
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerSummary.PresentStatus"));
        t.AddRange(CommonHidTable.StatusBits("UPS.PresentStatus"));
        t.AddRange(CommonHidTable.StatusBits("UPS.PowerConverter.PresentStatus"));
        t.AddRange(CommonHidTable.StatusBits("UPS.Output.PresentStatus"));
        t.AddRange(CommonHidTable.StatusBits("UPS.Input.PresentStatus"));
        t.AddRange(CommonHidTable.Beeper("UPS.PowerSummary.AudibleAlarmControl"));
        t.AddRange(CommonHidTable.Commands("UPS.Battery.Test", "UPS.PowerSummary"));
        t.AddRange(CommonHidTable.Commands("UPS.BatterySystem.Test", "UPS.Output"));
        return t;
    }
}

/// <summary>
/// NUT's explore subdriver ("EXPLORE HID 0.2"): takes any device when the <c>explore</c> flag is set (NUT insists
/// on <c>vendorid</c> too), and publishes every readable feature path as is, for diagnosing unsupported units.
/// </summary>
public sealed class ExploreHid : HidSubdriver
{
    public override string Name => "EXPLORE HID 0.2";

    /// <summary>Set by the driver from the <c>explore</c> flag.</summary>
    public bool Enabled { get; init; }

    public override HidClaim Claim(UsbDeviceInfo d) => Enabled ? HidClaim.Supported : HidClaim.No;

    public override IReadOnlyList<HidInfo> Table => [];

    /// <summary>Explore publishes the paths themselves (the driver builds those entries from the descriptor).</summary>
    public static bool PublishesPaths => true;
}
