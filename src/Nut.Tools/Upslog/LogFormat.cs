using System.Globalization;
using System.Text;

namespace Nut.Tools.Upslog;

/// <summary>What a log line needs that the format cannot know by itself.</summary>
public interface ILogLineSource
{
    string HostName { get; }
    /// <summary>The -s / -m UPS as the user wrote it.</summary>
    string UpsHost { get; }
    int Pid { get; }
    long UnixSeconds { get; }
    /// <summary>Local time formatted with a strftime format.</summary>
    string FormatTime(string strftimeFormat);
    /// <summary>The variable's value, or null when it cannot be had (printed as NA).</summary>
    string? Variable(string name);
    /// <summary>False when no UPS name is known (%VAR prints INVALID).</summary>
    bool HasUpsName { get; }
}

/// <summary>
/// An upslog format string, compiled once (spec/upslog.md §2): literals, <c>%%</c>, <c>%t</c> (TAB), and
/// escapes matched by case-insensitive prefix against HOST, UPSHOST, PID, TIME, VAR, ETIME — in that order,
/// so <c>%HOSTNAME%</c> is <c>%HOST%</c> and <c>%VARX x%</c> is <c>%VAR x%</c>. An unknown escape, or a
/// <c>%</c> with no closing <c>%</c>, prints <c>INVALID</c>.
/// </summary>
public sealed class LogFormat
{
    /// <summary>NUT's line buffer.</summary>
    public const int MaxLineBytes = 1024;

    public const string Default = "%TIME @Y@m@d @H@M@S% %VAR battery.charge% %VAR input.voltage% %VAR ups.load% [%VAR ups.status%] %VAR ups.temperature% %VAR input.frequency%";

    enum Kind { Literal, Host, UpsHost, Pid, Time, Var, ETime, Invalid }

    readonly record struct Piece(Kind Kind, string Text);

    static readonly (string Name, Kind Kind)[] Escapes =
        [("HOST", Kind.Host), ("UPSHOST", Kind.UpsHost), ("PID", Kind.Pid), ("TIME", Kind.Time), ("VAR", Kind.Var), ("ETIME", Kind.ETime)];

    readonly List<Piece> _pieces = [];

    public LogFormat(string format)
    {
        var literal = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
            {
                literal.Append(c);
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == '%')
            {
                literal.Append('%');
                i++;
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == 't' && IsTabEscape(format, i))
            {
                literal.Append('\t');
                i++;
                continue;
            }
            Flush(literal);
            int close = format.IndexOf('%', i + 1);
            if (close < 0)
            {
                _pieces.Add(new Piece(Kind.Invalid, ""));
                continue; // scanning goes on with the next character
            }
            string escape = format[(i + 1)..close];
            int space = escape.IndexOf(' ');
            string command = space < 0 ? escape : escape[..space];
            string argument = space < 0 ? "" : escape[(space + 1)..];
            var kind = Kind.Invalid;
            foreach (var (name, k) in Escapes)
                if (command.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                {
                    kind = k;
                    break;
                }
            _pieces.Add(new Piece(kind, argument));
            i = close;
        }
        Flush(literal);
    }

    /// <summary>%t (2.8.3+) is a TAB only where it cannot start an escape ending at a later '%'.</summary>
    static bool IsTabEscape(string format, int i)
    {
        int close = format.IndexOf('%', i + 1);
        if (close < 0) return true;
        string candidate = format[(i + 1)..close];
        return !Escapes.Any(e => candidate.StartsWith(e.Name, StringComparison.OrdinalIgnoreCase)) && !candidate.Contains(' ');
    }

    void Flush(StringBuilder literal)
    {
        if (literal.Length == 0) return;
        _pieces.Add(new Piece(Kind.Literal, literal.ToString()));
        literal.Clear();
    }

    /// <summary>One log line, newline included, cut to NUT's buffer.</summary>
    public string Render(ILogLineSource source)
    {
        var sb = new StringBuilder(128);
        foreach (var p in _pieces)
        {
            sb.Append(p.Kind switch
            {
                Kind.Literal => p.Text,
                Kind.Host => source.HostName,
                Kind.UpsHost => source.UpsHost,
                Kind.Pid => source.Pid.ToString(CultureInfo.InvariantCulture),
                Kind.Time => source.FormatTime(p.Text.Replace('@', '%')),
                Kind.ETime => source.UnixSeconds.ToString(CultureInfo.InvariantCulture),
                Kind.Var => p.Text.Length == 0 || !p.Text.Contains('.') || !source.HasUpsName ? "INVALID" : source.Variable(p.Text) ?? "NA",
                _ => "INVALID",
            });
        }
        if (sb.Length > MaxLineBytes - 1)
            sb.Length = MaxLineBytes - 1;
        return sb.Append('\n').ToString();
    }
}
