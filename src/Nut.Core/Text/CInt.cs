namespace Nut.Core.Text;

/// <summary>C's atoi/strtol leniency, which NUT relies on: leading spaces, optional sign, digits up to
/// the first non-digit; no digits gives 0; overflow saturates. Never throws on outside input.</summary>
public static class CInt
{
    public static int Atoi(ReadOnlySpan<char> s)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }
        long value = 0;
        for (; i < s.Length && s[i] >= '0' && s[i] <= '9'; i++)
        {
            value = value * 10 + (s[i] - '0');
            if (value > int.MaxValue + 1L) { value = int.MaxValue + 1L; }
        }
        if (negative) value = -value;
        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }

    /// <summary>True when the text starts with a digit (NUT's check for numeric directives such as MAXAGE).</summary>
    public static bool StartsWithDigit(string s) => s.Length > 0 && s[0] >= '0' && s[0] <= '9';
}
