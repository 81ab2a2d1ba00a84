using System.Globalization;
using System.Security;
using System.Text;

namespace Nut.Tools.Plot;

/// <summary>Writes a <see cref="ChartLayout"/> as SVG: shaded on-battery spans, one polyline per panel, axes.</summary>
public static class SvgChart
{
    public const string OnBatteryColour = "#f6c8c8";
    public const string LineColour = "#1f5fa8";

    public static string Render(ChartLayout c, string title)
    {
        static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{c.Width}\" height=\"{c.Height}\" viewBox=\"0 0 {c.Width} {c.Height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        sb.Append($"<rect width=\"{c.Width}\" height=\"{c.Height}\" fill=\"#ffffff\"/>\n");
        sb.Append($"<text x=\"{F(c.PlotLeft)}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>\n");
        foreach (var p in c.Panels)
        {
            sb.Append($"<g class=\"panel\" data-variable=\"{SecurityElement.Escape(p.Variable)}\">\n");
            foreach (var (x0, x1) in c.OnBattery)
                sb.Append($"<rect class=\"onbattery\" x=\"{F(x0)}\" y=\"{F(p.Top)}\" width=\"{F(Math.Max(1, x1 - x0))}\" height=\"{F(p.Height)}\" fill=\"{OnBatteryColour}\"/>\n");
            sb.Append($"<rect x=\"{F(c.PlotLeft)}\" y=\"{F(p.Top)}\" width=\"{F(c.PlotRight - c.PlotLeft)}\" height=\"{F(p.Height)}\" fill=\"none\" stroke=\"#999999\"/>\n");
            sb.Append($"<text x=\"{F(c.PlotLeft)}\" y=\"{F(p.Top - 4)}\">{SecurityElement.Escape(p.Title)}</text>\n");
            sb.Append($"<text x=\"{F(c.PlotLeft - 6)}\" y=\"{F(p.Top + 10)}\" text-anchor=\"end\">{ChartLayout.Number(p.Max)}</text>\n");
            sb.Append($"<text x=\"{F(c.PlotLeft - 6)}\" y=\"{F(p.Top + p.Height)}\" text-anchor=\"end\">{ChartLayout.Number(p.Min)}</text>\n");
            sb.Append($"<polyline class=\"series\" fill=\"none\" stroke=\"{LineColour}\" stroke-width=\"1.5\" points=\"");
            sb.Append(string.Join(' ', p.Points.Select(pt => $"{F(pt.X)},{F(pt.Y)}")));
            sb.Append("\"/>\n</g>\n");
        }
        double axisY = c.Height - ChartLayout.MarginBottom + 16;
        foreach (var (x, label) in c.TimeTicks())
            sb.Append($"<text class=\"tick\" x=\"{F(x)}\" y=\"{F(axisY)}\" text-anchor=\"middle\">{label}</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
