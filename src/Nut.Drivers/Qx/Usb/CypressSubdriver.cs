using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// cypress and phoenix (and ippon's sending half): the command is written as HID SET_REPORT control transfers
/// (class, interface; wValue 0x200) of 8 bytes each, NUL-padded; the answer is read from interrupt endpoint 0x81 in
/// 8-byte chunks until a CR arrives. phoenix first drains what the converter still holds from earlier (up to 8
/// reads, until it times out), because its bridge keeps stale answers.
/// </summary>
public sealed class CypressSubdriver(bool flushFirst, int writeTimeoutMs) : IQxUsbSubdriver
{
    public const byte RequestTypeOut = 0x21, SetReport = 0x09, EndpointIn = 0x81;
    public const ushort ReportValue = 0x200;

    public static CypressSubdriver Cypress { get; } = new(false, 5000);
    public static CypressSubdriver Phoenix { get; } = new(true, 1000);

    public string Name => flushFirst ? "phoenix" : "cypress";

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        var usb = link.Usb;
        var tmp = new byte[8];
        if (flushFirst)
        {
            for (int n = 0; n < 8; n++)
            {
                int r = usb.InterruptTransfer(EndpointIn, tmp, 1000);
                if (r == UsbError.Pipe)
                    usb.ClearHalt(EndpointIn);
                if (r < 0)
                {
                    NutLog.Debug(3, $"flush: {UsbError.Describe(r)} ({r})");
                    break;
                }
            }
        }
        int ret = SendReports(usb, command, ReportValue, writeTimeoutMs);
        if (ret <= 0)
            return ret;
        return ReadUntilCr(usb, buf);
    }

    /// <summary>Sends the command in 8-byte reports; returns the last transfer's result (≤0 = failed).</summary>
    internal static int SendReports(IUsbHandle usb, string command, ushort value, int timeoutMs)
    {
        byte[] cmd = QxUsbText.Bytes(command);
        var padded = new byte[cmd.Length + 8];
        cmd.CopyTo(padded, 0);
        int ret = 0;
        for (int i = 0; i < cmd.Length; i += ret)
        {
            ret = usb.ControlTransfer(RequestTypeOut, SetReport, value, 0, padded.AsSpan(i, 8), timeoutMs);
            if (ret <= 0)
            {
                NutLog.Debug(3, $"send: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
                return ret;
            }
        }
        return ret;
    }

    /// <summary>8-byte interrupt reads into buf until a CR is in it; total bytes, or the failing read's result.</summary>
    internal static int ReadUntilCr(IUsbHandle usb, byte[] buf)
    {
        Array.Clear(buf);
        int i = 0, ret;
        for (; i <= buf.Length - 8 && Array.IndexOf(buf, (byte)'\r') < 0; i += ret)
        {
            ret = usb.InterruptTransfer(EndpointIn, buf.AsSpan(i, 8), 1000);
            if (ret <= 0)
            {
                NutLog.Debug(3, $"read: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
                return ret;
            }
        }
        return i;
    }
}
