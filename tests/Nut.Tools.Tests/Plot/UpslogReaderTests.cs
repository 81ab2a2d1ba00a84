using System.Text;
using Nut.Tools.Plot;

namespace Nut.Tools.Tests.Plot;

/// <summary>Reading a log: the format from -f or a header, malformed lines counted, time kept going forward.</summary>
public sealed class UpslogReaderTests
{
    static UpslogData Read(string text, string? format = null) => Read(Encoding.UTF8.GetBytes(text), format);

    static UpslogData Read(byte[] bytes, string? format = null)
    {
        using var stream = new MemoryStream(bytes);
        return UpslogReader.Read(LogLines.Read(stream), format);
    }

    [Fact]
    public void MalformedLinesAreCountedAndDescribedNeverFatal()
    {
        var text = new StringBuilder();
        text.Append("20261101 000000 100 230 20 [OL] 25 50.0\n");
        text.Append("this is not a log line\n");
        text.Append('\n'); // blank: not counted
        text.Append("# a comment: not counted\n");
        text.Append("20261101 000100 100 230 20 [OL] 25 50.0\r\n"); // CRLF is fine
        text.Append(new string('x', 5000)).Append('\n');
        text.Append("20260230 000200 100 230 20 [OL] 25 50.0\n"); // 30 February
        text.Append("20261101 000300 100 230 20 [OL] 25\n"); // a field short
        for (int i = 0; i < 10; i++)
            text.Append("junk\n");
        text.Append("20261101 000400 99 230 21 [OB] 25 50.0"); // no final newline
        var data = Read(text.ToString());

        Assert.Equal(3, data.Count);
        Assert.Equal(14, data.SkippedCount);
        Assert.Equal(
            [new SkippedLine(2, "does not match the format"), new SkippedLine(6, $"longer than {LogLines.MaxLineBytes} bytes"),
             new SkippedLine(7, "its time is not a real date or time"), new SkippedLine(8, "does not match the format"),
             new SkippedLine(9, "does not match the format")],
            data.Skipped);
        Assert.Equal(new DateTime(2026, 11, 1, 0, 4, 0), data.Times[^1]);
        Assert.True(data.OnBattery(2));
    }

    [Fact]
    public void BinaryJunkIsSkippedNotFatal()
    {
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        var data = Read(bytes);
        Assert.Equal(0, data.Count);
        Assert.True(data.SkippedCount > 0);
    }

    [Fact]
    public void AHeaderLineGivesTheFormatUnlessOneIsGiven()
    {
        string log = "# format: %ETIME% %VAR ups.load% %VAR ups.status%\n1794000000 31 OL\n1794000060 32 OB\n";
        var data = Read(log);
        Assert.Equal(["ups.load", "ups.status"], data.Variables);
        Assert.Equal(2, data.Count);
        Assert.Equal(0, data.SkippedCount);
        Assert.Equal(32, data.Number(0, 1));

        // A format given on the command line wins; the header is then a comment.
        var other = Read(log, "%ETIME% %VAR ups.load%");
        Assert.Equal(["ups.load"], other.Variables);
        // The last field of a format takes the rest of the line (ups.status often holds spaces), so
        // "31 OL" is read as the load: not a number, so no value is charted.
        Assert.Equal(2, other.Count);
        Assert.Equal(0, other.SkippedCount);
        Assert.Null(other.Number(0, 0));
    }

    [Fact]
    public void NaAndNonNumbersAreNotValues()
    {
        var data = Read("1794000000 NA\n1794000060 INVALID\n1794000120 NaN\n1794000180 Infinity\n1794000240 abc\n1794000300 -1.5e1\n", "%ETIME% %VAR ups.load%");
        Assert.Equal(6, data.Count);
        Assert.Equal([null, null, null, null, null, -15.0], Enumerable.Range(0, 6).Select(r => data.Number(0, r)));
    }

    [Fact]
    public void LinesAreChartedInTimeOrder()
    {
        var data = Read("1794000120 3\n1794000000 1\n1794000060 2\n1794000060 2b\n", "%ETIME% %VAR ups.load%");
        Assert.True(data.Times.SequenceEqual(data.Times.Order()));
        Assert.Equal(["1", "2", "2b", "3"], Enumerable.Range(0, 4).Select(r => data.Text(0, r)));
    }

    [Fact]
    public void ALogWithoutDatesCountsDaysAtMidnight()
    {
        var data = Read("23:58:00 1\n23:59:00 2\n00:00:00 3\n00:01:00 4\n00:00:30 5\n", "%TIME @H:@M:@S% %VAR ups.load%");
        Assert.Equal(DateKnowledge.NoDate, data.Knowledge);
        var day1 = TimeParts.Placeholder;
        // The last line is half a minute back: a clock adjustment, not another day (then sorted into place).
        Assert.Equal([day1.AddHours(23).AddMinutes(58), day1.AddHours(23).AddMinutes(59), day1.AddDays(1),
            day1.AddDays(1).AddSeconds(30), day1.AddDays(1).AddMinutes(1)], data.Times);
    }

    [Fact]
    public void ALogWithoutYearsCountsYearsAtNewYear()
    {
        var data = Read("Dec 31 23:59 1\nJan  1 00:00 2\n", "%TIME @b @e @H:@M% %VAR ups.load%");
        Assert.Equal(DateKnowledge.NoYear, data.Knowledge);
        Assert.Equal(TimeSpan.FromMinutes(1), data.Times[1] - data.Times[0]);
    }

    [Fact]
    public void StatusTellsOnBatteryOrNothing()
    {
        var data = Read("1 OL\n2 OB DISCHRG\n3 NA\n4 FSD OB LB\n5 OBX\n6 \n", "%ETIME% %VAR ups.status%");
        Assert.Equal([false, true, null, true, false, null], Enumerable.Range(0, 6).Select(data.OnBattery));
        var noStatus = Read("1 10\n", "%ETIME% %VAR ups.load%");
        Assert.Null(noStatus.OnBattery(0));
    }

    [Fact]
    public void AFormatWithoutTimeIsAnError()
    {
        var e = Assert.Throws<FormatException>(() => Read("100\n", "%VAR battery.charge%"));
        Assert.Contains("has no %TIME ...% or %ETIME%", e.Message);
    }
}
