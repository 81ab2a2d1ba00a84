using System.IO.Ports;
using System.Text;
using Nut.Drivers.Generic;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Qx;

/// <summary>
/// A serial port as the serial UPS drivers use it (System.IO.Ports): open at a baud rate 8N1 without flow control,
/// modem-control lines set where the cable needs them (a pty has none: that is logged, not fatal), and
/// line-oriented exchanges with a time-out. Text is Latin-1: devices send bytes, not UTF-8.
/// </summary>
public sealed class SerialLine : IDisposable
{
    readonly SerialPort _port;

    SerialLine(SerialPort port, string path)
    {
        _port = port;
        Path = path;
    }

    public string Path { get; }

    /// <summary>
    /// Opens the port or fails as NUT's ser_open does: "Unable to open &lt;port&gt;: &lt;reason&gt;" and the things to try.
    /// </summary>
    public static SerialLine Open(string path, int baudRate)
    {
        if (SerialNative.OpenError(path) is { } reason)
            throw new DriverFatalException(OpenFailure(path, reason));
        var port = new SerialPort(path, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            Encoding = Encoding.Latin1,
            ReadTimeout = 1000,
            WriteTimeout = 2000,
        };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            port.Dispose();
            throw new DriverFatalException(OpenFailure(path, e.Message));
        }
        return new SerialLine(port, path);
    }

    static string OpenFailure(string path, string reason) =>
        $"\nUnable to open {path}: {reason}\n\nThings to try:\n\n - Check 'port=' in ups.conf\n\n - Check owner/permissions of all parts of path\n";

    /// <summary>Sets DTR and RTS. A port without modem lines (a pty) refuses; that is logged at debug level 2.</summary>
    public void SetModemLines(bool dtr, bool rts)
    {
        try
        {
            _port.DtrEnable = dtr;
            _port.RtsEnable = rts;
        }
        catch (IOException e)
        {
            NutLog.Debug(2, $"{Path}: cannot set DTR/RTS ({e.Message}); carrying on");
        }
    }

    /// <summary>Toggles DTR only (apcsmart's 940-0095B cable handling).</summary>
    public void SetDtr(bool on)
    {
        try { _port.DtrEnable = on; }
        catch (IOException e) { NutLog.Debug(2, $"{Path}: cannot set DTR ({e.Message})"); }
    }

    /// <summary>Sets RTS only.</summary>
    public void SetRts(bool on)
    {
        try { _port.RtsEnable = on; }
        catch (IOException e) { NutLog.Debug(2, $"{Path}: cannot set RTS ({e.Message})"); }
    }

    /// <summary>Drops whatever the device sent that nobody asked for (tcflush of the input).</summary>
    public void DiscardInput()
    {
        try { _port.DiscardInBuffer(); }
        catch (IOException) { }
        catch (InvalidOperationException) { }
    }

    /// <summary>Writes the text; false when the port refused.</summary>
    public bool Write(string text)
    {
        try
        {
            byte[] bytes = Encoding.Latin1.GetBytes(text);
            _port.Write(bytes, 0, bytes.Length);
            return true;
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
            NutLog.Debug(2, $"{Path}: write failed: {e.Message}");
            return false;
        }
    }

    /// <summary>One byte within the time-out, or -1.</summary>
    public int ReadByte(TimeSpan timeout)
    {
        try
        {
            _port.ReadTimeout = Math.Max(1, (int)timeout.TotalMilliseconds);
            return _port.ReadByte();
        }
        catch (TimeoutException) { return -1; }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            NutLog.Debug(2, $"{Path}: read failed: {e.Message}");
            Thread.Sleep(timeout);
            return -1;
        }
    }

    /// <summary>
    /// Reads up to and including <paramref name="terminator"/> within <paramref name="timeout"/> (the whole line).
    /// Returns the line with its terminator; null when it did not complete in time (a partial line is dropped).
    /// </summary>
    public string? ReadUntil(char terminator, TimeSpan timeout, int maxLength = 512)
    {
        var end = DateTime.UtcNow + timeout;
        var sb = new StringBuilder();
        while (sb.Length < maxLength)
        {
            var left = end - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                return null;
            int b = ReadByte(left);
            if (b < 0)
                return null;
            sb.Append((char)b);
            if (b == terminator)
                return sb.ToString();
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        try { _port.Close(); }
        catch (IOException) { }
        _port.Dispose();
    }
}
