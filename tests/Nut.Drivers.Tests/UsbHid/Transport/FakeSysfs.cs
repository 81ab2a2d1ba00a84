using System.Globalization;
using Nut.Testing;

namespace Nut.Drivers.Tests.UsbHid.TransportTests;

/// <summary>
/// A sysfs and /dev tree in a temporary directory, laid out like the kernel's: /sys/class/hidraw/hidrawN is a
/// relative symbolic link into /sys/devices/.../usbB/B-P/B-P:1.0/0003:VVVV:PPPP.NNNN/hidraw/hidrawN, whose
/// <c>device</c> link points back up at the HID device, under the USB interface, under the USB device.
/// </summary>
public sealed class FakeSysfs : IDisposable
{
    readonly TempDir _dir = new("h2-sysfs");
    int _hidSerial;

    public FakeSysfs()
    {
        Directory.CreateDirectory(ClassDir);
        Directory.CreateDirectory(DevRoot);
    }

    public string SysRoot => _dir["sys"];
    public string DevRoot => _dir["dev"];
    string ClassDir => Path.Combine(SysRoot, "class", "hidraw");

    /// <summary>Plugs a USB HID device in as hidrawN; null strings leave their sysfs attribute out.</summary>
    public void AddUsb(int hidraw, int bus, int dev, string port, ushort vid, ushort pid,
        string? manufacturer, string? product, string? serial, string? hidUniq = null, string busType = "0003")
    {
        string usbDev = Path.Combine(SysRoot, "devices", "pci0000:00", "0000:00:14.0", $"usb{bus}", $"{bus}-{port}");
        Directory.CreateDirectory(usbDev);
        void Attr(string name, string? value)
        {
            if (value is not null)
                File.WriteAllText(Path.Combine(usbDev, name), value + "\n");
        }
        Attr("busnum", bus.ToString(CultureInfo.InvariantCulture));
        Attr("devnum", dev.ToString(CultureInfo.InvariantCulture));
        Attr("devpath", port);
        Attr("idVendor", vid.ToString("x4", CultureInfo.InvariantCulture));
        Attr("idProduct", pid.ToString("x4", CultureInfo.InvariantCulture));
        Attr("bcdDevice", "0106");
        Attr("manufacturer", manufacturer);
        Attr("product", product);
        Attr("serial", serial);
        string hidName = $"{busType}:{vid:X4}:{pid:X4}.{++_hidSerial:X4}";
        string hidDev = Path.Combine(usbDev, $"{bus}-{port}:1.0", hidName);
        string node = Path.Combine(hidDev, "hidraw", $"hidraw{hidraw}");
        Directory.CreateDirectory(node);
        File.WriteAllText(Path.Combine(hidDev, "uevent"),
            $"DRIVER=hid-generic\nHID_ID={busType}:{vid:X8}:{pid:X8}\nHID_NAME={manufacturer} {product}\nHID_PHYS=usb-0000:00:14.0-{port}/input0\nHID_UNIQ={hidUniq ?? serial}\nMODALIAS=hid:b{busType}g0001v{vid:X8}p{pid:X8}\n");
        File.CreateSymbolicLink(Path.Combine(node, "device"), Path.Combine("..", "..", "..", hidName));
        string relative = Path.GetRelativePath(ClassDir, node);
        File.CreateSymbolicLink(Path.Combine(ClassDir, $"hidraw{hidraw}"), relative);
    }

    /// <summary>Unplugs: the class link and the device directory disappear, as they do in the kernel.</summary>
    public void Remove(int hidraw)
    {
        string link = Path.Combine(ClassDir, $"hidraw{hidraw}");
        string? target = new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        File.Delete(link);
        if (target is not null)
        {
            // .../B-P/B-P:1.0/HID/hidraw/hidrawN -> remove B-P
            var usbDev = Directory.GetParent(target)!.Parent!.Parent!.Parent!;
            usbDev.Delete(recursive: true);
        }
    }

    public void Dispose() => _dir.Dispose();
}
