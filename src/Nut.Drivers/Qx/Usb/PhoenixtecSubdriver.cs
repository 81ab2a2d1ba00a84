using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// phoenixtec (Masterguard A series, 06da:0002 "Phoenixtec Power" / "USB Cable (V2.00)"): the whole command, CR
/// included and unpadded, goes out in one vendor control transfer (request type 0x42: out, vendor, endpoint;
/// request 0x0d, value 0, index 0). Commands the UPS never answers (T, TL, S…, C, CT, M, N, O, SRC, FCLR, SS, TUD,
/// SSN — a name counts when the command does not go on with another capital, so "M" is not "MSO") stop there with
/// "no answer"; for the others the answer is read from interrupt endpoint 0x81 into the rest of the buffer until a
/// read holds a CR.
/// </summary>
public sealed class PhoenixtecSubdriver : IQxUsbSubdriver
{
    public const byte RequestTypeOut = 0x42, Request = 0x0d;

    /// <summary>NUT 2.8.0's list, in its order (the first name that matches wins).</summary>
    static readonly string[] Unanswered = ["T", "TL", "S", "C", "CT", "M", "N", "O", "SRC", "FCLR", "SS", "TUD", "SSN"];

    public string Name => "phoenixtec";

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        var usb = link.Usb;
        Array.Clear(buf);
        byte[] cmd = QxUsbText.Bytes(command);
        int ret = usb.ControlTransfer(RequestTypeOut, Request, 0, 0, cmd, 1000);
        if (ret <= 0)
        {
            NutLog.Debug(3, $"send: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
            return ret;
        }
        if (GetsNoAnswer(command) is { } name)
        {
            NutLog.Debug(4, $"command {name} returns no answer");
            return 0;
        }
        int end = -1;
        for (int p = 0; p < buf.Length; p += ret)
        {
            ret = usb.InterruptTransfer(CypressSubdriver.EndpointIn, buf.AsSpan(p), 1000);
            if (ret <= 0)
            {
                NutLog.Debug(3, $"read: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
                Array.Clear(buf);
                return ret;
            }
            int cr = Array.IndexOf(buf, (byte)'\r', p, ret);
            if (cr >= 0)
            {
                end = cr;
                break;
            }
        }
        // The answer must leave room for the C string's terminating NUL, as NUT's buffer check does.
        if (end >= 0 && end + 1 < buf.Length)
        {
            Array.Clear(buf, end + 1, buf.Length - end - 1);
            return end + 1;
        }
        NutLog.Debug(3, $"read: buflen {buf.Length} too small");
        Array.Clear(buf);
        return 0;
    }

    /// <summary>The name of the unanswered command <paramref name="command"/> is, or null when it expects an answer.</summary>
    public static string? GetsNoAnswer(string command)
    {
        foreach (var name in Unanswered)
        {
            if (!command.StartsWith(name, StringComparison.Ordinal))
                continue;
            if (command.Length > name.Length && char.IsAsciiLetterUpper(command[name.Length]))
                continue;
            return name;
        }
        return null;
    }
}
