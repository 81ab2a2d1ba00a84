using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>A point in pixels.</summary>
public readonly record struct PixelPoint(double X, double Y);

/// <summary>One chart panel: a variable over time, its value range, and its polyline in pixels.</summary>
public sealed record Panel(string Variable, string Title, double Top, double Height, double Min, double Max, List<PixelPoint> Points);

/// <summary>
/// The geometry of a chart, shared by the SVG and PNG renderers: one panel per variable, stacked, on a common
/// time axis, with the on-battery periods as shaded spans across all panels. Large logs are decimated to the
/// minimum and maximum of each pixel column, so a week of one-minute lines stays a few thousand points.
/// </summary>
public sealed class ChartLayout
{
    public const double MarginLeft = 70, MarginRight = 20, MarginTop = 46, MarginBottom = 40, PanelGap = 28;

    static readonly Dictionary<string, string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["battery.charge"] = "Battery charge (%)",
        ["battery.runtime"] = "Runtime (s)",
        ["ups.load"] = "Load (%)",
        ["input.voltage"] = "Input voltage (V)",
        ["output.voltage"] = "Output voltage (V)",
        ["ups.temperature"] = "Temperature (C)",
        ["input.frequency"] = "Input frequency (Hz)",
    };

    public ChartLayout(IReadOnlyList<LogSample> samples, IReadOnlyList<string> variables, int width, int height)
    {
        Width = width;
        Height = height;
        if (samples.Count == 0)
            throw new InvalidOperationException("no log lines to draw");
        Start = samples[0].Time;
        End = samples[^1].Time > Start ? samples[^1].Time : Start.AddMinutes(1);
        double plotHeight = height - MarginTop - MarginBottom - PanelGap * (variables.Count - 1);
        double panelHeight = Math.Max(20, plotHeight / Math.Max(1, variables.Count));
        for (int i = 0; i < variables.Count; i++)
        {
            string v = variables[i];
            var values = samples.Select(s => (s.Time, Value: s.Number(v))).Where(p => p.Value is not null).ToList();
            double min = values.Count > 0 ? values.Min(p => p.Value!.Value) : 0;
            double max = values.Count > 0 ? values.Max(p => p.Value!.Value) : 1;
            if (max - min < 1e-9) { min -= 1; max += 1; }
            double pad = (max - min) * 0.05;
            min -= pad;
            max += pad;
            double top = MarginTop + i * (panelHeight + PanelGap);
            var points = Decimate(values.Select(p => new PixelPoint(X(p.Time), top + panelHeight - (p.Value!.Value - min) / (max - min) * panelHeight)).ToList());
            Panels.Add(new Panel(v, Titles.GetValueOrDefault(v, v), top, panelHeight, min, max, points));
        }
        OnBattery = Spans(samples);
    }

    public int Width { get; }
    public int Height { get; }
    public DateTime Start { get; }
    public DateTime End { get; }
    public List<Panel> Panels { get; } = [];
    /// <summary>On-battery periods as pixel x ranges.</summary>
    public List<(double X0, double X1)> OnBattery { get; }

    public double PlotLeft => MarginLeft;
    public double PlotRight => Width - MarginRight;

    public double X(DateTime t) => PlotLeft + (t - Start).TotalSeconds / (End - Start).TotalSeconds * (PlotRight - PlotLeft);

    /// <summary>Per pixel column keep the first, minimum, maximum and last point: the drawn line looks the same.</summary>
    static List<PixelPoint> Decimate(List<PixelPoint> points)
    {
        if (points.Count < 4000)
            return points;
        var result = new List<PixelPoint>();
        foreach (var column in points.GroupBy(p => (int)p.X))
        {
            var list = column.ToList();
            var lo = list.MinBy(p => p.Y);
            var hi = list.MaxBy(p => p.Y);
            foreach (var p in new[] { list[0], lo, hi, list[^1] }.Distinct())
                result.Add(p);
        }
        return result;
    }

    List<(double, double)> Spans(IReadOnlyList<LogSample> samples)
    {
        var spans = new List<(double, double)>();
        DateTime? from = null;
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].OnBattery && from is null)
                from = samples[i].Time;
            else if (!samples[i].OnBattery && from is not null)
            {
                spans.Add((X(from.Value), X(samples[i].Time)));
                from = null;
            }
        }
        if (from is not null)
            spans.Add((X(from.Value), X(samples[^1].Time)));
        return spans;
    }

    /// <summary>Tick labels for the time axis: about six, at the sample times they mark.</summary>
    public IEnumerable<(double X, string Label)> TimeTicks()
    {
        var span = End - Start;
        string format = span.TotalDays > 2 ? "MM-dd" : span.TotalHours > 12 ? "dd HH:mm" : "HH:mm";
        for (int i = 0; i <= 5; i++)
        {
            var t = Start + span * i / 5;
            yield return (X(t), t.ToString(format, CultureInfo.InvariantCulture));
        }
    }

    public static string Number(double v) => Math.Abs(v) >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture);
}
