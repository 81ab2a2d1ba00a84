using System.Text.RegularExpressions;

namespace Nut.Tools.Plot;

/// <summary>
/// An upslog format string turned into a matcher for the lines it writes. The format is read with upslog's
/// own rules (spec/upslog.md §2): literal text, <c>%%</c>, <c>%t</c> (a TAB, 2.8.3+), and escapes matched by
/// case-insensitive prefix against HOST, UPSHOST, PID, TIME, VAR, ETIME in that order; what upslog would print
/// as <c>INVALID</c> is expected as that word. <c>%VAR x%</c> matches any text (values may hold spaces, as
/// ups.status does), <c>%TIME fmt%</c> what strftime prints for <c>fmt</c> with <c>@</c> read as <c>%</c>.
/// </summary>
public sealed class LinePattern
{
    static readonly string[] EscapeNames = ["HOST", "UPSHOST", "PID", "TIME", "VAR", "ETIME"];

    readonly Regex _regex;
    readonly IReadOnlyList<PatternCapture> _captures;
    readonly List<string> _variables = [];

    public LinePattern(string format)
    {
        Format = format;
        var b = new PatternBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%')
                b.Literal(c.ToString());
            else if (i + 1 < format.Length && format[i + 1] == '%')
            {
                b.Literal("%");
                i++;
            }
            else if (i + 1 < format.Length && format[i + 1] == 't' && IsTabEscape(format, i))
            {
                b.Literal("\t");
                i++;
            }
            else
            {
                int close = format.IndexOf('%', i + 1);
                if (close < 0)
                {
                    b.Literal("INVALID"); // scanning goes on with the next character, as upslog's does
                    continue;
                }
                Escape(b, format[(i + 1)..close]);
                i = close;
            }
        }
        _regex = b.Build();
        _captures = b.Captures;
        HasTime = _captures.Any(c => c.Time is not null);
        RegexText = b.ToString();
    }

    public string Format { get; }

    /// <summary>The variables the format logs, in format order, each once.</summary>
    public IReadOnlyList<string> Variables => _variables;

    /// <summary>False when the format prints no time at all: such a log cannot be charted over time.</summary>
    public bool HasTime { get; }

    /// <summary>The pattern, for diagnostics.</summary>
    public string RegexText { get; }

    void Escape(PatternBuilder b, string escape)
    {
        int space = escape.IndexOf(' ');
        string command = space < 0 ? escape : escape[..space];
        string argument = space < 0 ? "" : escape[(space + 1)..];
        string? name = EscapeNames.FirstOrDefault(n => command.StartsWith(n, StringComparison.OrdinalIgnoreCase));
        switch (name)
        {
            case "HOST" or "UPSHOST": b.Skip(".*?"); break;
            case "PID": b.Skip("[0-9]+"); break;
            case "ETIME": b.Capture("-?[0-9]+", PatternCapture.ForTime(TimeField.Epoch)); break;
            case "TIME": StrftimePattern.Append(b, argument.Replace('@', '%')); break;
            case "VAR" when argument.Length > 0 && argument.Contains('.'):
                b.Capture(".*?", PatternCapture.ForVariable(VariableIndex(argument)));
                break;
            default: b.Literal("INVALID"); break;
        }
    }

    int VariableIndex(string name)
    {
        int at = _variables.FindIndex(v => string.Equals(v, name, StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
            return at;
        _variables.Add(name);
        return _variables.Count - 1;
    }

    /// <summary>
    /// As our upslog reads it: %t is a TAB only where it cannot start an escape that a later '%' closes
    /// (so <c>%TIME ...%</c> keeps working and <c>%t</c> alone is a TAB).
    /// </summary>
    static bool IsTabEscape(string format, int i)
    {
        int close = format.IndexOf('%', i + 1);
        if (close < 0)
            return true;
        string candidate = format[(i + 1)..close];
        return !candidate.Contains(' ') && !EscapeNames.Any(n => candidate.StartsWith(n, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Matches one line; on success fills <paramref name="values"/> (one slot per variable) and <paramref name="time"/>.</summary>
    public bool TryMatch(string line, string?[] values, TimeParts time)
    {
        var m = _regex.Match(line);
        if (!m.Success)
            return false;
        Array.Clear(values);
        time.Clear();
        for (int g = 0; g < _captures.Count; g++)
        {
            var capture = _captures[g];
            string text = m.Groups[g + 1].Value;
            if (capture.Time is { } field)
            {
                if (!time.Set(field, text))
                    return false;
            }
            else
                values[capture.Variable] = text;
        }
        return true;
    }
}
