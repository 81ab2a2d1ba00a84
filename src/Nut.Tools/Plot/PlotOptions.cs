using System.Globalization;
using Nut.Core.Programs;

namespace Nut.Tools.Plot;

/// <summary>What the image is written as.</summary>
public enum ImageKind { Svg, Png }

/// <summary>
/// nut-plot's command line: getopt letters in the NUT style plus the long options --from, --to and --help.
/// Parsing never throws: it gives the options or one message saying what is wrong.
/// </summary>
public sealed record PlotOptions
{
    public const int MinWidth = 320, MaxWidth = 8000, DefaultWidth = 1000, MaxHeight = 8000;

    public string? Format { get; init; }
    public IReadOnlyList<string>? Fields { get; init; }
    /// <summary>The image file, or null (and "-") for an SVG on standard output.</summary>
    public string? Output { get; init; }
    public ImageKind Kind { get; init; } = ImageKind.Svg;
    public int Width { get; init; } = DefaultWidth;
    /// <summary>Null: as tall as the panels need.</summary>
    public int? Height { get; init; }
    public string? Title { get; init; }
    public TimeArgument? From { get; init; }
    public TimeArgument? To { get; init; }
    public bool Help { get; init; }
    public string LogFile { get; init; } = "";

    /// <summary>Short options; a letter followed by ':' takes an argument.</summary>
    const string ShortOptions = "f:F:o:w:h:t:";

    public static (PlotOptions? Options, string? Error) Parse(string[] args)
    {
        var opts = new PlotOptions();
        var shortArgs = new List<string>();
        var operands = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                operands.AddRange(args[(i + 1)..]);
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                int eq = a.IndexOf('=');
                string name = eq < 0 ? a[2..] : a[2..eq];
                if (name == "help")
                {
                    opts = opts with { Help = true };
                    continue;
                }
                if (name is not ("from" or "to"))
                    return (null, $"unknown option {(eq < 0 ? a : a[..eq])}");
                string? value = eq >= 0 ? a[(eq + 1)..] : i + 1 < args.Length ? args[++i] : null;
                if (value is null)
                    return (null, $"option --{name} needs a time");
                if (!TimeArgument.TryParse(value, out var time))
                    return (null, $"--{name} {value}: expected {TimeArgument.Forms}");
                opts = name == "from" ? opts with { From = time } : opts with { To = time };
                continue;
            }
            shortArgs.Add(a);
            // A cluster that ends in a letter taking an argument takes the next word too, whatever it looks like.
            if (a.Length > 1 && a[0] == '-' && TakesSeparateArgument(a) && i + 1 < args.Length)
                shortArgs.Add(args[++i]);
        }

        var parsed = GetOpt.Parse([.. shortArgs], ShortOptions);
        if (parsed.BadOption is { } bad)
            return (null, parsed.MissingArgument ? $"option -{bad} needs an argument" : $"unknown option -{bad}");
        foreach (var (letter, value) in parsed.Options)
        {
            string arg = value!;
            switch (letter)
            {
                case 'f':
                    opts = opts with { Format = arg };
                    break;
                case 'F':
                    var fields = arg.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (fields.Length == 0)
                        return (null, "-F needs at least one variable name");
                    opts = opts with { Fields = [.. fields.Distinct(StringComparer.OrdinalIgnoreCase)] };
                    break;
                case 'o':
                    if (arg == "-")
                        opts = opts with { Output = null, Kind = ImageKind.Svg };
                    else if (KindOf(arg) is { } kind)
                        opts = opts with { Output = arg, Kind = kind };
                    else
                        return (null, $"-o {arg}: name the image .svg or .png (or - for SVG on standard output)");
                    break;
                case 'w':
                    if (!TryInt(arg, MinWidth, MaxWidth, out int w))
                        return (null, $"-w {arg}: expected a width in pixels from {MinWidth} to {MaxWidth}");
                    opts = opts with { Width = w };
                    break;
                case 'h':
                    if (!TryInt(arg, 1, MaxHeight, out int h))
                        return (null, $"-h {arg}: expected a height in pixels up to {MaxHeight}");
                    opts = opts with { Height = h };
                    break;
                case 't':
                    opts = opts with { Title = arg };
                    break;
            }
        }
        operands.InsertRange(0, parsed.Operands);
        if (opts.Help)
            return (opts, null);
        if (operands.Count != 1)
            return (null, operands.Count == 0 ? "no log file given" : $"one log file, not {operands.Count}");
        return (opts with { LogFile = operands[0] }, null);
    }

    static bool TakesSeparateArgument(string cluster)
    {
        for (int j = 1; j < cluster.Length; j++)
        {
            int at = ShortOptions.IndexOf(cluster[j]);
            if (at >= 0 && cluster[j] != ':' && at + 1 < ShortOptions.Length && ShortOptions[at + 1] == ':')
                return j == cluster.Length - 1; // the rest of the word, if any, is the argument
        }
        return false;
    }

    static ImageKind? KindOf(string path) =>
        path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? ImageKind.Png
        : path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? ImageKind.Svg
        : null;

    static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    public const string Usage = """
        usage: nut-plot [-f <format>] [-F <var>[,<var>...]] [-o <file.svg|file.png>] [-w <width>] [-h <height>]
                        [-t <title>] [--from <time>] [--to <time>] <logfile>

        Draws an upslog file: each variable over time in a panel of its own, with the
        periods when ups.status shows OB (on battery) shaded.

          -f <format>   the format upslog wrote the file with (its -f); default: the
                        file's first line if it reads "# format: <format>", else
                        upslog's default format
          -F <vars>     the variables to draw, comma-separated; default: every numeric
                        variable of the format, in its order (at most 6)
          -o <file>     write the chart to <file>: a PNG if it ends in .png, an SVG if
                        it ends in .svg; default (or -): SVG on standard output
          -w <width>    width in pixels (default 1000)
          -h <height>   height in pixels (default: 116 per panel and 94 more)
          -t <title>    the chart's title (default: the log file's name)
          --from <time>, --to <time>
                        draw only this part of the log; <time> is YYYY-MM-DD[ HH:MM[:SS]],
                        YYYYMMDD[ HHMMSS], @<epoch seconds>, or HH:MM[:SS] on the log's
                        first (--from) or last (--to) day
          --help        this text

        A <logfile> of - is standard input. Lines that do not match the format are
        skipped and counted on standard error.

        """;
}
