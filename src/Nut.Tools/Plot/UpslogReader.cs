using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nut.Tools.Plot;

/// <summary>One line of an upslog file: when, and the values of the variables the format logs.</summary>
public sealed record LogSample(DateTime Time, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>True when ups.status says the UPS runs on battery (OB).</summary>
    public bool OnBattery => Values.TryGetValue("ups.status", out var s) && s.Split(' ').Contains("OB");

    public double? Number(string variable) =>
        Values.TryGetValue(variable, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
}

/// <summary>
/// Reads an upslog file back, given the format string it was written with: the format becomes a pattern
/// (literal text, <c>%TIME fmt%</c> in the strftime subset upslog users use, <c>%ETIME%</c>, <c>%VAR x%</c>,
/// <c>%HOST%</c>, <c>%UPSHOST%</c>, <c>%PID%</c>). Lines that do not match are counted, never fatal.
/// A first line <c># format: ...</c> in the file overrides the format given.
/// </summary>
public sealed class UpslogReader
{
    readonly Regex _pattern;
    readonly List<string> _variables = [];
    readonly List<int> _varGroups = [];
    readonly List<(int Group, string Format)> _times = [];
    int _etimeGroup = -1;

    public UpslogReader(string format)
    {
        var rx = new StringBuilder("^");
        int group = 0;
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%') { rx.Append(Regex.Escape(c.ToString())); continue; }
            if (i + 1 < format.Length && format[i + 1] == '%') { rx.Append('%'); i++; continue; }
            int close = format.IndexOf('%', i + 1);
            if (close < 0) { rx.Append("INVALID"); continue; }
            string escape = format[(i + 1)..close];
            i = close;
            int space = escape.IndexOf(' ');
            string command = (space < 0 ? escape : escape[..space]).ToUpperInvariant();
            string argument = space < 0 ? "" : escape[(space + 1)..];
            group++;
            if (command.StartsWith("HOST") || command.StartsWith("UPSHOST")) rx.Append("(\\S*)");
            else if (command.StartsWith("PID")) rx.Append("(\\d+)");
            else if (command.StartsWith("TIME")) { rx.Append('(').Append(StrftimeToRegex(argument.Replace('@', '%'))).Append(')'); _times.Add((group, argument.Replace('@', '%'))); }
            else if (command.StartsWith("VAR")) { rx.Append("(.*?)"); _variables.Add(argument); _varGroups.Add(group); }
            else if (command.StartsWith("ETIME")) { rx.Append("(\\d+)"); _etimeGroup = group; }
            else { rx.Append("INVALID"); group--; }
        }
        rx.Append('$');
        _pattern = new Regex(rx.ToString(), RegexOptions.CultureInvariant);
        if (_times.Count == 0 && _etimeGroup < 0)
            throw new FormatException("the format has no %TIME ...% or %ETIME%: a chart needs the time of each line");
    }

    /// <summary>The variables the format logs, in order.</summary>
    public IReadOnlyList<string> Variables => _variables;

    public int SkippedLines { get; private set; }

    public List<LogSample> Read(IEnumerable<string> lines)
    {
        var samples = new List<LogSample>();
        foreach (var line in lines)
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var m = _pattern.Match(line);
            if (!m.Success || ParseTime(m) is not { } time)
            {
                SkippedLines++;
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int v = 0; v < _variables.Count; v++)
                values[_variables[v]] = m.Groups[_varGroups[v]].Value;
            samples.Add(new LogSample(time, values));
        }
        return samples;
    }

    /// <summary>Reads a file; a "# format: ..." first line sets the format.</summary>
    public static (UpslogReader Reader, List<LogSample> Samples) ReadFile(string path, string format)
    {
        var lines = File.ReadLines(path);
        string? first = lines.FirstOrDefault();
        if (first is not null && first.StartsWith("# format: ", StringComparison.Ordinal))
            format = first["# format: ".Length..];
        var reader = new UpslogReader(format);
        return (reader, reader.Read(lines));
    }

    DateTime? ParseTime(Match m)
    {
        if (_etimeGroup >= 0 && long.TryParse(m.Groups[_etimeGroup].Value, out long epoch))
            return DateTimeOffset.FromUnixTimeSeconds(epoch).LocalDateTime;
        foreach (var (group, fmt) in _times)
            if (DateTime.TryParseExact(m.Groups[group].Value, StrftimeToNet(fmt), CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowWhiteSpaces, out var t))
                return t;
        return null;
    }

    /// <summary>A pattern matching exactly what strftime prints for <paramref name="fmt"/>.</summary>
    static string StrftimeToRegex(string fmt)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < fmt.Length; i++)
        {
            if (fmt[i] != '%' || i + 1 >= fmt.Length)
            {
                sb.Append(Regex.Escape(fmt[i].ToString()));
                continue;
            }
            sb.Append(fmt[++i] switch
            {
                'Y' => "\\d{4}",
                'y' or 'm' or 'd' or 'H' or 'M' or 'S' => "\\d{2}",
                'e' => "[ \\d]\\d",
                'b' or 'h' => "[A-Za-z]{3}",
                'T' => "\\d{2}:\\d{2}:\\d{2}",
                'F' => "\\d{4}-\\d{2}-\\d{2}",
                'D' => "\\d{2}/\\d{2}/\\d{2}",
                _ => "\\S+?",
            });
        }
        return sb.ToString();
    }

    /// <summary>The strftime subset upslog formats use, as a .NET exact-parse pattern.</summary>
    static string StrftimeToNet(string fmt)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < fmt.Length; i++)
        {
            if (fmt[i] != '%' || i + 1 >= fmt.Length)
            {
                char c = fmt[i];
                sb.Append(char.IsLetter(c) || c is '\\' or '\'' or '"' or '%' or ':' or '/' ? "\\" + c : c.ToString());
                continue;
            }
            sb.Append(fmt[++i] switch
            {
                'Y' => "yyyy",
                'y' => "yy",
                'm' => "MM",
                'd' => "dd",
                'e' => "%d",
                'H' => "HH",
                'M' => "mm",
                'S' => "ss",
                'b' or 'h' => "MMM",
                'T' => "HH\\:mm\\:ss",
                'F' => "yyyy-MM-dd",
                'D' => "MM\\/dd\\/yy",
                _ => "",
            });
        }
        return sb.ToString();
    }
}
