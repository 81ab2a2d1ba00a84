using System.Globalization;
using System.Xml.Linq;

namespace Nut.Tools.Tests.Plot;

/// <summary>
/// Reads a nut-plot SVG back with System.Xml: per panel its frame, axis, time window, polylines and shaded
/// rectangles, and maps pixels back to times and values the way the chart's axes say.
/// </summary>
public sealed class SvgChartReader
{
    static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public SvgChartReader(string path)
    {
        Document = XDocument.Load(path);
        Root = Document.Root!;
        Panels = [.. Root.Elements(Svg + "g").Where(g => Class(g) == "panel").Select(g => new PanelView(g))];
    }

    public XDocument Document { get; }
    public XElement Root { get; }
    public List<PanelView> Panels { get; }

    public PanelView Panel(string variable) => Panels.Single(p => p.Variable == variable);

    public IEnumerable<XElement> WithClass(string cls) => Root.Descendants().Where(e => Class(e) == cls);

    static string? Class(XElement e) => (string?)e.Attribute("class");

    static double D(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    static DateTime T(XElement e, string name) => DateTime.ParseExact((string)e.Attribute(name)!, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public sealed record Shade(double X, double Width, DateTime From, DateTime To);

    public sealed class PanelView
    {
        public PanelView(XElement g)
        {
            Variable = (string)g.Attribute("data-variable")!;
            AxisMin = D(g, "data-axis-min");
            AxisMax = D(g, "data-axis-max");
            TimeStart = T(g, "data-time-start");
            TimeEnd = T(g, "data-time-end");
            var frame = g.Elements(Svg + "rect").Single(r => Class(r) == "frame");
            (FrameX, FrameY, FrameWidth, FrameHeight) = (D(frame, "x"), D(frame, "y"), D(frame, "width"), D(frame, "height"));
            Lines = [.. g.Elements(Svg + "polyline").Where(p => Class(p) == "series").Select(p => ((string)p.Attribute("points")!)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(xy => xy.Split(','))
                .Select(xy => (X: double.Parse(xy[0], CultureInfo.InvariantCulture), Y: double.Parse(xy[1], CultureInfo.InvariantCulture)))
                .ToList())];
            Shades = [.. g.Elements(Svg + "rect").Where(r => Class(r) == "onbattery")
                .Select(r => new Shade(D(r, "x"), D(r, "width"), T(r, "data-from"), T(r, "data-to")))];
        }

        public string Variable { get; }
        public double AxisMin { get; }
        public double AxisMax { get; }
        public DateTime TimeStart { get; }
        public DateTime TimeEnd { get; }
        public double FrameX { get; }
        public double FrameY { get; }
        public double FrameWidth { get; }
        public double FrameHeight { get; }
        public List<List<(double X, double Y)>> Lines { get; }
        public List<Shade> Shades { get; }

        public double XOf(DateTime t) => FrameX + (t - TimeStart).TotalSeconds / (TimeEnd - TimeStart).TotalSeconds * FrameWidth;
        public double YOf(double v) => FrameY + FrameHeight - (v - AxisMin) / (AxisMax - AxisMin) * FrameHeight;
        public DateTime TimeAt(double x) => TimeStart.AddSeconds((x - FrameX) / FrameWidth * (TimeEnd - TimeStart).TotalSeconds);
        public double ValueAt(double y) => AxisMin + (FrameY + FrameHeight - y) / FrameHeight * (AxisMax - AxisMin);
    }
}
