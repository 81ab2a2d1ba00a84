using System.Text;

namespace Nut.Core.Text;

/// <summary>
/// NUT's value encoder (pconf_encode): a backslash before each <c>"</c>, <c>\</c> and <c>#</c>.
/// Used wherever NUT writes a value inside quotes: network replies, the driver socket, upssched.
/// </summary>
public static class NutQuoting
{
    public static bool NeedsEscape(string value) => value.AsSpan().IndexOfAny('"', '\\', '#') >= 0;

    public static string Escape(string value)
    {
        if (!NeedsEscape(value))
            return value;
        var sb = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            if (c is '"' or '\\' or '#')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Escapes and wraps in double quotes: <c>"value"</c>.</summary>
    public static string Quote(string value) => "\"" + Escape(value) + "\"";

    /// <summary>
    /// How NUT's client library sends an argument (build_cmd): escaped, and quoted only when it
    /// contains a space (or is empty, which would otherwise vanish).
    /// </summary>
    public static string ClientArgument(string value)
    {
        string escaped = Escape(value);
        return value.Length == 0 || value.Contains(' ') ? "\"" + escaped + "\"" : escaped;
    }
}
