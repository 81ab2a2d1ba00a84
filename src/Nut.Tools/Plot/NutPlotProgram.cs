using System.Diagnostics;
using Nut.Core.Programs;
using Nut.Core.Text;
using Nut.Tools.Upslog;

namespace Nut.Tools.Plot;

/// <summary>
/// nut-plot: charts of an upslog file — the chosen variables over time, on-battery periods shaded — as SVG or
/// PNG (by the output file's extension). NUT users plot upslog files with gnuplot by hand; this reads the same
/// format string upslog wrote with (or a "# format: ..." first line).
/// </summary>
public static class NutPlotProgram
{
    const string Usage = """
        usage: nut-plot [-f <format>] [-v <var,var,...>] [-o <out.svg|out.png>] [-W <width>] [-H <height>]
                        [-t <title>] <upslog file>

          -f <format>   the upslog format the file was written with (default: upslog's default format)
          -v <vars>     variables to draw, comma-separated (default: every numeric one the format logs
                        among battery.charge, battery.runtime, ups.load, input.voltage, ups.temperature)
          -o <file>     output; .png for a PNG, anything else SVG (default: standard output, SVG)
          -W, -H        size in pixels (default 1000 x 600)
          -t <title>    chart title (default: the log file's name)

        Lines that do not match the format are skipped and counted on stderr. Periods when ups.status
        contains OB are shaded.

        """;

    static readonly string[] DefaultVariables = ["battery.charge", "battery.runtime", "ups.load", "input.voltage", "ups.temperature"];

    public static int Run(string[] args)
    {
        var parsed = GetOpt.Parse(args, "f:v:o:W:H:t:h");
        string format = LogFormat.Default;
        string? output = null, title = null;
        List<string>? variables = null;
        int width = 1000, height = 600;
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'f': format = arg!; break;
                case 'v': variables = [.. arg!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case 'o': output = arg; break;
                case 'W': width = Math.Clamp(CInt.Atoi(arg!), 200, 20000); break;
                case 'H': height = Math.Clamp(CInt.Atoi(arg!), 150, 20000); break;
                case 't': title = arg; break;
                case 'h': Console.Out.Write(Usage); return 0;
                default:
                    Console.Error.Write($"nut-plot: unknown option -{arg}\n" + Usage);
                    return 1;
            }
        }
        if (parsed.Operands.Count != 1)
        {
            Console.Error.Write("nut-plot: expected one upslog file\n" + Usage);
            return 1;
        }
        string path = parsed.Operands[0];
        try
        {
            var clock = Stopwatch.StartNew();
            var (reader, samples) = UpslogReader.ReadFile(path, format);
            if (reader.SkippedLines > 0)
                Console.Error.Write($"nut-plot: {path}: {reader.SkippedLines} line(s) do not match the format and were skipped\n");
            variables ??= DefaultVariables.Where(v => reader.Variables.Contains(v, StringComparer.OrdinalIgnoreCase)
                && samples.Any(s => s.Number(v) is not null)).ToList();
            if (variables.Count == 0)
            {
                Console.Error.Write($"nut-plot: {path}: no numeric variable to draw; name some with -v\n");
                return 1;
            }
            if (samples.Count == 0)
            {
                Console.Error.Write($"nut-plot: {path}: no line matches the format \"{format}\"\n");
                return 1;
            }
            var layout = new ChartLayout(samples, variables, width, height);
            title ??= Path.GetFileName(path);
            if (output is not null && output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                File.WriteAllBytes(output, PngChart.Render(layout, title));
            else if (output is not null)
                File.WriteAllText(output, SvgChart.Render(layout, title));
            else
                Console.Out.Write(SvgChart.Render(layout, title));
            if (output is not null)
                Console.Error.Write($"nut-plot: {samples.Count} lines, {variables.Count} variable(s) -> {output} in {clock.ElapsedMilliseconds} ms\n");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            Console.Error.Write($"nut-plot: {path}: {e.Message}\n");
            return 1;
        }
    }
}
