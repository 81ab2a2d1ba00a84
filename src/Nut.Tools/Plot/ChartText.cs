namespace Nut.Tools.Plot;

/// <summary>
/// Where the words of a chart go (title, legend, axis labels), measured in the bitmap font so the PNG's
/// text fits exactly; the SVG places its own text at the same anchors.
/// </summary>
public static class ChartText
{
    public enum Align { Left, Right, Centre }

    /// <summary>A piece of text: its box's left edge and the top of its capitals, its width in the bitmap font.</summary>
    public readonly record struct Piece(string Class, string Text, double X, double Y, double Width, Align Align, Rgb Colour, int Scale = 1);

    public readonly record struct LegendLayout(double SwatchX, double SwatchY, Piece Label);

    public const double TitleTop = 10, SubtitleTop = 32, SwatchSize = 9;
    const double TickLabelGap = 6;

    public const string LegendText = "on battery (OB)";

    public static IEnumerable<Piece> Header(ChartLayout c)
    {
        yield return new Piece("title", c.Title, c.PlotLeft, TitleTop, BitmapFont.Width(c.Title, 2), Align.Left, ChartColours.Ink, 2);
        yield return new Piece("subtitle", c.Subtitle, c.PlotLeft, SubtitleTop, BitmapFont.Width(c.Subtitle), Align.Left, ChartColours.Muted);
    }

    /// <summary>The shading's key, top right, when the log says whether the UPS was on battery.</summary>
    public static LegendLayout? Legend(ChartLayout c)
    {
        if (!c.HasStatus)
            return null;
        double width = BitmapFont.Width(LegendText);
        double x = c.PlotRight - width;
        var label = new Piece("legend", LegendText, x, SubtitleTop, width, Align.Left, ChartColours.Muted);
        return new LegendLayout(x - SwatchSize - 5, SubtitleTop - 1, label);
    }

    public static IEnumerable<Piece> PanelLabels(ChartLayout c, Panel p)
    {
        yield return new Piece("label", p.Label, c.PlotLeft, p.Top - 11, BitmapFont.Width(p.Label), Align.Left, ChartColours.Ink);
        foreach (var t in p.Ticks)
        {
            double w = BitmapFont.Width(t.Label);
            yield return new Piece("ytick", t.Label, c.PlotLeft - TickLabelGap - w, t.Y - BitmapFont.CapHeight / 2, w, Align.Right, ChartColours.Ink);
        }
        if (p.ValueCount == 0)
        {
            const string none = "no numeric values";
            double w = BitmapFont.Width(none);
            yield return new Piece("novalues", none, c.PlotLeft + (c.PlotWidth - w) / 2, p.Top + p.Height / 2 - 3, w, Align.Centre, ChartColours.Muted);
        }
    }

    /// <summary>Time labels under the last panel, centred on their ticks but kept inside the picture.</summary>
    public static IEnumerable<Piece> TimeLabels(ChartLayout c)
    {
        double top = (c.Panels.Count > 0 ? c.Panels[^1].Bottom : c.Height - ChartLayout.MarginBottom) + TickLabelGap;
        foreach (var t in c.TimeTicks)
        {
            yield return Centred("xtick", t.Label, t.X, top, c.Width);
            if (t.DateLabel is { } date)
                yield return Centred("xdate", date, t.X, top + 12, c.Width);
        }
    }

    static Piece Centred(string cls, string text, double x, double top, int width)
    {
        double w = BitmapFont.Width(text);
        double left = Math.Clamp(x - w / 2, 0, Math.Max(0, width - w));
        return new Piece(cls, text, left, top, w, Align.Centre, ChartColours.Ink);
    }
}
