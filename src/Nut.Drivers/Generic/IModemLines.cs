namespace Nut.Drivers.Generic;

/// <summary>
/// The modem-control lines of a serial port, which is all a contact-closure UPS talks through. Real ports use
/// ioctl (<see cref="NativeModemLines"/>); a pty has no such lines, so tests use a fake (<see cref="FileModemLines"/>
/// or their own). Each call returns false with a reason (strerror text) instead of throwing.
/// </summary>
public interface IModemLines : IDisposable
{
    /// <summary>Reads every line (TIOCMGET): TIOCM_* bits.</summary>
    bool TryRead(out int lines, out string error);

    /// <summary>Sets the output lines to exactly these bits (TIOCMSET): the ones not named are dropped.</summary>
    bool TrySet(int lines, out string error);

    /// <summary>Sends a break on the transmit line: <paramref name="duration"/> is tcsendbreak's argument, which glibc
    /// on Linux reads as milliseconds and rounds up to tenths of a second (4901 becomes a 5.0 s break).</summary>
    bool TrySendBreak(int duration, out string error);
}
