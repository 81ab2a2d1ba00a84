using System.Globalization;
using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// fabula (Fideltronik/MEC LUPUS) and hunnox (Hunnox HNX and relatives): every command is a string-descriptor
/// read whose index encodes it. Q1 = 0x03, F = 0x0d, I = 0x0c, Q = 0x07, C = 0x0a; shutdowns "Sn[Rm]" encode the
/// delay n (0.5..10 minutes) in the high nibble — 0x10 + 0x10 per tenth below one minute, 0x60 + 0x10 per minute
/// from one — plus 8 when the UPS should come back (m != 0). Other commands are echoed. The answer "UPS No Ack"
/// comes for every command, good or bad: it reads as "no answer" (queries fail, commands succeed).
/// <para>hunnox additionally runs a lock-step: before each read it asks the next string of a fixed cycle
/// (0x0d, 0x03, 0x0c; the very first time 0x00, 0x00, 0x01) unless that is the one wanted, always in language
/// 0x0409 or <c>langid_fix</c>; it reads at most 102 bytes (more locks the bridge), and with <c>langid_fix</c> reads
/// the raw UTF-16 and converts it itself.</para>
/// </summary>
public sealed class FabulaSubdriver(bool hunnox) : IQxUsbSubdriver
{
    public static FabulaSubdriver Fabula { get; } = new(false);
    public static FabulaSubdriver Hunnox { get; } = new(true);

    public string Name => hunnox ? "hunnox" : "fabula";

    /// <summary>The string index for a command, or 0 for one the bridge does not know.</summary>
    public static int IndexOf(string command)
    {
        switch (command)
        {
            case "Q1\r": return 0x03;
            case "F\r": return 0x0d;
            case "I\r": return 0x0c;
            case "Q\r": return 0x07;
            case "C\r": return 0x0a;
        }
        if (!TryParseShutdown(command, out double minutes, out int restart))
            return 0;
        double delay = minutes < .5 ? .5 : minutes > 10 ? 10 : minutes;
        int index = delay < 1 ? 16 + (int)Math.Round((delay - .5) * 10) * 16 : (int)(96 + (delay - 1) * 16);
        if (restart != 0)
            index += 8;
        return index;
    }

    /// <summary>sscanf "S%lfR%d\r" or "S%lf\r": the delay, and the restart value (-1 when there is none).</summary>
    static bool TryParseShutdown(string command, out double minutes, out int restart)
    {
        minutes = -1;
        restart = -1;
        if (command.Length < 2 || command[0] != 'S')
            return false;
        int i = 1;
        while (i < command.Length && (char.IsAsciiDigit(command[i]) || command[i] == '.'))
            i++;
        if (!double.TryParse(command.AsSpan(1, i - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out minutes))
            return false;
        if (i < command.Length && command[i] == 'R')
        {
            int j = i + 1;
            while (j < command.Length && char.IsAsciiDigit(command[j]))
                j++;
            if (j > i + 1)
                restart = int.Parse(command.AsSpan(i + 1, j - i - 1), CultureInfo.InvariantCulture);
        }
        return true;
    }

    public const int HunnoxBuffer = 102;
    public const ushort DefaultLangId = 0x0409;

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        int index = IndexOf(command);
        if (index == 0)
            return QxUsbText.Echo(command, buf);
        NutLog.Debug(4, $"command index: 0x{index:x2}");
        var usb = link.Usb;
        Span<byte> target = buf;
        if (hunnox)
        {
            LockStep(link, index);
            target = buf.AsSpan(0, Math.Min(buf.Length, HunnoxBuffer));
        }
        target.Clear();
        int ret = hunnox && link.LangIdFix != -1
            ? UsbStrings.GetRaw(usb, (byte)index, (ushort)link.LangIdFix, target)
            : UsbStrings.GetAscii(usb, (byte)index, target);
        if (ret <= 0)
        {
            NutLog.Debug(3, $"read: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
            return ret;
        }
        if (hunnox && link.LangIdFix != -1)
        {
            ret = UsbStrings.RawToAscii(target, ret);
            if (ret < 0)
            {
                NutLog.Debug(1, "size mismatch");
                return 0;
            }
        }
        else if (!hunnox && Array.IndexOf(buf, (byte)'\r', 0, ret) < 0 && ret < buf.Length - 1)
        {
            buf[ret++] = (byte)'\r';
            buf[ret] = 0;
        }
        if (QxUsbText.IsNoAck(buf))
        {
            Array.Clear(buf);
            return 0;
        }
        return ret;
    }

    /// <summary>NUT's hunnox_protocol: the request the bridge expects before the wanted one.</summary>
    static void LockStep(QxUsbLink link, int wanted)
    {
        ushort lang = link.LangIdFix != -1 ? (ushort)link.LangIdFix : DefaultLangId;
        var usb = link.Usb;
        switch (link.HunnoxStep)
        {
            case 0:
                var big = new byte[1026];
                UsbStrings.GetRaw(usb, 0x00, lang, big);
                UsbStrings.GetRaw(usb, 0x00, lang, big);
                UsbStrings.GetRaw(usb, 0x01, lang, big);
                Thread.Sleep(10);
                break;
            case 1 or 2 or 3:
                byte ask = link.HunnoxStep switch { 1 => 0x0d, 2 => 0x03, _ => 0x0c };
                if (wanted != ask)
                    UsbStrings.GetRaw(usb, ask, lang, new byte[HunnoxBuffer]);
                break;
            default:
                link.HunnoxStep = 0;
                break;
        }
        link.HunnoxStep++;
        if (link.HunnoxStep > 3)
            link.HunnoxStep = 1;
    }
}
