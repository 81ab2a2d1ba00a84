using System.Globalization;
using Nut.Drivers.Host;
using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// Opens a Q* UPS on USB the way nutdrv_qx / blazer_usb's upsdrv_initups does: <c>langid_fix</c>, a forced
/// <c>subdriver</c> (which needs <c>vendorid</c> and <c>productid</c>), the regex options, the first matching
/// device the VID:PID table (or the forced subdriver) accepts, then ups.vendorid / ups.productid.
/// </summary>
public static class QxUsbOpener
{
    /// <summary>True when nutdrv_qx must use USB: port=auto or any USB-only option (NUT's is_usb test).</summary>
    public static bool WantsUsb(DriverHostContext host) =>
        string.Equals(host.Port, "auto", StringComparison.OrdinalIgnoreCase)
        || new[] { "subdriver", "vendorid", "productid", "vendor", "product", "serial", "bus", "langid_fix" }.Any(o => host.GetValue(o) is not null);

    public static UsbQxPort Open(DriverHostContext host, QxPersonality personality, IUsbBus bus)
    {
        bool blazer = personality.Blazer;
        string program = personality.Info.ProgramName;
        int langIdFix = ParseLangIdFix(host.GetValue("langid_fix"));

        IQxUsbSubdriver? forced = null;
        if (host.GetValue("subdriver") is { } name)
        {
            if (host.GetValue("vendorid") is null || host.GetValue("productid") is null)
                throw new DriverFatalException("When specifying a subdriver, 'vendorid' and 'productid' are mandatory.");
            forced = QxUsbSubdrivers.ByName(blazer ? QxUsbSubdrivers.BlazerUsbNames : QxUsbSubdrivers.NutdrvQxNames, name)
                ?? throw new DriverFatalException(blazer ? $"Subdriver \"{name}\" not found!" : $"Subdriver '{name}' not found!");
        }

        var matcher = UsbMatcher.Create(o => o == "busport" ? null : host.GetValue(o), out string? invalid)
            ?? throw new DriverFatalException((blazer ? "invalid" : "Invalid") + " regular expression: " + invalid);
        var table = blazer ? QxUsbSubdrivers.BlazerUsbTable : QxUsbSubdrivers.NutdrvQxTable;

        IUsbHandle? usb;
        UsbDeviceInfo? device;
        try
        {
            usb = bus.Open(d => matcher.Matches(d) && (forced ?? QxUsbSubdrivers.Choose(table, d)) is not null, out device);
        }
        catch (Exception e) when (e is UsbUnavailableException or UsbClaimException)
        {
            throw new DriverFatalException(e.Message);
        }
        if (usb is null || device is null)
            throw new DriverFatalException(
                "No supported devices found. Please check your device availability with 'lsusb'\n"
                + "and make sure you have an up-to-date version of NUT. If this does not help,\n"
                + "try running the driver with at least 'subdriver', 'vendorid' and 'productid'\n"
                + "options specified. Please refer to the man page for details about these options\n"
                + $"(man 8 {program}).\n");
        var subdriver = forced ?? QxUsbSubdrivers.Choose(table, device)!;
        NutLog.Debug(1, $"Using USB subdriver {subdriver.Name} for {device}");

        host.State.SetInfo("ups.vendorid", device.VendorId.ToString("x4", CultureInfo.InvariantCulture));
        host.State.SetInfo("ups.productid", device.ProductId.ToString("x4", CultureInfo.InvariantCulture));

        if (langIdFix != -1 && !host.HasFlag("noscanlangid"))
        {
            var tbuf = new byte[255];
            if (UsbStrings.GetRaw(usb, 0, 0, tbuf) >= 4)
                NutLog.Debug(1, $"First supported language ID: 0x{tbuf[2] | (tbuf[3] << 8):x} (please report to the NUT maintainer!)");
        }
        return new UsbQxPort(bus, usb, device, matcher, subdriver, langIdFix);
    }

    /// <summary>langid_fix = 0x4095: hex after the first two characters; -1 (and a notice) when unusable.</summary>
    public static int ParseLangIdFix(string? value)
    {
        if (value is null)
            return -1;
        if (value.Length > 2 && int.TryParse(HexPrefix(value[2..]), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int id))
        {
            NutLog.Debug(2, $"Language ID workaround enabled (using '0x{id:x}')");
            return id;
        }
        NutLog.Notice("Error enabling language ID workaround");
        return -1;
    }

    /// <summary>sscanf's %x reads the leading hex digits and ignores the rest.</summary>
    static string HexPrefix(string s)
    {
        int n = 0;
        while (n < s.Length && char.IsAsciiHexDigit(s[n]))
            n++;
        return s[..n];
    }

    /// <summary>Publishes driver.version.usb as NUT's USB drivers do; quietly nothing when libusb is not there.</summary>
    public static void PublishLibraryVersion(DriverHostContext host, IUsbBus bus)
    {
        try
        {
            host.State.SetInfo("driver.version.usb", bus.Version);
        }
        catch (UsbUnavailableException)
        {
        }
    }
}
