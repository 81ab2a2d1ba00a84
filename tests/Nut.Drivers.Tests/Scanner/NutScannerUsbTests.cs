using Nut.Testing;

namespace Nut.Drivers.Tests.Scanner;

/// <summary>-U over a fake sysfs tree (NUTSHARP_USB_SYSFS): which devices get sections and what they hold.</summary>
public sealed class NutScannerUsbTests
{
    static void Device(TempDir root, string name, string vid, string pid, int bus, int dev,
        string? product = null, string? serial = null, string? maker = null)
    {
        string d = root[name];
        Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(d, "idVendor"), vid + "\n");
        File.WriteAllText(Path.Combine(d, "idProduct"), pid + "\n");
        File.WriteAllText(Path.Combine(d, "busnum"), bus + "\n");
        File.WriteAllText(Path.Combine(d, "devnum"), dev + "\n");
        if (product is not null) File.WriteAllText(Path.Combine(d, "product"), product + "\n");
        if (serial is not null) File.WriteAllText(Path.Combine(d, "serial"), serial + "\n");
        if (maker is not null) File.WriteAllText(Path.Combine(d, "manufacturer"), maker + "\n");
    }

    [Fact]
    public void KnownDevicesGetSectionsInBusOrder()
    {
        using var sys = new TempDir("usbsys");
        Device(sys, "usb1", "1d6b", "0002", 1, 1, "EHCI Host Controller", "0000:00:1d.0", "Linux");   // root hub: not a UPS
        Device(sys, "3-2", "051d", "0002", 3, 4, "Back-UPS ES 700G FW:871.O2 .I USB FW:O2 ", "5B1234T12345  ", "American Power Conversion");
        Device(sys, "1-1.4", "0665", "5161", 1, 7, "USB to Serial");                                    // nutdrv_qx, no serial, no maker
        Device(sys, "2-1", "0463", "ffff", 2, 2, "Ellipse ECO", "000000000", "EATON");
        Device(sys, "2-3", "046d", "c52b", 2, 3, "USB Receiver", null, "Logitech");                     // a mouse dongle
        Directory.CreateDirectory(sys["3-2:1.0"]);                                                      // an interface
        File.WriteAllText(Path.Combine(sys["3-2:1.0"], "bInterfaceClass"), "03\n");
        var env = new Dictionary<string, string> { ["NUTSHARP_USB_SYSFS"] = sys.FullPath };

        var conf = ScannerRun.Run(ScannerRun.Ours, ["-U"], env);
        Assert.Equal(0, conf.ExitCode);
        Assert.Equal("Scanning USB bus.\n", conf.Stderr);
        Assert.Equal("""
            [nutdev1]
            	driver = "nutdrv_qx"
            	port = "auto"
            	vendorid = "0665"
            	productid = "5161"
            	product = "USB to Serial"
            	bus = "001"
            [nutdev2]
            	driver = "usbhid-ups"
            	port = "auto"
            	vendorid = "0463"
            	productid = "FFFF"
            	product = "Ellipse ECO"
            	serial = "000000000"
            	vendor = "EATON"
            	bus = "002"
            [nutdev3]
            	driver = "usbhid-ups"
            	port = "auto"
            	vendorid = "051D"
            	productid = "0002"
            	product = "Back-UPS ES 700G FW:871.O2 .I USB FW:O2"
            	serial = "5B1234T12345"
            	vendor = "American Power Conversion"
            	bus = "003"

            """, conf.Stdout);

        var parsable = ScannerRun.Run(ScannerRun.Ours, ["-U", "-P", "-q"], env);
        Assert.Equal("", parsable.Stderr);
        Assert.Equal(3, parsable.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("USB:driver=\"nutdrv_qx\",port=\"auto\",vendorid=\"0665\",productid=\"5161\",product=\"USB to Serial\",bus=\"001\"\n",
            parsable.Stdout);
    }

    [Fact]
    public void NoKnownDeviceMeansNoOutput()
    {
        using var sys = new TempDir("usbsys");
        Device(sys, "usb1", "1d6b", "0003", 1, 1, "xHCI Host Controller");
        var r = ScannerRun.Run(ScannerRun.Ours, ["-U", "-q"], new Dictionary<string, string> { ["NUTSHARP_USB_SYSFS"] = sys.FullPath });
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
    }
}
