using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// ippon (Mustek Powermust, 06da:0003): SET_REPORT of 8-byte pieces with wValue 0x2, then one 64-byte interrupt
/// read; the answer is what precedes the first CR (an empty answer is "\0\r"), a CR is added when missing.
/// </summary>
public sealed class IpponSubdriver : IQxUsbSubdriver
{
    public const ushort ReportValue = 0x2;

    public string Name => "ippon";

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        var usb = link.Usb;
        int ret = CypressSubdriver.SendReports(usb, command, ReportValue, 1000);
        if (ret <= 0)
            return ret;
        var tmp = new byte[64];
        ret = usb.InterruptTransfer(CypressSubdriver.EndpointIn, tmp, 1000);
        if (ret <= 0)
        {
            NutLog.Debug(3, $"read: {(ret != UsbError.Timeout ? UsbError.Describe(ret) : "Connection timed out")} ({ret})");
            return ret;
        }
        int len = 0;
        for (int i = 0; i < ret; i++)
        {
            if (tmp[i] == '\r')
            {
                len = i + 1;
                break;
            }
        }
        if (len == 0)
        {
            // No CR at all: fall back to the text up to the first NUL.
            int nul = Array.IndexOf(tmp, (byte)0);
            len = nul >= 0 ? nul : tmp.Length;
        }
        len = Math.Min(len, buf.Length - 1);
        Array.Clear(buf);
        Array.Copy(tmp, buf, len);
        if (len > 0 && Array.IndexOf(buf, (byte)'\r', 0, len) < 0 && len < buf.Length - 1)
            buf[len++] = (byte)'\r';
        return len;
    }
}
