using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// USB HID through Linux's hidraw driver, the first choice on Linux: nothing to detach or claim, the kernel keeps
/// the device bound. Devices are found through sysfs (<see cref="HidrawDiscovery"/>), offered to the matcher in
/// hidraw-number order, and the first match that opens is returned. Open can be called again after a removal:
/// it scans afresh, so a re-plugged unit is found under its new hidraw and device numbers.
/// </summary>
public sealed class HidrawTransport(string sysRoot = "/sys", string devRoot = "/dev", IHidrawSystem? system = null) : IHidTransport
{
    readonly HidrawDiscovery _discovery = new(sysRoot, devRoot);
    readonly IHidrawSystem _sys = system ?? LinuxHidrawSystem.Instance;

    public string Name => "hidraw";

    public IHidDevice? Open(Func<UsbDeviceInfo, bool> match)
    {
        if (!Directory.Exists(_discovery.ClassDirectory))
            throw new UsbUnavailableException(
                $"{_discovery.ClassDirectory} does not exist: this kernel has no hidraw support (CONFIG_HIDRAW); use port = libusb instead");
        foreach (var node in _discovery.Scan())
        {
            NutLog.Debug(2, $"Checking {node.Name}: {node.Info}");
            if (!match(node.Info))
            {
                NutLog.Debug(2, "Device does not match - skipping");
                continue;
            }
            if (OpenNode(node) is { } device)
                return device;
        }
        return null;
    }

    /// <summary>Opens one node and reads its report descriptor; null (logged) when that fails.</summary>
    public HidrawDevice? OpenNode(HidrawNode node)
    {
        int fd = _sys.Open(node.DevicePath, readWrite: true, out int errno);
        if (fd < 0)
        {
            NutLog.Info($"{node.DevicePath}: cannot open: {Libc.StrError(errno)}"
                + (errno == HidErrno.EACCES ? " (the driver's user needs read/write access, see the udev rules in docs/usbhid-replay.md)" : ""));
            return null;
        }
        var descriptor = ReadDescriptor(fd, node.DevicePath);
        if (descriptor is null)
        {
            _sys.Close(fd);
            return null;
        }
        NutLog.Debug(2, $"{node.DevicePath}: report descriptor of {descriptor.Length} bytes");
        return new HidrawDevice(_sys, node, fd, descriptor);
    }

    byte[]? ReadDescriptor(int fd, string path)
    {
        Span<byte> sizeBuf = stackalloc byte[4];
        if (_sys.Ioctl(fd, HidIoctl.GetReportDescriptorSize, sizeBuf, out int errno) < 0)
        {
            NutLog.Info($"{path}: HIDIOCGRDESCSIZE: {Libc.StrError(errno)}");
            return null;
        }
        int size = BitConverter.ToInt32(sizeBuf);
        if (size <= 0 || size > HidIoctl.MaxDescriptorSize)
        {
            NutLog.Info($"{path}: implausible report descriptor size {size} (expected 1..{HidIoctl.MaxDescriptorSize})");
            return null;
        }
        // struct hidraw_report_descriptor: u32 size (in: bytes wanted), then the bytes.
        var buf = new byte[4 + HidIoctl.MaxDescriptorSize];
        BitConverter.TryWriteBytes(buf, size);
        if (_sys.Ioctl(fd, HidIoctl.GetReportDescriptor, buf, out errno) < 0)
        {
            NutLog.Info($"{path}: HIDIOCGRDESC: {Libc.StrError(errno)}");
            return null;
        }
        return buf.AsSpan(4, size).ToArray();
    }
}
