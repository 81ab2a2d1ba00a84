using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// ablerex (Ablerex 625L, ffff:0000): the command goes out as one 47-byte HID SET_REPORT (request type 0x21,
/// request 0x09, value 0x305 — output report 5 —, index 0) laid out as 0x05 0x00, the length with the CR, the
/// command with its CR, zeros; half a second later one 47-byte GET_REPORT (0xa1, 0x01, value 0x305) brings the
/// answer, text from its first byte up to the CR. Q1, I and F are asked again (three tries in all) until their
/// answer has its full length (47, 39, 22 with the CR); a Q5 answer of the wrong length becomes a 22-byte answer
/// holding only "(" (NUT's choice, kept). The SET_REPORT's own result is not looked at, as in NUT.
/// </summary>
public sealed class AblerexSubdriver : IQxUsbSubdriver
{
    public const byte RequestTypeOut = 0x21, SetReport = 0x09, RequestTypeIn = 0xa1, GetReport = 0x01, ReportId = 0x05;
    public const ushort ReportValue = 0x305;

    /// <summary>Bytes in each report, both ways.</summary>
    public const int ReportLength = 47;

    public const int Tries = 3;

    /// <summary>NUT waits this long between the two reports: the converter needs it to fetch the UPS's answer.</summary>
    public static readonly TimeSpan AnswerDelay = TimeSpan.FromMilliseconds(500);

    public string Name => "ablerex";

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        var usb = link.Usb;
        int cr = command.IndexOf('\r');
        byte[] cmd = QxUsbText.Bytes(cr >= 0 ? command[..cr] : command);
        NutLog.Debug(3, $"send: {QxUsbText.Answer(cmd, cmd.Length)}");
        for (int retry = 0; retry < Tries; retry++)
        {
            Array.Clear(buf);
            var report = new byte[64];
            report[0] = ReportId;
            report[2] = (byte)(cmd.Length + 1);
            cmd.AsSpan(0, Math.Min(cmd.Length, report.Length - 4)).CopyTo(report.AsSpan(3));
            report[3 + Math.Min(cmd.Length, report.Length - 4)] = (byte)'\r';
            int ret = usb.ControlTransfer(RequestTypeOut, SetReport, ReportValue, 0, report.AsSpan(0, ReportLength), 1000);
            NutLog.Debug(3, $"R11 read: {(ret != 0 ? UsbError.Describe(ret) : "timeout")}");

            usb.Wait(AnswerDelay);
            var answer = new byte[64];
            answer[0] = ReportId;
            ret = usb.ControlTransfer(RequestTypeIn, GetReport, ReportValue, 0, answer.AsSpan(0, ReportLength), 1000);

            int len = 0;
            for (int i = 0; i < ReportLength && i < buf.Length; i++)
            {
                buf[i] = answer[i];
                if (answer[i] == '\r')
                {
                    len = i + 1;
                    break;
                }
            }
            if (ret <= 0)
            {
                NutLog.Debug(3, $"read: {(ret != 0 ? UsbError.Describe(ret) : "timeout")}");
                return ret;
            }
            NutLog.Debug(1, $"received {ret} ({buf[0]})");

            if (Is(command, "Q1\r") && len != 47 || Is(command, "I\r") && len != 39 || Is(command, "F\r") && len != 22)
                continue;
            if (Is(command, "Q5\r") && len != 22)
            {
                Array.Clear(buf, 0, Math.Min(ReportLength, buf.Length));
                buf[0] = (byte)'(';
                NutLog.Debug(3, "read Q5 Fail...");
                return 22;
            }
            return len;
        }
        return 0;
    }

    static bool Is(string command, string name) => string.Equals(command, name, StringComparison.OrdinalIgnoreCase);
}
