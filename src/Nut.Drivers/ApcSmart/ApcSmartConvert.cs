using System.Globalization;
using System.Text.RegularExpressions;
using Nut.Drivers.Qx;

namespace Nut.Drivers.ApcSmart;

/// <summary>Smart answers to NUT values (apcsmart's convert_data) and the small pattern helper it uses.</summary>
public static class ApcSmartConvert
{
    public static string ToNut(ApcFormat format, string raw) => format switch
    {
        // Times in hours or minutes become seconds; the number ends at the first non-digit ("0112:" is 112 minutes).
        ApcFormat.Hours => (3600 * CNumber.Strtol(raw)).ToString(CultureInfo.InvariantCulture),
        ApcFormat.Minutes => (60 * CNumber.Strtol(raw)).ToString(CultureInfo.InvariantCulture),
        ApcFormat.Reason => raw.Length == 0 ? raw : raw[0] switch
        {
            'R' => "unacceptable utility voltage rate of change",
            'H' => "high utility voltage",
            'L' => "low utility voltage",
            'T' => "line voltage notch or spike",
            'O' => "no transfers yet since turnon",
            'S' => "simulated power failure or UPS test",
            _ => raw,
        },
        _ => raw,
    };

    /// <summary>strtol(s, 0, 16): leading blanks, a sign, an optional 0x, then hex digits up to the first other character.</summary>
    public static long StrtolHex(ReadOnlySpan<char> s)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) { negative = s[i] == '-'; i++; }
        if (i + 2 < s.Length && s[i] == '0' && (s[i + 1] | 0x20) == 'x' && char.IsAsciiHexDigit(s[i + 2]))
            i += 2;
        long v = 0;
        for (; i < s.Length && char.IsAsciiHexDigit(s[i]) && v < (long.MaxValue >> 4); i++)
            v = v * 16 + HexValue(s[i]);
        return negative ? -v : v;
    }

    static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>True when there is no pattern or <paramref name="value"/> matches it.</summary>
    public static bool Matches(string? pattern, string? value) =>
        string.IsNullOrEmpty(pattern) || Regex.IsMatch(value ?? "", pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>A character as NUT's debug output shows it: itself when printable, else 0xNN.</summary>
    public static string Show(char c) => c is >= ' ' and < '\u007f' ? c.ToString() : $"0x{(int)c:x2}";
}
