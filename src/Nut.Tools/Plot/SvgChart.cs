using System.Globalization;
using System.Text;

namespace Nut.Tools.Plot;

/// <summary>
/// Writes a <see cref="ChartLayout"/> as SVG text. Elements carry classes (panel, onbattery, series, frame,
/// grid, ytick, xtick) and each panel its variable, axis range and time window as data- attributes, so a
/// program can read the chart back: a point's x is linear in time over the frame's width, its y linear in
/// value over the frame's height.
/// </summary>
public static class SvgChart
{
    /// <summary>SVG places text by its baseline; the bitmap font's capitals are this tall above it.</summary>
    const double Baseline = BitmapFont.CapHeight;

    public static string Render(ChartLayout c)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{c.Width}\" height=\"{c.Height}\" viewBox=\"0 0 {c.Width} {c.Height}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"10\">\n");
        sb.Append($"<title>{Escape(c.Title)}</title>\n");
        sb.Append($"<rect class=\"background\" width=\"{c.Width}\" height=\"{c.Height}\" fill=\"{ChartColours.Background.Hex}\"/>\n");
        foreach (var piece in ChartText.Header(c))
            Text(sb, piece);
        if (ChartText.Legend(c) is { } legend)
        {
            sb.Append("<g class=\"legend\">");
            sb.Append($"<rect x=\"{F(legend.SwatchX)}\" y=\"{F(legend.SwatchY)}\" width=\"{F(ChartText.SwatchSize)}\" height=\"{F(ChartText.SwatchSize)}\" fill=\"{ChartColours.OnBattery.Hex}\"/>");
            Text(sb, legend.Label);
            sb.Append("</g>\n");
        }
        foreach (var p in c.Panels)
            Panel(sb, c, p);
        sb.Append("<g class=\"timeaxis\">\n");
        foreach (var piece in ChartText.TimeLabels(c))
            Text(sb, piece);
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    static void Panel(StringBuilder sb, ChartLayout c, Panel p)
    {
        sb.Append($"<g class=\"panel\" data-variable=\"{Escape(p.Variable)}\" data-axis-min=\"{R(p.AxisMin)}\" data-axis-max=\"{R(p.AxisMax)}\" ")
          .Append($"data-time-start=\"{Iso(c.Start)}\" data-time-end=\"{Iso(c.End)}\">\n");
        foreach (var s in c.OnBattery)
            sb.Append($"<rect class=\"onbattery\" data-from=\"{Iso(s.From)}\" data-to=\"{Iso(s.To)}\" x=\"{F(s.X0)}\" y=\"{F(p.Top)}\" width=\"{F(Math.Max(s.X1 - s.X0, 1))}\" height=\"{F(p.Height)}\" fill=\"{ChartColours.OnBattery.Hex}\"/>\n");
        foreach (var t in p.Ticks)
            sb.Append($"<line class=\"grid\" x1=\"{F(c.PlotLeft)}\" y1=\"{F(t.Y)}\" x2=\"{F(c.PlotRight)}\" y2=\"{F(t.Y)}\" stroke=\"{ChartColours.Grid.Hex}\"/>\n");
        foreach (var t in c.TimeTicks)
            sb.Append($"<line class=\"grid\" x1=\"{F(t.X)}\" y1=\"{F(p.Top)}\" x2=\"{F(t.X)}\" y2=\"{F(p.Bottom)}\" stroke=\"{ChartColours.Grid.Hex}\"/>\n");
        sb.Append($"<rect class=\"frame\" x=\"{F(c.PlotLeft)}\" y=\"{F(p.Top)}\" width=\"{F(c.PlotWidth)}\" height=\"{F(p.Height)}\" fill=\"none\" stroke=\"{ChartColours.Frame.Hex}\"/>\n");
        foreach (var piece in ChartText.PanelLabels(c, p))
            Text(sb, piece);
        foreach (var segment in p.Segments)
        {
            sb.Append($"<polyline class=\"series\" fill=\"none\" stroke=\"{p.Colour.Hex}\" stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"");
            for (int i = 0; i < segment.Count; i++)
            {
                if (i > 0)
                    sb.Append(' ');
                sb.Append(F(segment[i].X)).Append(',').Append(F(segment[i].Y));
            }
            // A lone point has no length to stroke: a round cap makes it a dot.
            sb.Append(segment.Count == 1 ? "\" stroke-linecap=\"round\"/>\n" : "\"/>\n");
        }
        sb.Append("</g>\n");
    }

    static void Text(StringBuilder sb, ChartText.Piece t)
    {
        string anchor = t.Align switch { ChartText.Align.Right => " text-anchor=\"end\"", ChartText.Align.Centre => " text-anchor=\"middle\"", _ => "" };
        double x = t.Align switch { ChartText.Align.Right => t.X + t.Width, ChartText.Align.Centre => t.X + t.Width / 2, _ => t.X };
        string size = t.Scale > 1 ? $" font-size=\"{10 * t.Scale}\" font-weight=\"bold\"" : "";
        sb.Append($"<text class=\"{t.Class}\" x=\"{F(x)}\" y=\"{F(t.Y + Baseline * t.Scale)}\"{anchor}{size} fill=\"{t.Colour.Hex}\">{Escape(t.Text)}</text>\n");
    }

    static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Text as XML character data: markup escaped, and characters XML 1.0 forbids replaced.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(ch).Append(text[++i]);
                continue;
            }
            sb.Append(ch switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ when ch < 0x20 || char.IsSurrogate(ch) || ch is '\uFFFE' or '\uFFFF' => "\uFFFD",
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
