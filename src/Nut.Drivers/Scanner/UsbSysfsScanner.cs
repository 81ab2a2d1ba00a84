using System.Globalization;

namespace Nut.Drivers.Scanner;

/// <summary>
/// -U: lists USB devices from sysfs (<c>/sys/bus/usb/devices</c>, or <see cref="RootVariable"/> for tests) without
/// opening them, so neither libusb nor device permissions are needed. A device NUT knows
/// (<see cref="UsbScanTable"/>) gives a section as NUT's: driver, port "auto", vendorid and productid (4 upper-case
/// hex digits), product, serial and vendor when the device has those strings (trailing spaces cut), bus (3 digits).
/// Devices are listed by bus and device number.
/// </summary>
public static class UsbSysfsScanner
{
    public const string DefaultRoot = "/sys/bus/usb/devices";
    public const string RootVariable = "NUTSHARP_USB_SYSFS";

    public static string Root => Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } r ? r : DefaultRoot;

    public static IReadOnlyList<ScannedDevice> Scan(string root)
    {
        var found = new List<(int Bus, int Dev, string Name, ScannedDevice Device)>();
        if (!Directory.Exists(root))
            return [];
        foreach (var dir in Directory.EnumerateFileSystemEntries(root))
        {
            // Interfaces ("1-1:1.0") have no idVendor; hubs and devices ("usb1", "1-1.2") do.
            if (Hex(Read(dir, "idVendor")) is not { } vendor || Hex(Read(dir, "idProduct")) is not { } product)
                continue;
            if (UsbScanTable.DriverFor(vendor, product) is not { } driver)
                continue;
            int bus = Number(Read(dir, "busnum"));
            int dev = Number(Read(dir, "devnum"));
            var options = new List<(string, string?)>
            {
                ("vendorid", vendor.ToString("X4", CultureInfo.InvariantCulture)),
                ("productid", product.ToString("X4", CultureInfo.InvariantCulture)),
            };
            if (Text(dir, "product") is { } name) options.Add(("product", name));
            if (Text(dir, "serial") is { } serial) options.Add(("serial", serial));
            if (Text(dir, "manufacturer") is { } maker) options.Add(("vendor", maker));
            options.Add(("bus", bus.ToString("D3", CultureInfo.InvariantCulture)));
            found.Add((bus, dev, Path.GetFileName(dir), ScannedDevice.Of(ScanBus.USB, driver, "auto", [.. options])));
        }
        return [.. found.OrderBy(f => f.Bus).ThenBy(f => f.Dev).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Device)];
    }

    static string? Read(string dir, string attribute)
    {
        try
        {
            string path = Path.Combine(dir, attribute);
            return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\n') : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A string descriptor as NUT keeps it: absent when the device has none (or an empty one), else with
    /// trailing spaces cut (so all spaces gives an empty value, as in NUT).</summary>
    static string? Text(string dir, string attribute) => Read(dir, attribute) is { Length: > 0 } s ? s.TrimEnd(' ') : null;

    static ushort? Hex(string? s) =>
        ushort.TryParse(s?.Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort v) ? v : null;

    static int Number(string? s) => int.TryParse(s?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0;
}
