using System.Text;
using Nut.Tools.Plot;

namespace Nut.Tools.Tests.Plot;

/// <summary>The pieces a chart is made of: on-battery periods, gaps, axes, thinning, the font, the CRC.</summary>
public sealed class ChartPartsTests
{
    static UpslogData Read(string text, string format)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return UpslogReader.Read(LogLines.Read(stream), format);
    }

    static DateTime At(long epoch) => DateTimeOffset.FromUnixTimeSeconds(epoch).ToLocalTime().DateTime;

    [Fact]
    public void OnBatteryRunsFromTheFirstObLineToTheFirstLineThatIsNot()
    {
        // One line every 60 s; unknown status (NA) inside a period does not end it; the log ends on battery.
        var data = Read("0 OL\n60 OB\n120 NA\n180 OB LB\n240 OL\n300 OL\n360 OB\n420 OB\n", "%ETIME% %VAR ups.status%");
        var periods = OnBatteryPeriods.Find(data, LogGaps.Threshold(data.Times));
        Assert.Equal([new TimePeriod(At(60), At(240)), new TimePeriod(At(360), At(420))], periods);
    }

    [Fact]
    public void AGapInTheLogEndsAPeriodAtItsLastLine()
    {
        // upslog stopped at 180 s (say the machine shut down on low battery) and came back at 3600 s on line.
        var data = Read("0 OL\n60 OL\n120 OB\n180 OB LB\n3600 OL\n3660 OL\n", "%ETIME% %VAR ups.status%");
        var gap = LogGaps.Threshold(data.Times);
        Assert.Equal(TimeSpan.FromMinutes(5), gap);
        Assert.Equal([new TimePeriod(At(120), At(180))], OnBatteryPeriods.Find(data, gap));
    }

    [Fact]
    public void ValueAxesHaveRoundTicksAroundTheData()
    {
        var a = new ValueAxis(41.3, 97.2, 5);
        Assert.Equal((40.0, 100.0, 20.0), (a.Min, a.Max, a.Step));
        Assert.Equal(["40", "60", "80", "100"], a.Ticks.Select(t => t.Label));

        var small = new ValueAxis(49.91, 50.07, 4);
        Assert.Equal(["49.90", "49.95", "50.00", "50.05", "50.10"], small.Ticks.Select(t => t.Label));

        var flat = new ValueAxis(230, 230, 4);
        Assert.True(flat.Min < 230 && flat.Max > 230);

        var negative = new ValueAxis(-12, 3, 3);
        Assert.True(negative.Min <= -12 && negative.Max >= 3 && negative.Ticks.Count <= 4);
    }

    [Fact]
    public void TimeTicksAreRoundClockTimes()
    {
        var start = new DateTime(2026, 11, 1, 0, 7, 0);
        var hours = TimeAxis.Ticks(start, start.AddHours(3), 0, 800, DateKnowledge.Full);
        Assert.Equal(["00:30", "01:00", "01:30", "02:00", "02:30", "03:00"], hours.Select(t => t.Label));
        Assert.Equal(["11-01", null, null, null, null, null], hours.Select(t => t.DateLabel));
        Assert.Equal(800 * 23.0 / 180, hours[0].X, 6);

        var week = TimeAxis.Ticks(new DateTime(2026, 11, 1), new DateTime(2026, 11, 7, 23, 59, 0), 0, 916, DateKnowledge.Full);
        Assert.Equal(["11-01", "11-02", "11-03", "11-04", "11-05", "11-06", "11-07"], week.Select(t => t.Label));

        var undated = TimeAxis.Ticks(TimeParts.Placeholder.AddHours(20), TimeParts.Placeholder.AddHours(30), 0, 600, DateKnowledge.NoDate);
        Assert.Contains(undated, t => t.DateLabel == "day 2");
    }

    [Fact]
    public void ThinningKeepsEachColumnsEndsAndExtremesInOrder()
    {
        var points = new List<PixelPoint>();
        for (int i = 0; i < 1000; i++)
            points.Add(new PixelPoint(i / 10.0, Math.Sin(i * 0.7) * 50 + 100)); // 10 points per column
        var thin = Decimator.Reduce(points, plotWidth: 100);
        Assert.True(thin.Count <= 400);
        Assert.True(thin.Zip(thin.Skip(1)).All(p => p.First.X <= p.Second.X));
        foreach (var column in points.GroupBy(p => (int)Math.Floor(p.X)))
        {
            var kept = thin.Where(p => (int)Math.Floor(p.X) == column.Key).ToList();
            Assert.Equal(column.First(), kept[0]);
            Assert.Equal(column.Last(), kept[^1]);
            Assert.Equal(column.Min(p => p.Y), kept.Min(p => p.Y));
            Assert.Equal(column.Max(p => p.Y), kept.Max(p => p.Y));
        }
        var few = points.Take(150).ToList();
        Assert.Same(few, Decimator.Reduce(few, plotWidth: 100));
    }

    [Fact]
    public void EveryPrintableCharacterHasAWellFormedGlyph()
    {
        for (char c = ' '; c <= '~'; c++)
        {
            Assert.True(BitmapFont.Has(c), $"no glyph for '{c}'");
            var rows = BitmapFont.Glyph(c);
            Assert.True(rows.Length is BitmapFont.CapHeight or BitmapFont.CapHeight + BitmapFont.Descent, $"'{c}' has {rows.Length} rows");
            Assert.All(rows, r => Assert.True(r < 1 << BitmapFont.GlyphWidth));
            Assert.True(c == ' ' || rows.Any(r => r != 0), $"'{c}' is blank");
        }
        Assert.Equal(BitmapFont.Glyph('?'), BitmapFont.Glyph('\u2603')); // what the font lacks is a '?'
        Assert.Equal(5 * BitmapFont.Advance - 1, BitmapFont.Width("hello"));
    }

    [Fact]
    public void Crc32IsTheStandardOne()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8)); // the catalogue check value
        var bytes = new byte[3000];
        new Random(1).NextBytes(bytes);
        Assert.Equal(PngDecoder.BitwiseCrc(bytes), Crc32.Compute(bytes));
    }

    [Fact]
    public void SvgTextIsEscaped()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; \uFFFDe", SvgChart.Escape("a <b> & \"c\" 'd' \u0001e"));
    }
}
