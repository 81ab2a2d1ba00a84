using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// sgs (TS Shara, 0483:0035): every 8-byte SET_REPORT starts with how many of the next 7 bytes carry the command;
/// every 8-byte interrupt read starts with how many of its 7 bytes carry the answer. Reading goes on until the
/// device has nothing more (a time-out ends the answer, not an error); a CR is added when missing.
/// </summary>
public sealed class SgsSubdriver : IQxUsbSubdriver
{
    public string Name => "sgs";

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        var usb = link.Usb;
        byte[] cmd = QxUsbText.Bytes(command);
        var tmp = new byte[8];
        int ret;
        for (int i = 0; i < cmd.Length; i += ret)
        {
            Array.Clear(tmp);
            ret = Math.Min(cmd.Length - i, 7);
            tmp[0] = (byte)ret;
            Array.Copy(cmd, i, tmp, 1, ret);
            ret = usb.ControlTransfer(CypressSubdriver.RequestTypeOut, CypressSubdriver.SetReport, CypressSubdriver.ReportValue, 0, tmp, 5000);
            if (ret <= 0)
            {
                NutLog.Debug(3, $"send: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
                return ret;
            }
            ret--;
        }
        Array.Clear(buf);
        int n = 0;
        for (; n <= buf.Length - 8; n += ret)
        {
            Array.Clear(tmp);
            ret = usb.InterruptTransfer(CypressSubdriver.EndpointIn, tmp, 1000);
            if (ret == UsbError.Timeout)
                break;
            if (ret <= 0)
            {
                NutLog.Debug(3, $"read: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
                return ret;
            }
            ret = Math.Min((int)tmp[0], 7);
            Array.Copy(tmp, 1, buf, n, ret);
        }
        if (n > 0 && Array.IndexOf(buf, (byte)'\r', 0, n) < 0 && n < buf.Length - 1)
            buf[n++] = (byte)'\r';
        return n;
    }
}
