using System.Text;

namespace Nut.Monitor.Common;

/// <summary>
/// The part of C's printf that NUT's message templates use: NOTIFYMSG is formatted as printf(fmt, upsname).
/// <c>%s</c> (with optional <c>-</c>, width and precision) takes the argument, <c>%%</c> is a percent sign.
/// In C a second <c>%s</c> or any other conversion reads memory that was never passed (undefined behaviour);
/// here a second <c>%s</c> gives an empty string and other conversions are copied as written.
/// </summary>
public static class CFormat
{
    /// <summary>Formats and cuts the result to <paramref name="maxLength"/> characters, as snprintf into a
    /// buffer of maxLength+1 bytes does.</summary>
    public static string Format(string format, string argument, int maxLength)
    {
        var sb = new StringBuilder(format.Length + argument.Length);
        bool used = false;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            int start = i;
            int j = i + 1;
            if (j < format.Length && format[j] == '%')
            {
                sb.Append('%');
                i = j;
                continue;
            }
            bool left = false;
            while (j < format.Length && format[j] == '-') { left = true; j++; }
            int width = ReadNumber(format, ref j);
            int precision = -1;
            if (j < format.Length && format[j] == '.')
            {
                j++;
                precision = Math.Max(0, ReadNumber(format, ref j));
            }
            if (j < format.Length && format[j] == 's')
            {
                string value = used ? "" : argument;
                used = true;
                if (precision >= 0 && value.Length > precision)
                    value = value[..precision];
                if (width > value.Length)
                    value = left ? value.PadRight(width) : value.PadLeft(width);
                sb.Append(value);
                i = j;
                continue;
            }
            // Not a conversion we can honour: keep the text as written.
            sb.Append(format, start, Math.Min(j + 1, format.Length) - start);
            i = Math.Min(j, format.Length - 1);
        }
        return sb.Length > maxLength ? sb.ToString(0, maxLength) : sb.ToString();
    }

    static int ReadNumber(string s, ref int j)
    {
        int n = 0;
        bool any = false;
        while (j < s.Length && char.IsAsciiDigit(s[j]) && n < 100_000)
        {
            n = n * 10 + (s[j] - '0');
            j++;
            any = true;
        }
        return any ? n : 0;
    }
}
