namespace Nut.Tools.Plot;

/// <summary>Draws a <see cref="ChartLayout"/> into pixels, in the SVG's order and colours, and encodes it as PNG.</summary>
public static class PngChart
{
    public static byte[] Render(ChartLayout c)
    {
        var r = Draw(c);
        return PngWriter.Encode(r.Width, r.Height, r.Pixels);
    }

    public static Raster Draw(ChartLayout c)
    {
        var r = new Raster(c.Width, c.Height, ChartColours.Background);
        foreach (var piece in ChartText.Header(c))
            Text(r, piece);
        if (ChartText.Legend(c) is { } legend)
        {
            r.FillRect(legend.SwatchX, legend.SwatchY, ChartText.SwatchSize, ChartText.SwatchSize, ChartColours.OnBattery);
            Text(r, legend.Label);
        }
        foreach (var p in c.Panels)
        {
            foreach (var s in c.OnBattery)
                r.FillRect(s.X0, p.Top, s.X1 - s.X0, p.Height, ChartColours.OnBattery);
            foreach (var t in p.Ticks)
                r.HLine(c.PlotLeft, c.PlotRight, t.Y, ChartColours.Grid);
            foreach (var t in c.TimeTicks)
                r.VLine(t.X, p.Top, p.Bottom, ChartColours.Grid);
            r.HLine(c.PlotLeft, c.PlotRight + 1, p.Top, ChartColours.Frame);
            r.HLine(c.PlotLeft, c.PlotRight + 1, p.Bottom, ChartColours.Frame);
            r.VLine(c.PlotLeft, p.Top, p.Bottom, ChartColours.Frame);
            r.VLine(c.PlotRight, p.Top, p.Bottom, ChartColours.Frame);
            foreach (var piece in ChartText.PanelLabels(c, p))
                Text(r, piece);
            foreach (var segment in p.Segments)
            {
                if (segment.Count == 1)
                    r.Line(segment[0].X, segment[0].Y, segment[0].X, segment[0].Y, p.Colour);
                for (int i = 1; i < segment.Count; i++)
                    r.Line(segment[i - 1].X, segment[i - 1].Y, segment[i].X, segment[i].Y, p.Colour);
            }
        }
        foreach (var piece in ChartText.TimeLabels(c))
            Text(r, piece);
        return r;
    }

    static void Text(Raster r, ChartText.Piece t) => r.Text(t.X, t.Y, t.Text, t.Colour, t.Scale);
}
