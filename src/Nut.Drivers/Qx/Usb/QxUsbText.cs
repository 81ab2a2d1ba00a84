using System.Text;

namespace Nut.Drivers.Qx.Usb;

/// <summary>Megatec text is bytes: commands go out as Latin-1, answers come back cut at the first CR or NUL.</summary>
public static class QxUsbText
{
    public static byte[] Bytes(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary>The answer as the engine wants it: up to and including the first CR, stopping at a NUL (C string).</summary>
    public static string Answer(byte[] buf, int length)
    {
        length = Math.Min(length, buf.Length);
        int end = 0;
        while (end < length && buf[end] != 0)
        {
            if (buf[end++] == '\r')
                break;
        }
        return Encoding.Latin1.GetString(buf, 0, end);
    }

    /// <summary>"UPS No Ack" (any case) as the whole text before the CR: the bridges' "nothing for you" answer.</summary>
    public static bool IsNoAck(byte[] buf)
    {
        int cr = Array.IndexOf(buf, (byte)'\r');
        int nul = Array.IndexOf(buf, (byte)0);
        int end = cr >= 0 && (nul < 0 || cr < nul) ? cr : nul >= 0 ? nul : buf.Length;
        return end == 10 && string.Equals(Encoding.Latin1.GetString(buf, 0, 10), "UPS No Ack", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What Megatec devices do with a command they do not know: send it back. Returns its length.</summary>
    public static int Echo(string command, byte[] buf)
    {
        Array.Clear(buf);
        byte[] b = Bytes(command);
        int n = Math.Min(b.Length, buf.Length - 1);
        Array.Copy(b, buf, n);
        return n;
    }
}
