using System.Text;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;
using Nut.Platform;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// An opened /dev/hidrawN: feature reports through HIDIOCGFEATURE / HIDIOCSFEATURE, input reports by read() after
/// poll(), string descriptors through usbdevfs (the kernel keeps its HID driver bound, nothing is detached).
/// Every failure is a negative <see cref="UsbError"/>; a removed device gives <see cref="UsbError.NoDevice"/>.
/// </summary>
public sealed class HidrawDevice : IHidDevice
{
    /// <summary>Time-out of a string-descriptor control transfer (libusb's descriptor helpers use 1 s too).</summary>
    const int StringTimeoutMs = 1000;

    readonly IHidrawSystem _sys;
    readonly HidrawNode _node;
    readonly bool _numbered;
    int _fd;
    int _usbFd = -1;
    bool _usbFsFailed;

    internal HidrawDevice(IHidrawSystem sys, HidrawNode node, int fd, byte[] descriptor)
    {
        _sys = sys;
        _node = node;
        _fd = fd;
        ReportDescriptor = descriptor;
        _numbered = HidReportDescriptor.Parse(descriptor, out _).UsesReportIds;
    }

    public UsbDeviceInfo Info => _node.Info;

    public byte[] ReportDescriptor { get; }

    /// <summary>/dev/hidrawN, for logs.</summary>
    public string DevicePath => _node.DevicePath;

    public int GetFeatureReport(byte reportId, Span<byte> buffer)
    {
        if (_fd < 0)
            return UsbError.NoDevice;
        // hidraw always wants the report number in byte 0 (0 for a device without report IDs) and hands back
        // the report with that byte in front.
        int extra = _numbered ? 0 : 1;
        int length = Math.Min(buffer.Length + extra, HidIoctl.MaxSize);
        Span<byte> buf = length <= 512 ? stackalloc byte[length] : new byte[length];
        buf.Clear();
        buf[0] = reportId;
        int rc = _sys.Ioctl(_fd, HidIoctl.GetFeature(length), buf, out int errno);
        if (rc < 0)
            return Fail("HIDIOCGFEATURE", errno);
        int n = Math.Max(0, Math.Min(rc, length) - extra);
        buf.Slice(extra, n).CopyTo(buffer);
        return n;
    }

    public int SetFeatureReport(ReadOnlySpan<byte> report)
    {
        if (_fd < 0)
            return UsbError.NoDevice;
        int extra = _numbered ? 0 : 1;
        int length = Math.Min(report.Length + extra, HidIoctl.MaxSize);
        var buf = new byte[length];
        report[..(length - extra)].CopyTo(buf.AsSpan(extra));
        int rc = _sys.Ioctl(_fd, HidIoctl.SetFeature(length), buf, out int errno);
        if (rc < 0)
            return Fail("HIDIOCSFEATURE", errno);
        return Math.Max(0, rc - extra);
    }

    public int ReadInputReport(Span<byte> buffer, int timeoutMs)
    {
        if (_fd < 0)
            return UsbError.NoDevice;
        // hidraw's read() gives numbered reports with their ID byte and unnumbered ones without: the convention
        // of IHidDevice already.
        int n = _sys.Read(_fd, buffer, timeoutMs, out int errno);
        if (n >= 0)
            return n;
        // After a removal hidraw answers read() with EIO; the node disappearing tells the two cases apart.
        if (errno == HidErrno.EIO && !File.Exists(_node.DevicePath))
            errno = HidErrno.ENODEV;
        return Fail("read", errno);
    }

    public string? GetString(int index)
    {
        if (index <= 0 || index > 255 || _fd < 0)
            return null;
        if (_usbFd < 0 && !_usbFsFailed)
        {
            // Read-write as libusb opens it; read-only as a fallback for a node the driver's user may only read.
            _usbFd = _sys.Open(_node.UsbFsPath, readWrite: true, out int errno);
            if (_usbFd < 0)
                _usbFd = _sys.Open(_node.UsbFsPath, readWrite: false, out errno);
            if (_usbFd < 0)
            {
                _usbFsFailed = true;
                NutLog.Debug(1, $"{_node.UsbFsPath}: {Libc.StrError(errno)}; USB strings are not available");
                return null;
            }
        }
        if (_usbFd < 0)
            return null;
        var buf = new byte[256];
        int r = UsbStrings.GetAscii(new UsbFsControl(_sys, _usbFd), (byte)index, buf);
        return r > 0 ? Encoding.Latin1.GetString(buf, 0, r) : null;
    }

    int Fail(string call, int errno)
    {
        int code = HidErrno.ToUsbError(errno);
        NutLog.Debug(2, $"{_node.DevicePath}: {call}: {Libc.StrError(errno)}");
        return code;
    }

    public void Dispose()
    {
        if (_fd >= 0)
            _sys.Close(_fd);
        if (_usbFd >= 0)
            _sys.Close(_usbFd);
        _fd = _usbFd = -1;
    }

    /// <summary>usbdevfs control transfers shaped as an <see cref="IUsbHandle"/>, so <see cref="UsbStrings"/> serves both transports.</summary>
    sealed class UsbFsControl(IHidrawSystem sys, int fd) : IUsbHandle
    {
        public int ControlTransfer(byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
        {
            int rc = sys.UsbControl(fd, requestType, request, value, index, data, StringTimeoutMs, out int errno);
            return rc < 0 ? HidErrno.ToUsbError(errno) : rc;
        }

        public int InterruptTransfer(byte endpoint, Span<byte> data, int timeoutMs) => UsbError.NotSupported;

        public int ClearHalt(byte endpoint) => UsbError.NotSupported;

        public int Reset() => UsbError.NotSupported;

        public void Dispose() { }
    }
}
