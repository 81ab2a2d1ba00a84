using System.Runtime.InteropServices;
using Nut.Platform;

namespace Nut.Drivers.Generic;

/// <summary>
/// The serial-port calls System.IO.Ports does not offer: the modem-control lines as one bit mask (it cannot read
/// RI at all, and contact-closure UPSes signal on RI), and a plain open() to learn why a port cannot be used
/// (NUT prints the strerror text).
/// </summary>
public static partial class SerialNative
{
    // <asm-generic/termios.h> and <fcntl.h> on Linux.
    public const int TIOCM_LE = 0x001, TIOCM_DTR = 0x002, TIOCM_RTS = 0x004, TIOCM_ST = 0x008, TIOCM_SR = 0x010,
        TIOCM_CTS = 0x020, TIOCM_CAR = 0x040, TIOCM_RNG = 0x080, TIOCM_DSR = 0x100;
    const uint TIOCMGET = 0x5415, TIOCMBIS = 0x5416, TIOCMBIC = 0x5417, TIOCMSET = 0x5418;
    const int O_RDWR = 2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    // ioctl is variadic in C; on Linux x86-64/arm64 a pointer third argument travels like a fixed one.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, ref int argument);

    /// <summary>Opens a serial device for modem-line access without making it our controlling terminal (-1 + errno on failure).</summary>
    public static int Open(string path, out int errno)
    {
        int fd = OpenNative(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    /// <summary>Why a device cannot be opened read-write (null when it can).</summary>
    public static string? OpenError(string path)
    {
        int fd = Open(path, out int errno);
        if (fd < 0)
            return Libc.StrError(errno);
        Close(fd);
        return null;
    }

    /// <summary>The state of every modem line (TIOCM_* bits), or -1 with errno.</summary>
    public static int GetLines(int fd, out int errno)
    {
        int bits = 0;
        int rc = Ioctl(fd, TIOCMGET, ref bits);
        errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        return rc < 0 ? -1 : bits;
    }

    /// <summary>Raises (on) or drops the given output lines (TIOCM_DTR, TIOCM_RTS, TIOCM_ST); false with errno on failure.</summary>
    public static bool SetLines(int fd, int bits, bool on, out int errno)
    {
        int rc = Ioctl(fd, on ? TIOCMBIS : TIOCMBIC, ref bits);
        errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        return rc == 0;
    }

    /// <summary>Sets all output lines at once (TIOCMSET).</summary>
    public static bool SetAllLines(int fd, int bits, out int errno)
    {
        int rc = Ioctl(fd, TIOCMSET, ref bits);
        errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        return rc == 0;
    }
}
