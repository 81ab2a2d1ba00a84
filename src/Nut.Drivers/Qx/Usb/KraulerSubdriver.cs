using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// krauler and snr: the bridge answers each known command as a USB string descriptor (GET_DESCRIPTOR of the
/// command's string index); unknown commands are echoed without touching the device. The first byte of the
/// answer is junk and is replaced by the one Megatec uses ('(' for Q1, '#' for F and I, CR for commands). An answer
/// "UPS No Ack" means "ask again" (up to 10 times).
/// <para>Language IDs: krauler normally reads the string in the device's first language (libusb's ASCII helper);
/// with <c>langid_fix</c> it asks in that language instead and converts the UTF-16 itself, retrying when the
/// descriptor's length byte disagrees with what was read (those bridges are flaky). snr always asks in the
/// <c>langid_fix</c> language (0xffff when none is set, as NUT passes -1), first wakes the bridge with a 102-byte
/// interrupt read, and needs a buffer of 102 bytes.</para>
/// </summary>
public sealed class KraulerSubdriver : IQxUsbSubdriver
{
    readonly bool _snr;
    readonly (string Command, byte Index, char Prefix)[] _table;

    KraulerSubdriver(bool snr, (string, byte, char)[] table)
    {
        _snr = snr;
        _table = table;
    }

    public static KraulerSubdriver Krauler { get; } = new(false,
    [
        ("Q1\r", 0x03, '('), ("F\r", 0x0d, '#'), ("I\r", 0x0c, '#'), ("T\r", 0x04, '\r'),
        ("TL\r", 0x05, '\r'), ("Q\r", 0x07, '\r'), ("C\r", 0x0b, '\r'), ("CT\r", 0x0b, '\r'),
    ]);

    public static KraulerSubdriver Snr { get; } = new(true, [("Q1\r", 0x03, '('), ("F\r", 0x0d, '#'), ("I\r", 0x0c, '#')]);

    /// <summary>The string index a command uses, or -1 for commands the bridge does not know (echoed).</summary>
    public int IndexOf(string command)
    {
        foreach (var (c, index, _) in _table)
            if (c == command)
                return index;
        return -1;
    }

    public string Name => _snr ? "snr" : "krauler";

    public const int SnrBuffer = 102;

    public int Command(QxUsbLink link, string command, byte[] buf)
    {
        var usb = link.Usb;
        if (_snr)
        {
            if (buf.Length < SnrBuffer)
                return 0;
            // Without this read the bridge answers zeros for a while.
            usb.InterruptTransfer(CypressSubdriver.EndpointIn, buf.AsSpan(0, SnrBuffer), 1000);
        }
        foreach (var (cmd, index, prefix) in _table)
        {
            if (cmd != command)
                continue;
            for (int retry = 0; retry < 10; retry++)
            {
                Array.Clear(buf);
                int ret;
                bool raw = _snr || link.LangIdFix != -1;
                if (raw)
                    ret = UsbStrings.GetRaw(usb, index, (ushort)link.LangIdFix, _snr ? buf.AsSpan(0, SnrBuffer) : buf);
                else
                    ret = UsbStrings.GetAscii(usb, index, buf);
                if (ret <= 0)
                {
                    NutLog.Debug(3, $"read: {(ret != 0 ? UsbError.Describe(ret) : "timeout")} ({ret})");
                    return ret;
                }
                NutLog.Debug(1, $"received {ret} ({(sbyte)buf[0]})");
                if (raw)
                {
                    int converted = UsbStrings.RawToAscii(buf, ret);
                    if (converted < 0)
                    {
                        NutLog.Debug(1, $"size mismatch: {ret} / {(sbyte)buf[0]}");
                        continue;
                    }
                    ret = converted;
                }
                if (!_snr && Array.IndexOf(buf, (byte)'\r', 0, ret) < 0 && ret < buf.Length - 1)
                {
                    buf[ret++] = (byte)'\r';
                    buf[ret] = 0;
                }
                if (QxUsbText.IsNoAck(buf))
                {
                    NutLog.Debug(3, "read: UPS No Ack");
                    continue;
                }
                buf[0] = (byte)prefix;
                return ret;
            }
            return 0;
        }
        return QxUsbText.Echo(command, buf);
    }
}
