using System.Globalization;
using System.Text;
using Nut.Platform;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The binary QS answer of Voltronic-QS-Hex devices (protocol letters P and T), as NUT 2.8.0 reads it: '#', then
/// space-separated tokens of raw bytes, the bytes that would upset a serial line (CR, XON, XOFF, LF, space)
/// escaped as '(' followed by 0..4. The answer is rewritten to text before values are cut out of it: every byte as
/// two lower-case hex digits, except in the status and ratings tokens (10th, 11th) where each byte becomes its eight
/// bits. P devices send 10 tokens (46 characters of text), T devices 11 (55):
/// <c>#e500 33 e500 33 0c 61a8 1312d0 fb 33 00001001 00100011</c>.
/// </summary>
public static class VoltronicQsHexAnswer
{
    /// <summary>Text length of a 10-token (P) and of an 11-token (T) answer, without the CR.</summary>
    public const int PLength = 46, TLength = 55;

    /// <summary>The answer rewritten to text with its CR (null and logged when it is not a QS hex answer).</summary>
    public static string? Refine(string answer)
    {
        if (answer.Length == 0 || answer[0] != '#')
        {
            NutLog.Debug(4, $"voltronic_qs_hex_preprocess_qs_answer: wrong leading character [input.voltage: 0x{(answer.Length > 0 ? answer[0] : 0):x}]");
            return null;
        }
        var text = new StringBuilder("#", 64);
        int token = 1;
        for (int i = 1; i < answer.Length; i++)
        {
            char c = answer[i];
            if (c == ' ')
            {
                text.Append(' ');
                token++;
                continue;
            }
            if (c == '(')
            {
                // NUT looks at the byte after '(' even at the end of the answer, where its buffer holds a 0.
                char next = i + 1 < answer.Length ? answer[i + 1] : '\0';
                string? escaped = next switch
                {
                    '\0' => "0d", '\x01' => "11", '\x02' => "13", '\x03' => "0a", '\x04' => "20", _ => null,
                };
                if (escaped is not null)
                {
                    text.Append(escaped);
                    i++;
                    continue;
                }
            }
            else if (c == '\r')
            {
                break;
            }
            AppendByte(text, token, (byte)c);
        }
        if (token is < 10 or > 11 || (token == 10 && text.Length != PLength) || (token == 11 && text.Length != TLength))
        {
            NutLog.Debug(2, $"noncompliant reply: {text}");
            return null;
        }
        NutLog.Debug(4, $"read: {text}");
        return text.Append('\r').ToString();
    }

    static void AppendByte(StringBuilder text, int token, byte b)
    {
        if (token is 10 or 11)
            text.Append(Convert.ToString(b, 2).PadLeft(8, '0'));
        else
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
    }

    /// <summary>Two hex numbers "hhhh hh": their product over 51, in whole units, over 256 (volts).</summary>
    public static string? Voltage(QxEngine engine, QxItem item, string value)
    {
        if (!TwoHex(item, value, out long a, out long b))
            return null;
        long whole = a * b / 51;
        return CNumber.Format(item.Format, whole / 256.0);
    }

    /// <summary>One hex byte: the load in percent.</summary>
    public static string? Load(QxEngine engine, QxItem item, string value)
    {
        if (!OnlyHex(item, value, allowSpace: false))
            return null;
        return CNumber.Format(item.Format, HexPrefix(value, out _));
    }

    /// <summary>Two hex numbers: the second over the first (hertz), at most 99.9.</summary>
    public static string? Frequency(QxEngine engine, QxItem item, string value)
    {
        if (!TwoHex(item, value, out long a, out long b))
            return null;
        double hz = (double)b / a;
        if (double.IsNaN(hz))
            return "-nan"; // 0/0: what glibc prints for the x86 default NaN
        return CNumber.Format(item.Format, hz > 99.9 ? 99.9 : hz);
    }

    /// <summary>Two hex bytes: their product over 510 (volts).</summary>
    public static string? BatteryVoltage(QxEngine engine, QxItem item, string value)
    {
        if (!TwoHex(item, value, out long a, out long b))
            return null;
        return CNumber.Format(item.Format, a * b / 510.0);
    }

    /// <summary>Bits of the ratings byte (T devices): output frequency, battery voltage, output voltage.</summary>
    public static string? Ratings(QxEngine engine, QxItem item, string value)
    {
        foreach (char c in value)
        {
            if (c is not ('0' or '1'))
            {
                NutLog.Debug(3, $"voltronic_qs_hex_process_ratings_bits: unexpected value {item.Name}@{item.From}->{value}");
                return null;
            }
        }
        long bits = CNumber.Strtol(value);
        double? rating = item.From switch
        {
            47 => bits == 0 ? 50 : 60,
            48 => bits switch { 0 => 12, 1 => 24, 10 => 36, _ => 48 },
            52 => bits switch { 0 => 110, 1 => 120, 10 => 220, 11 => 230, 100 => 240, _ => null },
            _ => null,
        };
        return rating is null ? null : CNumber.Format(item.Format, rating.Value);
    }

    static bool TwoHex(QxItem item, string value, out long a, out long b)
    {
        a = b = 0;
        if (!OnlyHex(item, value, allowSpace: true))
            return false;
        a = HexPrefix(value, out int used);
        b = HexPrefix(value.AsSpan(used), out _);
        return true;
    }

    static bool OnlyHex(QxItem item, string value, bool allowSpace)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiHexDigit(c) || (allowSpace && c == ' ')))
            {
                NutLog.Debug(2, $"non numerical value [{item.Name}: {value}]");
                return false;
            }
        }
        return true;
    }

    /// <summary>strtol(s, &amp;end, 16) on text already known to hold only hex digits and spaces.</summary>
    static long HexPrefix(ReadOnlySpan<char> s, out int used)
    {
        int i = 0;
        while (i < s.Length && s[i] == ' ') i++;
        long v = 0;
        int start = i;
        for (; i < s.Length && char.IsAsciiHexDigit(s[i]); i++)
            v = v * 16 + (s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
        used = i == start ? 0 : i;
        return v;
    }
}
