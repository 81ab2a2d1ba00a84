using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nut.Tools.Plot;

/// <summary>
/// nut-plot: a chart of an upslog file (NUT has no such tool; its users plot upslog files with gnuplot by
/// hand). Reads the log with the format it was written with, draws the chosen variables over time with the
/// on-battery periods shaded, and writes SVG or PNG. Exit status 0 when a chart was written, 1 otherwise.
/// </summary>
public static class NutPlotProgram
{
    /// <summary>With no -F, at most this many panels (the first numeric variables of the format).</summary>
    public const int MaxDefaultPanels = 6;

    /// <summary>Limits the picture's memory (3 bytes a pixel) whatever -w and -h say.</summary>
    public const long MaxPixels = 24_000_000;

    public static int Run(string[] args)
    {
        var (options, error) = PlotOptions.Parse(args);
        if (options is null)
        {
            Console.Error.Write($"nut-plot: {error}\n\n{PlotOptions.Usage}");
            return 1;
        }
        if (options.Help)
        {
            Console.Out.Write(PlotOptions.Usage);
            return 0;
        }
        string name = options.LogFile == "-" ? "standard input" : options.LogFile;
        try
        {
            return Plot(options, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.Write($"nut-plot: {name}: {e.Message}\n");
            return 1;
        }
    }

    static int Plot(PlotOptions options, string name)
    {
        var clock = Stopwatch.StartNew();
        var data = UpslogReader.ReadFile(options.LogFile, options.Format);
        ReportSkipped(data, name);
        if (data.Count == 0)
            return Fail($"{name}: no line matches the format \"{data.Format}\"");

        var variables = ChooseVariables(data, options.Fields, name, out string? problem);
        if (variables is null)
            return Fail(problem!);

        DateTime? from = options.From?.Resolve(data.Times[0]), to = options.To?.Resolve(data.Times[^1]);
        if (from > to)
            return Fail("--from is after --to");
        if (!data.Times.Any(t => (from is null || t >= from) && (to is null || t <= to)))
            return Fail($"{name}: no line is between --from and --to"
                + (data.Knowledge == DateKnowledge.NoDate ? " (this log has no dates: give times of day, HH:MM)" : ""));

        int height = options.Height ?? Math.Min(PlotOptions.MaxHeight, ChartLayout.DefaultHeight(variables.Count));
        if (height < ChartLayout.MinHeight(variables.Count))
            return Fail($"-h {height}: {variables.Count} panel(s) need at least {ChartLayout.MinHeight(variables.Count)} pixels");
        if ((long)options.Width * height > MaxPixels)
            return Fail($"{options.Width}x{height} is more than {MaxPixels} pixels");

        string title = options.Title ?? (options.LogFile == "-" ? "upslog" : Path.GetFileName(options.LogFile));
        var layout = new ChartLayout(data, new ChartRequest(variables, options.Width, height, from, to, title));
        if (options.Output is null)
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(Encoding.UTF8.GetBytes(SvgChart.Render(layout)));
            return 0;
        }
        byte[] image = options.Kind == ImageKind.Png ? PngChart.Render(layout) : Encoding.UTF8.GetBytes(SvgChart.Render(layout));
        File.WriteAllBytes(options.Output, image);
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"nut-plot: {options.Output}: {layout.LineCount} lines, {layout.Panels.Count} panel(s), {layout.OnBattery.Count} on-battery period(s), {clock.ElapsedMilliseconds} ms\n"));
        return 0;
    }

    /// <summary>-F's variables (each must be in the format), or every numeric one up to <see cref="MaxDefaultPanels"/>.</summary>
    static List<int>? ChooseVariables(UpslogData data, IReadOnlyList<string>? fields, string name, out string? problem)
    {
        problem = null;
        if (fields is not null)
        {
            var chosen = new List<int>();
            foreach (var f in fields)
            {
                int index = data.IndexOf(f);
                if (index < 0)
                {
                    problem = $"{name}: {f} is not in the log's format (it logs: {string.Join(", ", data.Variables)})";
                    return null;
                }
                if (!data.IsNumeric(index))
                    Console.Error.Write($"nut-plot: {name}: {f} has no numeric values\n");
                chosen.Add(index);
            }
            return chosen;
        }
        var numeric = Enumerable.Range(0, data.Variables.Count).Where(data.IsNumeric).ToList();
        if (numeric.Count == 0)
        {
            problem = data.Variables.Count == 0
                ? $"{name}: the format logs no variables (%VAR name%)"
                : $"{name}: none of {string.Join(", ", data.Variables)} has a numeric value";
            return null;
        }
        if (numeric.Count > MaxDefaultPanels)
            Console.Error.Write($"nut-plot: {name}: drawing the first {MaxDefaultPanels} of {numeric.Count} numeric variables; choose others with -F\n");
        return numeric.Take(MaxDefaultPanels).ToList();
    }

    static void ReportSkipped(UpslogData data, string name)
    {
        if (data.SkippedCount == 0)
            return;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"nut-plot: {name}: {data.SkippedCount} line(s) skipped\n");
        foreach (var s in data.Skipped)
            sb.Append(CultureInfo.InvariantCulture, $"nut-plot: {name}:{s.Number}: {s.Reason}\n");
        if (data.SkippedCount > data.Skipped.Count)
            sb.Append(CultureInfo.InvariantCulture, $"nut-plot: {name}: ... and {data.SkippedCount - data.Skipped.Count} more\n");
        Console.Error.Write(sb.ToString());
    }

    static int Fail(string message)
    {
        Console.Error.Write($"nut-plot: {message}\n");
        return 1;
    }
}
