using System.Globalization;
using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// Finds USB HID devices through sysfs, as udev does, without opening them: /sys/class/hidraw/hidrawN/device is
/// the HID device (its uevent says HID_ID=0003:VVVVVVVV:PPPPPPPP, bus 0003 = USB, and HID_UNIQ = the serial); its
/// ancestors are the USB interface and then the USB device directory, which holds busnum, devnum, devpath (the
/// port path NUT calls busport), manufacturer, product, serial, idVendor, idProduct and bcdDevice.
/// Roots are parameters so tests build a fake tree in a temporary directory.
/// </summary>
public sealed class HidrawDiscovery(string sysRoot = "/sys", string devRoot = "/dev")
{
    const string UsbBusType = "0003";

    public string ClassDirectory => Path.Combine(sysRoot, "class", "hidraw");

    /// <summary>Every USB hidraw device, in hidraw-number order (hidraw2 before hidraw10).</summary>
    public List<HidrawNode> Scan()
    {
        var found = new List<HidrawNode>();
        if (!Directory.Exists(ClassDirectory))
            return found;
        var names = Directory.EnumerateFileSystemEntries(ClassDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n.StartsWith("hidraw", StringComparison.Ordinal) && int.TryParse(n.AsSpan(6), out _))
            .OrderBy(n => int.Parse(n.AsSpan(6), CultureInfo.InvariantCulture));
        foreach (string name in names)
        {
            if (Describe(name) is { } node)
                found.Add(node);
        }
        return found;
    }

    /// <summary>The node for one hidrawN, or null when it is not a USB device or its sysfs entry is incomplete.</summary>
    public HidrawNode? Describe(string name)
    {
        string? hidDir = RealPath.Of(Path.Combine(ClassDirectory, name, "device"));
        if (hidDir is null)
            return null;
        var uevent = ReadUevent(Path.Combine(hidDir, "uevent"));
        if (!uevent.TryGetValue("HID_ID", out string? hidId))
            return null;
        string[] id = hidId.Split(':');
        if (id.Length != 3 || id[0] != UsbBusType
            || !uint.TryParse(id[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint vid)
            || !uint.TryParse(id[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint pid))
            return null;
        string? usbDir = UsbDeviceDirectory(hidDir);
        if (usbDir is null)
        {
            NutLog.Debug(2, $"{name}: no USB device directory above {hidDir}");
            return null;
        }
        if (!int.TryParse(ReadAttr(usbDir, "busnum"), out int bus) || !int.TryParse(ReadAttr(usbDir, "devnum"), out int dev))
            return null;
        string? serial = ReadAttr(usbDir, "serial");
        if (serial is null && uevent.TryGetValue("HID_UNIQ", out string? uniq) && uniq.Length > 0)
            serial = uniq;
        ushort bcd = ushort.TryParse(ReadAttr(usbDir, "bcdDevice"), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort b) ? b : (ushort)0;
        string busText = bus.ToString("000", CultureInfo.InvariantCulture), devText = dev.ToString("000", CultureInfo.InvariantCulture);
        var info = new UsbDeviceInfo((ushort)vid, (ushort)pid, ReadAttr(usbDir, "manufacturer"), ReadAttr(usbDir, "product"),
            serial, busText, devText, ReadAttr(usbDir, "devpath"), bcd);
        return new HidrawNode(name, Path.Combine(devRoot, name), info, Path.Combine(devRoot, "bus", "usb", busText, devText));
    }

    /// <summary>The nearest ancestor with busnum and devnum files: the USB device (not the interface).</summary>
    static string? UsbDeviceDirectory(string hidDir)
    {
        for (var d = Directory.GetParent(hidDir); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "busnum")) && File.Exists(Path.Combine(d.FullName, "devnum")))
                return d.FullName;
        }
        return null;
    }

    static Dictionary<string, string> ReadUevent(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                int eq = line.IndexOf('=');
                if (eq > 0)
                    values[line[..eq]] = line[(eq + 1)..];
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return values;
    }

    /// <summary>A sysfs attribute without its newline; null when absent or unreadable.</summary>
    static string? ReadAttr(string dir, string name)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(dir, name)).TrimEnd('\n');
            return text;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
