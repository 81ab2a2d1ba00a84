using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Replay;
using Nut.Drivers.UsbHid.Transport;
using Nut.Testing;

using static Nut.Drivers.Tests.UsbHid.TransportTests.Bytes;

namespace Nut.Drivers.Tests.UsbHid.TransportTests;

/// <summary>
/// The hidraw transport against a fake sysfs tree and fake system calls (no HID device exists in CI containers):
/// discovery, matching, the ioctl requests made, the report-ID byte convention, strings over usbdevfs, and the
/// NoDevice/re-open path of an unplug.
/// </summary>
public sealed class HidrawTransportTests : IDisposable
{
    static readonly string HidData = Path.Combine(Paths.TestData, "hid");
    readonly FakeSysfs _sysfs = new();
    readonly FakeHidrawSystem _sys = new();

    static byte[] Descriptor(string model) => HidHexFile.Load(Path.Combine(HidData, model + ".hex"), out _)!;

    /// <summary>Feature Voltage, 8 bits, and no Report ID item at all.</summary>
    static readonly byte[] Unnumbered = [0x05, 0x84, 0x09, 0x04, 0xA1, 0x01, 0x09, 0x30, 0x75, 0x08, 0x95, 0x01, 0x15, 0x00, 0x26, 0xFF, 0x00, 0xB1, 0x02, 0xC0];

    FakeHidNode Plug(int hidraw, int bus, int dev, string port, ushort vid, ushort pid, string? serial, byte[] descriptor, string? mfr = "American Power Conversion", string? product = "Back-UPS ES 850G2 FW:931.a10 .D USB FW:a10")
    {
        _sysfs.AddUsb(hidraw, bus, dev, port, vid, pid, mfr, product, serial);
        var node = new FakeHidNode(descriptor);
        _sys.Add(Path.Combine(_sysfs.DevRoot, $"hidraw{hidraw}"), Path.Combine(_sysfs.DevRoot, "bus", "usb", $"{bus:000}", $"{dev:000}"), node);
        return node;
    }

    HidrawTransport Transport() => new(_sysfs.SysRoot, _sysfs.DevRoot, _sys);

    [Fact]
    public void Ioctl_request_numbers_are_the_kernels()
    {
        // The values <linux/hidraw.h> and <linux/usbdevice_fs.h> give on x86-64 (printed by a C program built with gcc).
        Assert.Equal(0x80044801u, HidIoctl.GetReportDescriptorSize);
        Assert.Equal(0x90044802u, HidIoctl.GetReportDescriptor);
        Assert.Equal(0x80084803u, HidIoctl.GetRawInfo);
        Assert.Equal(0xC0094807u, HidIoctl.GetFeature(9));
        Assert.Equal(0xC0024806u, HidIoctl.SetFeature(2));
        Assert.Equal(0xC0185500u, HidIoctl.UsbDevFsControl);
        Assert.Equal(HidIoctl.UsbCtrlTransferSize, LinuxHidrawSystem.CtrlTransferSize);
    }

    [Fact]
    public void The_real_system_calls_report_errno()
    {
        var sys = LinuxHidrawSystem.Instance;
        Assert.Equal(-1, sys.Open("/nonexistent/hidraw0", readWrite: true, out int errno));
        Assert.Equal(HidErrno.ENOENT, errno);
        int fd = sys.Open("/dev/null", readWrite: true, out errno);
        Assert.True(fd >= 0, $"errno {errno}");
        try
        {
            Assert.Equal(-1, sys.Ioctl(fd, HidIoctl.GetReportDescriptorSize, new byte[4], out errno));
            Assert.Equal(HidErrno.ENOTTY, errno); // /dev/null is no hidraw node
            Assert.Equal(UsbError.NotSupported, HidErrno.ToUsbError(errno));
            Assert.Equal(-1, sys.UsbControl(fd, 0x80, 0x06, 0x0300, 0, new byte[4], 100, out errno));
            Assert.Equal(HidErrno.ENOTTY, errno);
            Assert.Equal(0, sys.Read(fd, new byte[8], 100, out errno)); // end of file reads as nothing
        }
        finally
        {
            sys.Close(fd);
        }
    }

    [Fact]
    public void Discovery_reads_identity_from_sysfs_in_hidraw_number_order_and_skips_non_usb()
    {
        Plug(10, 3, 7, "2.4", 0x0764, 0x0501, null, Unnumbered, "CPS", "CP1500PFCLCD");
        Plug(2, 1, 4, "1.2", 0x051D, 0x0002, "4B1624P15432", Unnumbered);
        _sysfs.AddUsb(5, 1, 9, "3", 0x046D, 0xB33A, "Logi", "Keyboard", null, busType: "0005"); // Bluetooth
        var nodes = new HidrawDiscovery(_sysfs.SysRoot, _sysfs.DevRoot).Scan();

        Assert.Equal(["hidraw2", "hidraw10"], nodes.Select(n => n.Name));
        var apc = nodes[0].Info;
        Assert.Equal((0x051D, 0x0002), ((int)apc.VendorId, (int)apc.ProductId));
        Assert.Equal(("American Power Conversion", "4B1624P15432"), (apc.Vendor, apc.Serial));
        Assert.Equal(("001", "004", "1.2"), (apc.Bus, apc.Device, apc.BusPort));
        Assert.Equal(0x0106, apc.BcdDevice);
        Assert.Equal(Path.Combine(_sysfs.DevRoot, "bus", "usb", "001", "004"), nodes[0].UsbFsPath);
        Assert.Equal(Path.Combine(_sysfs.DevRoot, "hidraw2"), nodes[0].DevicePath);
        // No serial attribute: HID_UNIQ is empty too, so no serial.
        Assert.Null(nodes[1].Info.Serial);
        Assert.Equal(("003", "007", "2.4"), (nodes[1].Info.Bus, nodes[1].Info.Device, nodes[1].Info.BusPort));
    }

    [Fact]
    public void Open_applies_the_matching_options_and_reads_the_descriptor_by_ioctl()
    {
        var es = Descriptor("apc-back-ups-es-850g2");
        Plug(0, 1, 2, "1", 0x051D, 0x0002, "AAA", es);
        Plug(1, 1, 3, "2", 0x051D, 0x0002, "BBB", es);
        var matcher = UsbMatcher.Create(o => o switch { "vendorid" => "051d", "serial" => "bbb", _ => null }, out _)!;

        using var dev = Transport().Open(matcher.Matches);

        Assert.NotNull(dev);
        Assert.Equal("BBB", dev.Info.Serial);
        Assert.Equal(es, dev.ReportDescriptor);
        Assert.Equal([HidIoctl.GetReportDescriptorSize, HidIoctl.GetReportDescriptor], _sys.Ioctls);
        var none = UsbMatcher.Create(o => o == "busport" ? "9" : null, out _)!;
        Assert.Null(Transport().Open(none.Matches));
    }

    [Fact]
    public void Feature_reports_travel_through_HIDIOCGFEATURE_and_HIDIOCSFEATURE_with_the_report_id_first()
    {
        var node = Plug(0, 1, 2, "1", 0x051D, 0x0002, "AAA", Descriptor("apc-back-ups-es-850g2"));
        node.Features[0x0C] = [0x0C, 0x64, 0x64, 0x03];
        using var dev = Transport().Open(_ => true)!;

        var buf = new byte[4];
        Assert.Equal(4, dev.GetFeatureReport(0x0C, buf));
        Assert.Equal(B(0x0C, 0x64, 0x64, 0x03), buf);
        Assert.Equal(HidIoctl.GetFeature(4), _sys.Ioctls[^1]);
        Assert.Equal(UsbError.Pipe, dev.GetFeatureReport(0x7F, buf)); // a report the device stalls

        Assert.Equal(3, dev.SetFeatureReport([0x15, 0x3C, 0x00]));
        Assert.Equal(HidIoctl.SetFeature(3), _sys.Ioctls[^1]);
        Assert.Equal(B(0x15, 0x3C, 0x00), node.SetFeatures.Single());
    }

    [Fact]
    public void A_device_without_report_ids_gets_the_zero_byte_hidraw_wants_added_and_removed()
    {
        var node = Plug(0, 1, 2, "1", 0x0001, 0x0002, null, Unnumbered);
        node.Features[0] = [0x00, 0xE6]; // hidraw hands back the 0 report number in front
        node.Inputs.Enqueue([0xE7]);     // read() gives unnumbered input reports as they are
        using var dev = Transport().Open(_ => true)!;

        var buf = new byte[1];
        Assert.Equal(1, dev.GetFeatureReport(0, buf));
        Assert.Equal(0xE6, buf[0]);
        Assert.Equal(HidIoctl.GetFeature(2), _sys.Ioctls[^1]);
        Assert.Equal(1, dev.SetFeatureReport([0xE5]));
        Assert.Equal(B(0x00, 0xE5), node.SetFeatures.Single());
        Assert.Equal(1, dev.ReadInputReport(buf, 100));
        Assert.Equal(0xE7, buf[0]);
        Assert.Equal(0, dev.ReadInputReport(buf, 100)); // time-out
    }

    [Fact]
    public void Strings_come_from_usbdevfs_control_transfers_and_are_null_when_that_fails()
    {
        var node = Plug(0, 1, 2, "1", 0x051D, 0x0002, "AAA", Descriptor("apc-back-ups-es-850g2"));
        node.Strings[4] = "PbAc";
        using (var dev = Transport().Open(_ => true)!)
        {
            Assert.Equal("PbAc", dev.GetString(4));
            Assert.Equal([(0x80, 0x06, 0x0300, 0, 255), (0x80, 0x06, 0x0304, 0x0409, 255)],
                _sys.Controls.Select(c => ((int)c.Type, (int)c.Request, (int)c.Value, (int)c.Index, c.Length)));
            Assert.Null(dev.GetString(9)); // stalled: no such string
            Assert.Null(dev.GetString(0));
        }
        _sys.Denied.Add(Path.Combine(_sysfs.DevRoot, "bus", "usb", "001", "002"));
        using var denied = Transport().Open(_ => true)!;
        Assert.Null(denied.GetString(4));
    }

    [Fact]
    public void An_unplugged_device_answers_NoDevice_and_Open_finds_it_again_under_new_numbers()
    {
        var es = Descriptor("apc-back-ups-es-850g2");
        var node = Plug(0, 1, 4, "1.2", 0x051D, 0x0002, "4B1624P15432", es);
        node.Features[0x13] = [0x13, 0x01];
        var transport = Transport();
        var dev = transport.Open(_ => true)!;
        var first = dev.Info;

        node.Gone = true;
        _sysfs.Remove(0);
        var buf = new byte[8];
        Assert.Equal(UsbError.NoDevice, dev.GetFeatureReport(0x13, buf));
        Assert.Equal(UsbError.NoDevice, dev.SetFeatureReport([0x13, 0x00]));
        Assert.Equal(UsbError.NoDevice, dev.ReadInputReport(buf, 10));
        dev.Dispose();
        Assert.Null(transport.Open(d => UsbMatcher.SameDevice(d, first)));

        // Re-plugged: the kernel gives it the next device number and, here, the next hidraw node.
        var again = Plug(1, 1, 5, "1.2", 0x051D, 0x0002, "4B1624P15432", es);
        again.Features[0x13] = [0x13, 0x01];
        using var back = transport.Open(d => UsbMatcher.SameDevice(d, first))!;
        Assert.Equal(("001", "005"), (back.Info.Bus, back.Info.Device));
        Assert.Equal(2, back.GetFeatureReport(0x13, buf));
        Assert.Equal(1, _sys.OpenCount);
    }

    [Fact]
    public void Open_reports_a_kernel_without_hidraw_and_skips_nodes_it_may_not_open()
    {
        Assert.Throws<UsbUnavailableException>(() => new HidrawTransport(Path.Combine(_sysfs.SysRoot, "nothing"), _sysfs.DevRoot, _sys).Open(_ => true));
        Assert.Null(Transport().Open(_ => true)); // no devices at all
        Plug(0, 1, 2, "1", 0x051D, 0x0002, "AAA", Unnumbered);
        _sys.Denied.Add(Path.Combine(_sysfs.DevRoot, "hidraw0"));
        Assert.Null(Transport().Open(_ => true));
    }

    [Fact]
    public void Hidraw_errno_values_map_to_libusb_codes()
    {
        Assert.Equal(UsbError.NoDevice, HidErrno.ToUsbError(HidErrno.ENODEV));
        Assert.Equal(UsbError.NoDevice, HidErrno.ToUsbError(HidErrno.ENOENT));
        Assert.Equal(UsbError.Access, HidErrno.ToUsbError(HidErrno.EACCES));
        Assert.Equal(UsbError.Pipe, HidErrno.ToUsbError(HidErrno.EPIPE));
        Assert.Equal(UsbError.Timeout, HidErrno.ToUsbError(HidErrno.ETIMEDOUT));
        Assert.Equal(UsbError.Io, HidErrno.ToUsbError(HidErrno.EIO));
    }

    public void Dispose() => _sysfs.Dispose();
}
