using Nut.Drivers.Host;

namespace Nut.Drivers.UsbHid;

/// <summary>
/// usbhid-ups' ups.conf / -x settings: NUT 2.8.0's table in its order (so -h and -L are byte-identical), then our
/// extensions, accepted but hidden from -h and -L (documented in docs/usbhid-ups.md).
/// </summary>
public static class UsbHidSettings
{
    public const int DefaultLowBatt = 30, DefaultOffDelay = 20, DefaultOnDelay = 30, DefaultPollFreq = 30;

    public static IReadOnlyList<DriverSetting> All { get; } =
    [
        new("lowbatt", $"Set low battery level, in % (default={DefaultLowBatt})", false),
        new("offdelay", $"Set shutdown delay, in seconds (default={DefaultOffDelay})", false),
        new("ondelay", $"Set startup delay, in seconds (default={DefaultOnDelay})", false),
        new("pollfreq", $"Set polling frequency, in seconds, to reduce data flow (default={DefaultPollFreq})", false),
        new("pollonly", "Don't use interrupt pipe, only use polling", true),
        new("onlinedischarge", "Set to treat discharging while online as being offline", true),
        new("vendor", "Regular expression to match UPS Manufacturer string", false),
        new("product", "Regular expression to match UPS Product string", false),
        new("serial", "Regular expression to match UPS Serial number", false),
        new("vendorid", "Regular expression to match UPS Manufacturer numerical ID (4 digits hexadecimal)", false),
        new("productid", "Regular expression to match UPS Product numerical ID (4 digits hexadecimal)", false),
        new("bus", "Regular expression to match USB bus name", false),
        new("device", "Regular expression to match USB device name", false),
        new("usb_set_altinterface", "Force redundant call to usb_set_altinterface() (value=bAlternateSetting; default=0)", false),
        new("explore", "Diagnostic matching of unsupported UPS", true),
        new("maxreport", "Activate tweak for buggy APC Back-UPS firmware", true),
        new("interruptonly", "Don't use polling, only use interrupt pipe", true),
        new("interruptsize", "Number of bytes to read from interrupt pipe", false),
        // Extensions (hidden: NUT 2.8.0's help has none of them).
        new("busport", "Regular expression to match USB bus port path", false, Hidden: true),
        new("subdriver", "Regular expression to force a subdriver by name", false, Hidden: true),
        new("onlinedischarge_calibration", "Set to treat discharging while online as calibrating", true, Hidden: true),
        new("disable_fix_report_desc", "Don't fix known report descriptor bugs (CyberPower)", true, Hidden: true),
        new("record", "Write the device's descriptor and report values to this .hex (and .reports.txt) and exit", false, Hidden: true),
    ];
}
