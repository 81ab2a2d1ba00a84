using System.Runtime.InteropServices;
using Nut.Platform;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>The real system calls (libc on Linux).</summary>
public sealed unsafe partial class LinuxHidrawSystem : IHidrawSystem
{
    public static readonly LinuxHidrawSystem Instance = new();

    const int O_RDONLY = 0, O_RDWR = 2, O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);

    // ioctl is variadic in C; on Linux x86-64/arm64 a pointer third argument travels like a fixed one.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoctlNative(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadNative(int fd, void* buffer, nuint count);

    /// <summary>struct usbdevfs_ctrltransfer (64-bit layout, see <see cref="HidIoctl.UsbCtrlTransferSize"/>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    struct CtrlTransfer
    {
        public byte RequestType, Request;
        public ushort Value, Index, Length;
        public uint Timeout;
        public void* Data;
    }

    /// <summary>The size this process gives struct usbdevfs_ctrltransfer; must equal <see cref="HidIoctl.UsbCtrlTransferSize"/>.</summary>
    public static int CtrlTransferSize => sizeof(CtrlTransfer);

    public int Open(string path, bool readWrite, out int errno)
    {
        int fd = OpenNative(path, (readWrite ? O_RDWR : O_RDONLY) | O_CLOEXEC);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    public void Close(int fd) => CloseNative(fd);

    public int Ioctl(int fd, uint request, Span<byte> argument, out int errno)
    {
        int rc;
        fixed (byte* p = argument)
            rc = IoctlNative(fd, request, p);
        errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        return rc;
    }

    public int Read(int fd, Span<byte> buffer, int timeoutMs, out int errno)
    {
        int events = Libc.Poll(fd, Libc.POLLIN, timeoutMs);
        if (events < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return -1;
        }
        if (events == 0)
        {
            errno = 0;
            return 0;
        }
        // hidraw signals a removed device with POLLHUP/POLLERR and no data.
        if ((events & Libc.POLLIN) == 0)
        {
            errno = HidErrno.ENODEV;
            return -1;
        }
        nint n;
        fixed (byte* p = buffer)
            n = ReadNative(fd, p, (nuint)buffer.Length);
        errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)n;
    }

    public int UsbControl(int fd, byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs, out int errno)
    {
        int rc;
        fixed (byte* p = data)
        {
            var t = new CtrlTransfer
            {
                RequestType = requestType, Request = request, Value = value, Index = index,
                Length = (ushort)data.Length, Timeout = (uint)timeoutMs, Data = p,
            };
            rc = IoctlNative(fd, HidIoctl.UsbDevFsControl, &t);
        }
        errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        return rc;
    }
}
