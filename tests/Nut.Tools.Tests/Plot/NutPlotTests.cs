using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Nut.Testing;
using Nut.Tools.Plot;
using Nut.Tools.Upslog;

namespace Nut.Tools.Tests.Plot;

/// <summary>nut-plot (issue 3 item 4): a known log drawn as SVG (points and shaded spans checked) and PNG (decoded).</summary>
public sealed class NutPlotTests : IDisposable
{
    readonly TempDir _dir = new("plot");
    static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0);

    /// <summary>Three hours, one line a minute, in upslog's default format; on battery from minute 60 to 90.</summary>
    string KnownLog()
    {
        var lines = new List<string> { "garbage that matches nothing" };
        for (int i = 0; i < 180; i++)
        {
            bool ob = i >= 60 && i < 90;
            int charge = ob ? 100 - (i - 60) * 2 : 100;
            string status = ob ? "OB DISCHRG" : "OL";
            lines.Add($"{Start.AddMinutes(i):yyyyMMdd HHmmss} {charge} {(ob ? 0 : 230)} {20 + i % 10} [{status}] NA 50.0");
        }
        return _dir.Write("ups.log", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void SvgPointsFollowTheDataAndTheOnBatteryPeriodIsShaded()
    {
        string log = KnownLog();
        string svg = _dir["chart.svg"];
        var r = Proc.Run(Paths.Ours("nut-plot"), ["-v", "battery.charge,ups.load", "-o", svg, "-W", "800", "-H", "400", log]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("1 line(s) do not match the format and were skipped", r.Stderr);

        XNamespace ns = "http://www.w3.org/2000/svg";
        var doc = XDocument.Load(svg);
        var panels = doc.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();
        Assert.Equal(["battery.charge", "ups.load"], panels.Select(p => (string)p.Attribute("data-variable")!));

        var charge = panels[0];
        var points = ((string)charge.Element(ns + "polyline")!.Attribute("points")!).Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(180, points.Count);
        double left = ChartLayout.MarginLeft, right = 800 - ChartLayout.MarginRight;
        Assert.Equal(left, points[0][0], 1);
        Assert.Equal(right, points[^1][0], 1);
        // x follows time: minute i at left + i/179 of the width.
        Assert.Equal(left + 60.0 / 179 * (right - left), points[60][0], 1);
        // y follows the value: charge falls while on battery, so the line goes down the panel.
        Assert.True(points[89][1] > points[60][1] && points[60][1] > points[59][1] - 1e-9);
        Assert.Equal(points[0][1], points[59][1], 3);

        var shaded = charge.Elements(ns + "rect").Where(e => (string?)e.Attribute("class") == "onbattery").ToList();
        var rect = Assert.Single(shaded);
        double x = (double)rect.Attribute("x")!, w = (double)rect.Attribute("width")!;
        Assert.Equal(left + 60.0 / 179 * (right - left), x, 1);
        Assert.Equal(left + 90.0 / 179 * (right - left), x + w, 1);
        Assert.Single(panels[1].Elements(ns + "rect"), e => (string?)e.Attribute("class") == "onbattery");
    }

    [Fact]
    public void PngHasTheSizeTheShadingAndTheLine()
    {
        string log = KnownLog();
        string png = _dir["chart.png"];
        var r = Proc.Run(Paths.Ours("nut-plot"), ["-v", "battery.charge", "-o", png, "-W", "640", "-H", "300", log]);
        Assert.Equal(0, r.ExitCode);
        var (width, height, rgb) = Decode(File.ReadAllBytes(png));
        Assert.Equal((640, 300), (width, height));
        (byte, byte, byte) Pixel(int px, int py) { int i = (py * width + px) * 3; return (rgb[i], rgb[i + 1], rgb[i + 2]); }

        double left = ChartLayout.MarginLeft, right = 640 - ChartLayout.MarginRight;
        int midOb = (int)(left + 75.0 / 179 * (right - left));
        int panelBottom = 300 - (int)ChartLayout.MarginBottom - 2;
        Assert.Equal(PngChart.OnBattery, Pixel(midOb, panelBottom - 1)); // shaded below the line in the OB period
        int beforeOb = (int)(left + 30.0 / 179 * (right - left));
        Assert.Equal(PngChart.Background, Pixel(beforeOb, panelBottom - 1));
        int linePixels = 0;
        for (int i = 0; i < rgb.Length; i += 3)
            if ((rgb[i], rgb[i + 1], rgb[i + 2]) == PngChart.Line) linePixels++;
        Assert.True(linePixels > 500, $"expected the data line to be drawn, found {linePixels} line pixels");
    }

    [Fact]
    public void AWeekOfMinuteLinesRendersAndDecimates()
    {
        var lines = new List<string>();
        for (int i = 0; i < 7 * 24 * 60; i++)
            lines.Add($"{Start.AddMinutes(i):yyyyMMdd HHmmss} {100 - i % 50} 230 {i % 40} [OL] 25 50.0");
        var reader = new UpslogReader(LogFormat.Default);
        var samples = reader.Read(lines);
        Assert.Equal(10_080, samples.Count);
        var clock = Stopwatch.StartNew();
        var layout = new ChartLayout(samples, ["battery.charge", "ups.load"], 1000, 600);
        byte[] png = PngChart.Render(layout, "week");
        string svg = SvgChart.Render(layout, "week");
        clock.Stop();
        // Decimated to at most four points per pixel column.
        Assert.All(layout.Panels, p => Assert.True(p.Points.Count <= 4 * 1000, $"{p.Points.Count} points"));
        Assert.True(png.Length > 1000 && svg.Length > 1000);
        Console.WriteLine($"a week of one-minute lines: layout + PNG + SVG in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void AFormatWithoutTimeIsAClearError()
    {
        string log = _dir.Write("x.log", "100\n");
        var r = Proc.Run(Paths.Ours("nut-plot"), ["-f", "%VAR battery.charge%", log]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("the format has no %TIME ...% or %ETIME%", r.Stderr);
    }

    /// <summary>A minimal PNG decoder for what PngWriter writes (RGB, 8 bit, filter 0), checking every CRC.</summary>
    static (int Width, int Height, byte[] Rgb) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int pos = 8, width = 0, height = 0;
        using var idat = new MemoryStream();
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(PngWriter.Crc(0xFFFFFFFF, png.AsSpan(pos + 4, 4 + length)) ^ 0xFFFFFFFF, crc);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                Assert.Equal(2, data[9]);
            }
            else if (type == "IDAT") idat.Write(data);
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        Assert.Equal(height * (1 + width * 3), bytes.Length);
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, bytes[y * (1 + width * 3)]);
            Array.Copy(bytes, y * (1 + width * 3) + 1, rgb, y * width * 3, width * 3);
        }
        return (width, height, rgb);
    }

    public void Dispose() => _dir.Dispose();
}
