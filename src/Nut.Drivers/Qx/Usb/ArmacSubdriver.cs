using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// armac (0925:1234, richcomm-like bridges): the command goes out in 4-byte SET_REPORTs (wValue 0x200) of
/// 0xa0+n and n ≤ 3 command bytes; the answer comes in 6-byte interrupt reads whose first byte's low nibble says
/// how many of the next five bytes are data, 0 ending the answer. QGS, QS, QPI, M and D are known to be ignored by
/// these devices and are echoed without asking, which keeps protocol detection short.
/// </summary>
public sealed class ArmacSubdriver : IQxUsbSubdriver
{
    static readonly string[] Unsupported = ["QGS\r", "QS\r", "QPI\r", "M\r", "D\r"];

    public string Name => "armac";

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        if (Array.IndexOf(Unsupported, command) >= 0)
        {
            NutLog.Debug(2, $"armac: unsupported cmd: {command.TrimEnd('\r')}");
            return QxUsbText.Echo(command, buf);
        }
        var usb = link.Usb;
        byte[] cmd = QxUsbText.Bytes(command);
        var tmp = new byte[6];
        int ret = 0;
        for (int i = 0; i < cmd.Length;)
        {
            int n = Math.Min(cmd.Length - i, 3);
            Array.Clear(tmp);
            tmp[0] = (byte)(0xa0 + n);
            Array.Copy(cmd, i, tmp, 1, n);
            ret = usb.ControlTransfer(CypressSubdriver.RequestTypeOut, CypressSubdriver.SetReport, CypressSubdriver.ReportValue, 0, tmp.AsSpan(0, 4), 5000);
            i += n;
        }
        if (ret <= 0)
        {
            NutLog.Debug(1, $"send control: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
            return ret;
        }
        Array.Clear(buf);
        int pos = 0;
        while (pos + 6 < buf.Length)
        {
            ret = usb.InterruptTransfer(CypressSubdriver.EndpointIn, tmp, 1000);
            if (ret != 6)
            {
                NutLog.Debug(1, $"interrupt read error: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
                return ret;
            }
            int available = tmp[0] & 0x0f;
            if (available == 0)
                break;
            // The low nibble may claim more than the five data bytes a report has; never copy past them.
            available = Math.Min(available, 5);
            Array.Copy(tmp, 1, buf, pos, available);
            pos += available;
            if (available <= 2)
                Thread.Sleep(15); // let the bridge buffer more
        }
        if (pos + 6 >= buf.Length)
        {
            NutLog.Debug(2, "Protocol error, too much data read.");
            return -1;
        }
        return pos;
    }
}
