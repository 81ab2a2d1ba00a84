using System.Runtime.InteropServices;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Generic;

/// <summary>The modem-control lines of a real serial port, through ioctl (TIOCMGET / TIOCMSET) and tcsendbreak.</summary>
public sealed partial class NativeModemLines : IModemLines
{
    // struct termios on Linux (glibc): c_iflag, c_oflag, c_cflag, c_lflag (4 bytes each), c_line, c_cc[32],
    // c_ispeed, c_ospeed: 60 bytes. Only c_cflag is touched.
    const int TermiosSize = 64, CflagOffset = 8, HUPCL = 0x400, TCSANOW = 0;

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, [In, Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int optionalActions, [In] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsendbreak", SetLastError = true)]
    private static partial int TcSendBreak(int fd, int duration);

    readonly int _fd;

    NativeModemLines(int fd) => _fd = fd;

    /// <summary>
    /// Opens the port as genericups does: fails like NUT's ser_open ("Unable to open ..."), then makes sure closing
    /// the port does not drop DTR/RTS (no hang-up on close), or the UPS would lose its cable power or see a shutdown.
    /// </summary>
    public static NativeModemLines Open(string path)
    {
        int fd = SerialNative.Open(path, out int errno);
        if (fd < 0)
            throw new DriverFatalException(
                $"\nUnable to open {path}: {Libc.StrError(errno)}\n\nThings to try:\n\n - Check 'port=' in ups.conf\n\n - Check owner/permissions of all parts of path\n");
        var termios = new byte[TermiosSize];
        if (TcGetAttr(fd, termios) != 0)
            Fail(fd, "tcgetattr");
        int cflag = BitConverter.ToInt32(termios, CflagOffset) & ~HUPCL;
        BitConverter.TryWriteBytes(termios.AsSpan(CflagOffset), cflag);
        if (TcSetAttr(fd, TCSANOW, termios) != 0)
            Fail(fd, "tcsetattr");
        return new NativeModemLines(fd);
    }

    static void Fail(int fd, string what)
    {
        string reason = Libc.StrError(Marshal.GetLastPInvokeError());
        SerialNative.Close(fd);
        throw new DriverFatalException($"{what}: {reason}");
    }

    public bool TryRead(out int lines, out string error)
    {
        lines = SerialNative.GetLines(_fd, out int errno);
        error = lines < 0 ? Libc.StrError(errno) : "";
        return lines >= 0;
    }

    public bool TrySet(int lines, out string error)
    {
        bool ok = SerialNative.SetAllLines(_fd, lines, out int errno);
        error = ok ? "" : Libc.StrError(errno);
        return ok;
    }

    public bool TrySendBreak(int duration, out string error)
    {
        bool ok = TcSendBreak(_fd, duration) == 0;
        error = ok ? "" : Libc.StrError(Marshal.GetLastPInvokeError());
        return ok;
    }

    public void Dispose() => SerialNative.Close(_fd);
}
