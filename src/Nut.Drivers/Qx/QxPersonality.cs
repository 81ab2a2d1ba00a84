using Nut.Drivers.Host;

namespace Nut.Drivers.Qx;

/// <summary>
/// The names the Q* engine answers to. nutdrv_qx is the engine as NUT ships it; blazer_ser and blazer_usb are the
/// older drivers' names, kept so old ups.conf files work: same code, their own banner, settings table and
/// defaults, and what blazer published (ups.mfr/ups.model, fixed delays instead of writable ones).
/// </summary>
public sealed class QxPersonality
{
    public required DriverInfo Info { get; init; }
    public required IReadOnlyList<DriverSetting> Settings { get; init; }

    /// <summary>Which links it may use: serial, USB or (nutdrv_qx) USB for port=auto and serial otherwise.</summary>
    public required QxLink Link { get; init; }

    /// <summary>blazer_ser / blazer_usb behaviour.</summary>
    public bool Blazer { get; init; }

    // The settings tables are NUT 2.8.0's, in its order, repeats included: nutdrv_qx registers some flags once per
    // protocol that knows them, and `-h` lists each registration (checked byte for byte against Debian's -h).
    public static QxPersonality NutdrvQx { get; } = new()
    {
        Info = new DriverInfo("nutdrv_qx", "Generic Q* USB/Serial driver", "0.32"),
        Link = QxLink.Auto,
        Settings =
        [
            new("offdelay", "Set shutdown delay, in seconds (default=30)", IsFlag: false),
            new("ondelay", "Set startup delay, in seconds (default=180)", IsFlag: false),
            new("stayoff", "If invoked the UPS won't return after a shutdown when FSD arises", IsFlag: true),
            new("pollfreq", "Set polling frequency, in seconds, to reduce data flow (default=30)", IsFlag: false),
            new("protocol", "Preselect communication protocol (skip autodetection)", IsFlag: false),
            new("runtimecal", "Parameters used for runtime calculation", IsFlag: false),
            new("chargetime", "Nominal charge time for UPS battery", IsFlag: false),
            new("idleload", "Minimum load to be used for runtime calculation", IsFlag: false),
            new("subdriver", "Serial-over-USB subdriver selection", IsFlag: false),
            new("vendor", "Regular expression to match UPS Manufacturer string", IsFlag: false),
            new("product", "Regular expression to match UPS Product string", IsFlag: false),
            new("serial", "Regular expression to match UPS Serial number", IsFlag: false),
            new("vendorid", "Regular expression to match UPS Manufacturer numerical ID (4 digits hexadecimal)", IsFlag: false),
            new("productid", "Regular expression to match UPS Product numerical ID (4 digits hexadecimal)", IsFlag: false),
            new("bus", "Regular expression to match USB bus name", IsFlag: false),
            new("device", "Regular expression to match USB device name", IsFlag: false),
            new("usb_set_altinterface", "Force redundant call to usb_set_altinterface() (value=bAlternateSetting; default=0)", IsFlag: false),
            new("langid_fix", "Apply the language ID workaround to the krauler subdriver (0x409 or 0x4095)", IsFlag: false),
            new("noscanlangid", "Don't autoscan valid range for langid", IsFlag: true),
            new("cablepower", "Set cable power for serial interface", IsFlag: false),
            new("reset_to_default", "Reset capability options and their limits to safe default values", IsFlag: true),
            new("bypass_alarm", "Alarm (BEEP!) at Bypass Mode [enabled/disabled]", IsFlag: false),
            new("battery_alarm", "Alarm (BEEP!) at Battery Mode [enabled/disabled]", IsFlag: false),
            new("bypass_when_off", "Bypass when the UPS is Off [enabled/disabled]", IsFlag: false),
            new("alarm_control", "Alarm (BEEP!) Control [enabled/disabled]", IsFlag: false),
            new("converter_mode", "Converter Mode [enabled/disabled]", IsFlag: false),
            new("eco_mode", "ECO Mode [enabled/disabled]", IsFlag: false),
            new("battery_open_status_check", "Battery Open Status Check [enabled/disabled]", IsFlag: false),
            new("bypass_forbidding", "Bypass not allowed (Bypass Forbidding) [enabled/disabled]", IsFlag: false),
            new("site_fault_detection", "Site fault detection [enabled/disabled]", IsFlag: false),
            new("advanced_eco_mode", "Advanced ECO Mode [enabled/disabled]", IsFlag: false),
            new("constant_phase_angle", "Constant Phase Angle Function (Output and input phase angles are not equal) [enabled/disabled]", IsFlag: false),
            new("limited_runtime_on_battery", "Limited runtime on battery mode [enabled/disabled]", IsFlag: false),
            new("max_bypass_volt", "Maximum voltage for Bypass Mode", IsFlag: false),
            new("min_bypass_volt", "Minimum voltage for Bypass Mode", IsFlag: false),
            new("max_bypass_freq", "Maximum frequency for Bypass Mode", IsFlag: false),
            new("min_bypass_freq", "Minimum frequency for Bypass Mode", IsFlag: false),
            new("work_range_type", "Device grid working range for P31 UPSes [Appliance/UPS]", IsFlag: false),
            new("output_phase_angle", "Change output phase angle to the provided value [000, 120, 180, 240]°", IsFlag: false),
            new("battery_number", "Set number of batteries that make a pack to n (integer, 1-9)", IsFlag: false),
            new("testing", "If invoked the driver will exec also commands that still need testing", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("pins_shutdown_mode", "Set shutdown mode functionality of Pin 1 and Pin 7 on the UPS DB9 communication port (Per Best Power's EPS-0059) to n (integer, 0-6)", IsFlag: false),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("series", "Series (A/E)", IsFlag: false),
            new("slave_address", "Slave address (UPS id) to match", IsFlag: false),
            new("input_fault_voltage", "Input fault voltage (whatever that means)", IsFlag: false),
            new("number_of_battery_cells", "Number of battery cells in series", IsFlag: false),
            new("nominal_cell_voltage", "Nominal battery cell voltage", IsFlag: false),
            new("runtime_half", "Nominal battery run time at 50% load (seconds)", IsFlag: false),
            new("runtime_full", "Nominal battery run time at 100% load (seconds)", IsFlag: false),
            new("recharge_time", "Nominal battery recharge time to 95% capacity (seconds)", IsFlag: false),
            new("output_voltages", "Possible output voltages (volts)", IsFlag: false),
            new("fault_1", "Fault record 1 (newest)", IsFlag: false),
            new("fault_2", "Fault record 2", IsFlag: false),
            new("fault_3", "Fault record 3", IsFlag: false),
            new("fault_4", "Fault record 4", IsFlag: false),
            new("fault_5", "Fault record 5 (oldest)", IsFlag: false),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
            new("ignoresab", "Ignore 'Shutdown Active' bit in UPS status", IsFlag: true),
        ],
    };

    public static QxPersonality BlazerSer { get; } = new()
    {
        Info = new DriverInfo("blazer_ser", "Megatec/Q1 protocol serial driver", "1.58"),
        Link = QxLink.Serial,
        Blazer = true,
        Settings =
        [
            new("cablepower", "Set cable power for serial interface", IsFlag: false),
            new("ondelay", "Delay before UPS startup (minutes)", IsFlag: false),
            new("offdelay", "Delay before UPS shutdown (seconds)", IsFlag: false),
            new("runtimecal", "Parameters used for runtime calculation", IsFlag: false),
            new("chargetime", "Nominal charge time for UPS battery", IsFlag: false),
            new("idleload", "Minimum load to be used for runtime calculation", IsFlag: false),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("protocol", "Preselect communication protocol (skip autodetection)", IsFlag: true),
        ],
    };

    public static QxPersonality BlazerUsb { get; } = new()
    {
        Info = new DriverInfo("blazer_usb", "Megatec/Q1 protocol USB driver", "0.14"),
        Link = QxLink.Usb,
        Blazer = true,
        Settings =
        [
            new("subdriver", "Serial-over-USB subdriver selection", IsFlag: false),
            new("vendor", "Regular expression to match UPS Manufacturer string", IsFlag: false),
            new("product", "Regular expression to match UPS Product string", IsFlag: false),
            new("serial", "Regular expression to match UPS Serial number", IsFlag: false),
            new("vendorid", "Regular expression to match UPS Manufacturer numerical ID (4 digits hexadecimal)", IsFlag: false),
            new("productid", "Regular expression to match UPS Product numerical ID (4 digits hexadecimal)", IsFlag: false),
            new("bus", "Regular expression to match USB bus name", IsFlag: false),
            new("device", "Regular expression to match USB device name", IsFlag: false),
            new("usb_set_altinterface", "Force redundant call to usb_set_altinterface() (value=bAlternateSetting; default=0)", IsFlag: false),
            new("langid_fix", "Apply the language ID workaround to the krauler subdriver (0x409 or 0x4095)", IsFlag: false),
            new("ondelay", "Delay before UPS startup (minutes)", IsFlag: false),
            new("offdelay", "Delay before UPS shutdown (seconds)", IsFlag: false),
            new("runtimecal", "Parameters used for runtime calculation", IsFlag: false),
            new("chargetime", "Nominal charge time for UPS battery", IsFlag: false),
            new("idleload", "Minimum load to be used for runtime calculation", IsFlag: false),
            new("norating", "Skip reading rating information from UPS", IsFlag: true),
            new("novendor", "Skip reading vendor information from UPS", IsFlag: true),
            new("protocol", "Preselect communication protocol (skip autodetection)", IsFlag: true),
        ],
    };
}

/// <summary>How a Q* device is reached.</summary>
public enum QxLink { Serial, Usb, Auto }
