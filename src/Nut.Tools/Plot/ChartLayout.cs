using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>What to draw: which variables (indices into the data's), the size, the time window, the title.</summary>
public sealed record ChartRequest(IReadOnlyList<int> Variables, int Width, int Height, DateTime? From, DateTime? To, string Title);

/// <summary>A shaded on-battery period: its times, clipped to the chart, and its pixel columns.</summary>
public readonly record struct ShadedSpan(DateTime From, DateTime To, double X0, double X1);

/// <summary>
/// The geometry of a chart, shared by the SVG and PNG renderers so both draw the same picture: one panel
/// per variable, stacked on a common time axis, with the on-battery periods shaded across all of them.
/// x is linear in time from <see cref="Start"/> (left edge) to <see cref="End"/> (right edge); y is linear
/// in value over each panel's axis.
/// </summary>
public sealed class ChartLayout
{
    public const double MarginLeft = 64, MarginRight = 20, MarginTop = 58, MarginBottom = 36;
    /// <summary>Room above each panel for its label, and between a panel and the next one's label.</summary>
    public const double PanelLabelHeight = 16, PanelGap = 12;
    public const double MinPanelHeight = 40, DefaultPanelHeight = 100;
    /// <summary>Value ticks are at least this far apart.</summary>
    public const double MinValueTickSpacing = 24;

    /// <summary>The height that gives each of <paramref name="panels"/> panels its default height.</summary>
    public static int DefaultHeight(int panels) =>
        (int)(MarginTop + MarginBottom + panels * (DefaultPanelHeight + PanelLabelHeight) + (panels - 1) * PanelGap);

    /// <summary>The smallest height that fits <paramref name="panels"/> panels.</summary>
    public static int MinHeight(int panels) =>
        (int)Math.Ceiling(MarginTop + MarginBottom + panels * (MinPanelHeight + PanelLabelHeight) + (panels - 1) * PanelGap);

    public ChartLayout(UpslogData data, ChartRequest request)
    {
        if (data.Count == 0)
            throw new InvalidOperationException("no log lines to draw");
        Width = request.Width;
        Height = request.Height;
        Title = request.Title;
        Knowledge = data.Knowledge;
        Start = request.From ?? data.Times[0];
        End = request.To ?? data.Times[^1];
        if (End <= Start)
            End = Start.AddMinutes(1); // a single line still gets an axis
        var rows = RowsInWindow(data);
        LineCount = rows.Length;
        var gap = LogGaps.Threshold(data.Times);

        int n = request.Variables.Count;
        double panelHeight = (Height - MarginTop - MarginBottom - n * PanelLabelHeight - (n - 1) * PanelGap) / n;
        for (int i = 0; i < n; i++)
        {
            double top = MarginTop + PanelLabelHeight + i * (panelHeight + PanelLabelHeight + PanelGap);
            Panels.Add(BuildPanel(data, request.Variables[i], rows, gap, top, panelHeight, ChartColours.ForPanel(i)));
        }
        HasStatus = data.StatusVariable >= 0;
        foreach (var p in OnBatteryPeriods.Find(data, gap))
        {
            var from = p.From < Start ? Start : p.From;
            var to = p.To > End ? End : p.To;
            if (to >= from && p.To >= Start && p.From <= End)
                OnBattery.Add(new ShadedSpan(from, to, X(from), X(to)));
        }
        TimeTicks = TimeAxis.Ticks(Start, End, PlotLeft, PlotRight, Knowledge);
        Subtitle = $"{TimeAxis.Describe(Start, Knowledge)} to {TimeAxis.Describe(End, Knowledge)}, "
            + $"{LineCount.ToString(CultureInfo.InvariantCulture)} lines"
            + (data.SkippedCount > 0 ? $" ({data.SkippedCount.ToString(CultureInfo.InvariantCulture)} skipped)" : "");
    }

    public int Width { get; }
    public int Height { get; }
    public string Title { get; }
    public string Subtitle { get; }
    public DateKnowledge Knowledge { get; }
    public DateTime Start { get; }
    public DateTime End { get; }
    /// <summary>Log lines inside the time window.</summary>
    public int LineCount { get; }
    public List<Panel> Panels { get; } = [];
    /// <summary>True when the log has ups.status, so on-battery periods can be known (the legend says so).</summary>
    public bool HasStatus { get; }
    public List<ShadedSpan> OnBattery { get; } = [];
    public List<TimeTick> TimeTicks { get; }

    public double PlotLeft => MarginLeft;
    public double PlotRight => Width - MarginRight;
    public double PlotWidth => PlotRight - PlotLeft;

    public double X(DateTime t) => PlotLeft + (t - Start).TotalSeconds / (End - Start).TotalSeconds * PlotWidth;

    int[] RowsInWindow(UpslogData data)
    {
        var rows = new List<int>(data.Count);
        for (int row = 0; row < data.Count; row++)
            if (data.Times[row] >= Start && data.Times[row] <= End)
                rows.Add(row);
        return [.. rows];
    }

    Panel BuildPanel(UpslogData data, int variable, int[] rows, TimeSpan? gap, double top, double height, Rgb colour)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int count = 0;
        foreach (int row in rows)
            if (data.Number(variable, row) is { } v)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                count++;
            }
        var axis = count > 0 ? new ValueAxis(min, max, (int)(height / MinValueTickSpacing)) : new ValueAxis(0, 1, 2);
        double Y(double v) => top + height - (v - axis.Min) / (axis.Max - axis.Min) * height;

        var segments = new List<List<PixelPoint>>();
        List<PixelPoint>? current = null;
        int previousRow = -1;
        foreach (int row in rows)
        {
            double? value = data.Number(variable, row);
            if (value is null || (previousRow >= 0 && LogGaps.IsGap(data.Times[previousRow], data.Times[row], gap)))
                current = null;
            previousRow = row;
            if (value is not { } v)
                continue;
            if (current is null)
            {
                current = [];
                segments.Add(current);
            }
            current.Add(new PixelPoint(X(data.Times[row]), Y(v)));
        }
        return new Panel
        {
            Variable = data.Variables[variable],
            Label = VariableLabels.For(data.Variables[variable]),
            Top = top,
            Height = height,
            AxisMin = axis.Min,
            AxisMax = axis.Max,
            Colour = colour,
            Ticks = [.. axis.Ticks.Select(t => new ValueTick(t.Value, Y(t.Value), t.Label))],
            Segments = [.. segments.Select(s => Decimator.Reduce(s, PlotWidth))],
            ValueCount = count,
        };
    }
}
