namespace Nut.Tools.Plot;

/// <summary>
/// Reads an upslog file back with the format it was written with. The format comes from the caller (-f),
/// else from a first line <c># format: ...</c> (upslog appends, so a header written before it starts stays
/// on top), else it is upslog's default. Lines that do not match are skipped and counted, never fatal;
/// blank lines and <c>#</c> lines that do not match are comments.
/// </summary>
public static class UpslogReader
{
    public const string HeaderPrefix = "# format: ";

    /// <summary>upslog's default format (spec/upslog.md §1).</summary>
    public const string DefaultFormat = Upslog.LogFormat.Default;

    /// <summary>A clock that goes back further than this is the next day (or year), not a clock adjustment.</summary>
    static readonly TimeSpan DayRollover = TimeSpan.FromHours(12), YearRollover = TimeSpan.FromDays(180);

    /// <summary>Reads <paramref name="lines"/>; <paramref name="format"/> null means "the header's, or the default".</summary>
    public static UpslogData Read(IEnumerable<LogLine> lines, string? format)
    {
        LinePattern? pattern = null;
        var times = new List<DateTime>();
        List<string?>[] columns = [];
        string?[] values = [];
        var parts = new TimeParts();
        var skipped = new List<SkippedLine>();
        int skippedCount = 0;
        var knowledge = DateKnowledge.Full;
        DateTime? lastRaw = null;
        TimeSpan carried = TimeSpan.Zero;
        int carriedYears = 0;

        void Skip(int number, string reason)
        {
            skippedCount++;
            if (skipped.Count < UpslogData.MaxDescribedSkips)
                skipped.Add(new SkippedLine(number, reason));
        }

        foreach (var line in lines)
        {
            if (pattern is null)
            {
                if (format is null && line.Number == 1 && line.Text is { } first && first.StartsWith(HeaderPrefix, StringComparison.Ordinal))
                    format = first[HeaderPrefix.Length..];
                pattern = Compile(format ?? DefaultFormat);
                columns = [.. pattern.Variables.Select(_ => new List<string?>())];
                values = new string?[pattern.Variables.Count];
            }
            if (line.Text is not { } text)
            {
                Skip(line.Number, $"longer than {LogLines.MaxLineBytes} bytes");
                continue;
            }
            if (!pattern.TryMatch(text, values, parts))
            {
                if (text.Length > 0 && !text.StartsWith('#'))
                    Skip(line.Number, "does not match the format");
                continue;
            }
            if (parts.Resolve() is not { } raw)
            {
                Skip(line.Number, "its time is not a real date or time");
                continue;
            }
            knowledge = parts.Knowledge;
            // A log without the date (or the year) goes back to the morning at midnight (to January at
            // New Year): count the days (years) so the chart keeps going forward.
            if (lastRaw is { } last && knowledge == DateKnowledge.NoDate && last - raw > DayRollover)
                carried += TimeSpan.FromDays(1);
            if (lastRaw is { } lastDate && knowledge == DateKnowledge.NoYear && lastDate - raw > YearRollover)
                carriedYears++;
            lastRaw = raw;
            times.Add(carriedYears > 0 ? raw.AddYears(carriedYears) + carried : raw + carried);
            for (int v = 0; v < values.Length; v++)
                columns[v].Add(values[v]);
        }
        pattern ??= Compile(format ?? DefaultFormat);
        return InTimeOrder(pattern, times, columns, knowledge, skippedCount, skipped);
    }

    /// <summary>Reads a file, or standard input for "-".</summary>
    public static UpslogData ReadFile(string path, string? format)
    {
        using var stream = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        return Read(LogLines.Read(stream), format);
    }

    static LinePattern Compile(string format)
    {
        var pattern = new LinePattern(format);
        if (!pattern.HasTime)
            throw new FormatException($"the format \"{format}\" has no %TIME ...% or %ETIME%: a chart needs the time of each line");
        return pattern;
    }

    /// <summary>Lines are charted in time order; upslog writes them so, but concatenated logs may not be.</summary>
    static UpslogData InTimeOrder(LinePattern pattern, List<DateTime> times, List<string?>[] columns,
        DateKnowledge knowledge, int skippedCount, List<SkippedLine> skipped)
    {
        int n = times.Count;
        var order = Enumerable.Range(0, n).ToArray();
        bool sorted = true;
        for (int i = 1; i < n && sorted; i++)
            sorted = times[i - 1] <= times[i];
        if (!sorted)
            order = [.. order.OrderBy(i => times[i])]; // stable: equal times keep file order
        var t = new DateTime[n];
        var v = new string?[columns.Length][];
        for (int c = 0; c < columns.Length; c++)
            v[c] = new string?[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = times[order[i]];
            for (int c = 0; c < columns.Length; c++)
                v[c][i] = columns[c][order[i]];
        }
        return new UpslogData(pattern.Format, pattern.Variables, t, v, knowledge, skippedCount, skipped);
    }
}
