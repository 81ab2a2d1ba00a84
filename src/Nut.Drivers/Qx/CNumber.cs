using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nut.Drivers.Qx;

/// <summary>
/// C's strtod and printf number formatting as NUT's drivers use them. Device replies are turned into published
/// values with printf formats ("%.1f", "%03.0f", "%d"), and peers compare those strings, so rounding must be
/// glibc's: the exact binary value rounded half-to-even (.NET rounds exact ties away from zero). Never throws.
/// </summary>
public static class CNumber
{
    /// <summary>strtod: leading white space, sign, digits, fraction, exponent; stops at the first other character; 0 when none.</summary>
    public static double Strtod(ReadOnlySpan<char> s) => Strtod(s, out _);

    /// <summary>strtod that also tells how many characters were consumed (0 = no number).</summary>
    public static double Strtod(ReadOnlySpan<char> s, out int consumed)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        int start = i;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        int digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0)
        {
            consumed = 0;
            return 0;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
                i = j;
            }
        }
        consumed = i;
        return double.TryParse(s[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0;
    }

    /// <summary>strtol base 10 (saturating).</summary>
    public static long Strtol(ReadOnlySpan<char> s)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) { negative = s[i] == '-'; i++; }
        long v = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
            v = v > long.MaxValue / 10 ? long.MaxValue : v * 10 + (s[i] - '0');
        return negative ? -v : v;
    }

    /// <summary>printf("%.Nf", value) with glibc rounding (exact value, ties to even).</summary>
    public static string Fixed(double value, int decimals)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        // |value| = mantissa * 2^exponent exactly; scale to an integer count of 10^-decimals units, keeping the remainder.
        BigInteger numerator = mantissa, denominator = BigInteger.One;
        if (exponent > 0) numerator <<= exponent; else denominator <<= -exponent;
        numerator *= BigInteger.Pow(10, decimals);
        BigInteger units = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int cmp = (remainder * 2).CompareTo(denominator);
        if (cmp > 0 || (cmp == 0 && !units.IsEven)) units += 1;
        string digits = units.ToString(CultureInfo.InvariantCulture);
        if (decimals > 0)
        {
            if (digits.Length <= decimals) digits = new string('0', decimals - digits.Length + 1) + digits;
            digits = digits[..^decimals] + "." + digits[^decimals..];
        }
        return negative ? "-" + digits : digits;
    }

    /// <summary>
    /// Formats one value with a printf conversion as NUT's tables use them: <c>%s</c>, <c>%[flags][width][.prec]f</c>,
    /// <c>%[flags][width]d</c> (also i, u, x, X). Text around the conversion is kept. Unknown conversions give the raw text.
    /// </summary>
    public static string Format(string format, string raw)
    {
        int p = format.IndexOf('%');
        while (p >= 0 && p + 1 < format.Length && format[p + 1] == '%')
            p = format.IndexOf('%', p + 2);
        if (p < 0) return format.Replace("%%", "%");
        int i = p + 1;
        bool leftAlign = false, zeroPad = false, plus = false, space = false;
        for (; i < format.Length && "-0+ #".Contains(format[i]); i++)
        {
            switch (format[i])
            {
                case '-': leftAlign = true; break;
                case '0': zeroPad = true; break;
                case '+': plus = true; break;
                case ' ': space = true; break;
            }
        }
        int width = 0;
        for (; i < format.Length && char.IsAsciiDigit(format[i]); i++) width = width * 10 + (format[i] - '0');
        int precision = -1;
        if (i < format.Length && format[i] == '.')
        {
            precision = 0;
            for (i++; i < format.Length && char.IsAsciiDigit(format[i]); i++) precision = precision * 10 + (format[i] - '0');
        }
        while (i < format.Length && "hlLqjzt".Contains(format[i])) i++;
        if (i >= format.Length) return raw;
        char conv = format[i];
        string body;
        switch (conv)
        {
            case 's':
                body = precision >= 0 && raw.Length > precision ? raw[..precision] : raw;
                zeroPad = false;
                break;
            case 'f':
            case 'F':
                body = Fixed(Strtod(raw), precision < 0 ? 6 : precision);
                break;
            case 'd':
            case 'i':
                body = Strtol(raw).ToString(CultureInfo.InvariantCulture);
                break;
            case 'u':
                body = ((ulong)Strtol(raw)).ToString(CultureInfo.InvariantCulture);
                break;
            case 'x':
            case 'X':
                body = Strtol(raw).ToString(conv == 'x' ? "x" : "X", CultureInfo.InvariantCulture);
                break;
            default:
                return raw;
        }
        if (conv != 's' && !body.StartsWith('-'))
            body = plus ? "+" + body : space ? " " + body : body;
        if (body.Length < width)
        {
            if (leftAlign) body = body.PadRight(width);
            else if (zeroPad)
            {
                int sign = body.Length > 0 && "+- ".Contains(body[0]) ? 1 : 0;
                body = body[..sign] + new string('0', width - body.Length) + body[sign..];
            }
            else body = body.PadLeft(width);
        }
        var sb = new StringBuilder();
        sb.Append(format.AsSpan(0, p).ToString().Replace("%%", "%"));
        sb.Append(body);
        sb.Append(format.AsSpan(i + 1).ToString().Replace("%%", "%"));
        return sb.ToString();
    }

    /// <summary>Formats a double with a printf conversion (see <see cref="Format(string, string)"/>).</summary>
    public static string Format(string format, double value) =>
        Format(format, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Formats a whole number with a printf conversion.</summary>
    public static string Format(string format, long value) =>
        Format(format, value.ToString(CultureInfo.InvariantCulture));
}
