namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// The system calls the hidraw transport makes, behind an interface so tests run discovery, opening and the
/// error paths against a fake (this container, like most CI machines, has no HID device and no /dev/uhid).
/// Every call returns -1 on failure with the errno in <c>errno</c>, like the C calls they stand for.
/// </summary>
public interface IHidrawSystem
{
    /// <summary>open(path, O_RDWR | O_CLOEXEC) (read-only when <paramref name="readWrite"/> is false).</summary>
    int Open(string path, bool readWrite, out int errno);

    void Close(int fd);

    /// <summary>ioctl(fd, request, argument) with a buffer argument; returns the ioctl's result.</summary>
    int Ioctl(int fd, uint request, Span<byte> argument, out int errno);

    /// <summary>poll() for input at most <paramref name="timeoutMs"/>, then read(): bytes read, 0 on time-out, -1 on error.</summary>
    int Read(int fd, Span<byte> buffer, int timeoutMs, out int errno);

    /// <summary>
    /// ioctl(fd, USBDEVFS_CONTROL, &amp;{requestType, request, value, index, data.Length, timeoutMs, data}) on a
    /// /dev/bus/usb/BBB/DDD descriptor: bytes transferred or -1.
    /// </summary>
    int UsbControl(int fd, byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs, out int errno);
}
