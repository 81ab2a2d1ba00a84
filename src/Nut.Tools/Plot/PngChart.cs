namespace Nut.Tools.Plot;

/// <summary>Draws a <see cref="ChartLayout"/> into a PNG with the same geometry and colours as the SVG.</summary>
public static class PngChart
{
    public static readonly (byte, byte, byte) Background = (255, 255, 255);
    public static readonly (byte, byte, byte) OnBattery = (0xf6, 0xc8, 0xc8);
    public static readonly (byte, byte, byte) Line = (0x1f, 0x5f, 0xa8);
    static readonly (byte, byte, byte) Frame = (0x99, 0x99, 0x99);
    static readonly (byte, byte, byte) Ink = (0x22, 0x22, 0x22);

    public static byte[] Render(ChartLayout c, string title)
    {
        var r = new Raster(c.Width, c.Height, Background);
        r.Text(c.PlotLeft, 6, title, Ink);
        foreach (var p in c.Panels)
        {
            foreach (var (x0, x1) in c.OnBattery)
                r.FillRect(x0, p.Top, Math.Max(1, x1 - x0), p.Height, OnBattery);
            r.StrokeRect(c.PlotLeft, p.Top, c.PlotRight - c.PlotLeft, p.Height, Frame);
            r.Text(c.PlotLeft, p.Top - 13, p.Title, Ink);
            string max = ChartLayout.Number(p.Max), min = ChartLayout.Number(p.Min);
            r.Text(c.PlotLeft - 6 - Raster.TextWidth(max), p.Top + 2, max, Ink);
            r.Text(c.PlotLeft - 6 - Raster.TextWidth(min), p.Top + p.Height - 10, min, Ink);
            for (int i = 1; i < p.Points.Count; i++)
                r.Line(p.Points[i - 1].X, p.Points[i - 1].Y, p.Points[i].X, p.Points[i].Y, Line);
        }
        foreach (var (x, label) in c.TimeTicks())
            r.Text(x - Raster.TextWidth(label) / 2.0, c.Height - ChartLayout.MarginBottom + 8, label, Ink);
        return PngWriter.Encode(r.Width, r.Height, r.Pixels);
    }
}
