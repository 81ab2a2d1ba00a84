using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>
/// Turns a strftime format (a <c>%TIME ...%</c> escape after upslog's <c>@</c>→<c>%</c>) into a pattern that
/// matches exactly what glibc prints for it in the C locale, which is the locale upslog runs in. Every POSIX
/// and GNU conversion is understood, with GNU flags (<c>_ - 0 ^ #</c>), widths and the E/O modifiers;
/// the ones that say when (year, month, day, hour, ...) are captured, the rest only matched. An unknown
/// conversion is printed by glibc as written, so it is matched as written.
/// </summary>
public static class StrftimePattern
{
    static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    /// <summary>Appends the pattern for <paramref name="format"/> (already in % form) to <paramref name="b"/>.</summary>
    public static void Append(PatternBuilder b, string format)
    {
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                b.Literal(format[i].ToString());
                continue;
            }
            int start = i++;
            char flag = '\0';
            if ("_-0^#".Contains(format[i]))
                flag = format[i++];
            int width = 0;
            while (i < format.Length && char.IsAsciiDigit(format[i]))
                width = Math.Min(width * 10 + (format[i++] - '0'), MaxWidth);
            if (i < format.Length && format[i] is 'E' or 'O')
                i++;
            if (i >= format.Length || !Conversion(b, format[i], flag, width))
            {
                // glibc prints what it does not understand as it was written.
                i = Math.Min(i, format.Length - 1);
                b.Literal(format[start..(i + 1)]);
            }
        }
    }

    /// <summary>Widths beyond this are not something a log format uses; they are capped, never trusted.</summary>
    const int MaxWidth = 64;

    static bool Conversion(PatternBuilder b, char c, char flag, int width)
    {
        switch (c)
        {
            case 'Y': Number(b, 4, flag, width, zeroPadded: true, TimeField.Year); break;
            case 'C': Number(b, 2, flag, width, zeroPadded: true, TimeField.Century); break;
            case 'y': Number(b, 2, flag, width, zeroPadded: true, TimeField.YearOfCentury); break;
            case 'G': Number(b, 4, flag, width, zeroPadded: true, null); break;
            case 'g' or 'U' or 'V' or 'W': Number(b, 2, flag, width, zeroPadded: true, null); break;
            case 'm': Number(b, 2, flag, width, zeroPadded: true, TimeField.Month); break;
            case 'd': Number(b, 2, flag, width, zeroPadded: true, TimeField.Day); break;
            case 'e': Number(b, 2, flag, width, zeroPadded: false, TimeField.Day); break;
            case 'j': Number(b, 3, flag, width, zeroPadded: true, TimeField.DayOfYear); break;
            case 'H': Number(b, 2, flag, width, zeroPadded: true, TimeField.Hour); break;
            case 'k': Number(b, 2, flag, width, zeroPadded: false, TimeField.Hour); break;
            case 'I': Number(b, 2, flag, width, zeroPadded: true, TimeField.Hour12); break;
            case 'l': Number(b, 2, flag, width, zeroPadded: false, TimeField.Hour12); break;
            case 'M': Number(b, 2, flag, width, zeroPadded: true, TimeField.Minute); break;
            case 'S': Number(b, 2, flag, width, zeroPadded: true, TimeField.Second); break;
            case 'u': b.Skip("[1-7]"); break;
            case 'w': b.Skip("[0-6]"); break;
            case 's': b.Capture("-?[0-9]+", PatternCapture.ForTime(TimeField.Epoch)); break;
            case 'z': b.Capture("[+-][0-9]{4}", PatternCapture.ForTime(TimeField.UtcOffset)); break;
            case 'Z': b.Skip("[A-Za-z0-9+-]*"); break;
            case 'b' or 'h': b.Capture(Names(MonthNames, 3), PatternCapture.ForTime(TimeField.MonthName)); break;
            case 'B': b.Capture(Names(MonthNames, 0), PatternCapture.ForTime(TimeField.MonthName)); break;
            case 'a': b.Skip(Names(DayNames, 3)); break;
            case 'A': b.Skip(Names(DayNames, 0)); break;
            case 'p' or 'P': b.Capture("AM|PM|am|pm", PatternCapture.ForTime(TimeField.AmPm)); break;
            case 'c': Append(b, "%a %b %e %H:%M:%S %Y"); break;
            case 'D' or 'x': Append(b, "%m/%d/%y"); break;
            case 'F': Append(b, "%Y-%m-%d"); break;
            case 'T' or 'X': Append(b, "%H:%M:%S"); break;
            case 'R': Append(b, "%H:%M"); break;
            case 'r': Append(b, "%I:%M:%S %p"); break;
            case 'n': b.Literal("\n"); break;
            case 't': b.Literal("\t"); break;
            case '%': b.Literal("%"); break;
            default: return false;
        }
        return true;
    }

    /// <summary>
    /// A number as strftime pads it: zeros (or spaces for %e %k %l) up to its natural width or a wider
    /// given one; flag '-' drops the padding, '_' pads with spaces, '0' with zeros.
    /// </summary>
    static void Number(PatternBuilder b, int digits, char flag, int width, bool zeroPadded, TimeField? field)
    {
        int n = Math.Max(digits, width);
        bool zeros = flag == '0' || (zeroPadded && flag != '_');
        string fragment = flag == '-' ? $"[0-9]{{1,{n}}}"
            : zeros ? $"[0-9]{{{n}}}"
            : $"[ 0-9]{{{n - 1}}}[0-9]";
        if (field is { } f)
            b.Capture(fragment, PatternCapture.ForTime(f));
        else
            b.Skip(fragment);
    }

    /// <summary>Names as written and in capitals (the ^ and # flags), cut to <paramref name="length"/> if not 0.</summary>
    static string Names(string[] names, int length)
    {
        var forms = names.Select(n => length > 0 ? n[..length] : n).ToList();
        return string.Join('|', forms.Concat(forms.Select(f => f.ToUpperInvariant())));
    }

    /// <summary>The month (1-12) a C-locale month name or abbreviation stands for, or 0.</summary>
    public static int MonthNumber(string name)
    {
        for (int m = 0; m < 12; m++)
            if (name.Length >= 3 && MonthNames[m].StartsWith(name, StringComparison.OrdinalIgnoreCase))
                return m + 1;
        return 0;
    }
}
