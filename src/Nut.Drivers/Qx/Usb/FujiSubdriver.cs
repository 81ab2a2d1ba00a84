using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// fuji ("ATCL FOR UPS"): each command is one 8-byte interrupt write to endpoint 0x02 —
/// 0x80 0x06 (length+1) 0x03, the command without its CR (at most 3 bytes), NUL padding, and in the last byte the
/// expected answer length (Q1 47, F 22, I 39, 0 for commands). "SnRm" with m != 0 is cut to its first three
/// characters ("Sn", coming back as soon as power returns); longer commands are echoed. The answer comes from
/// endpoint 0x81 in NUL-padded 8-byte chunks until a CR.
/// </summary>
public sealed class FujiSubdriver : IQxUsbSubdriver
{
    public const byte EndpointOut = 0x02;

    public string Name => "fuji";

    public static byte AnswerLength(string command) => command switch { "Q1" => 47, "F" => 22, "I" => 39, _ => 0 };

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        int cr = command.IndexOf('\r');
        string cmd = cr >= 0 ? command[..cr] : command;
        if (cmd.Length > 3 && IsShutdownWithRestart(cmd))
            cmd = cmd[..3];
        if (cmd.Length > 3)
        {
            NutLog.Debug(3, $"fuji_command: unsupported command {cmd}");
            return QxUsbText.Echo(command, buf);
        }
        var tmp = new byte[8];
        tmp[0] = 0x80;
        tmp[1] = 0x06;
        tmp[2] = (byte)(cmd.Length + 1);
        tmp[3] = 0x03;
        QxUsbText.Bytes(cmd).CopyTo(tmp, 4);
        tmp[7] = AnswerLength(cmd);
        var usb = link.Usb;
        int ret = usb.InterruptTransfer(EndpointOut, tmp, 5000);
        if (ret <= 0)
        {
            NutLog.Debug(3, $"send: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
            return ret;
        }
        ret = CypressSubdriver.ReadUntilCr(usb, buf);
        if (ret <= 0)
            return ret;
        int nul = Array.IndexOf(buf, (byte)0);
        return nul >= 0 ? nul : buf.Length;
    }

    /// <summary>sscanf "S%lfR%d" with a non-zero restart.</summary>
    static bool IsShutdownWithRestart(string cmd)
    {
        int r = cmd.IndexOf('R');
        if (cmd[0] != 'S' || r < 2)
            return false;
        if (!double.TryParse(cmd.AsSpan(1, r - 1), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _))
            return false;
        int j = r + 1;
        while (j < cmd.Length && char.IsAsciiDigit(cmd[j]))
            j++;
        return j > r + 1 && int.Parse(cmd.AsSpan(r + 1, j - r - 1), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }
}
