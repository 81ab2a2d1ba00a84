using Nut.Platform;
using Nut.Tools.Plot;
using Nut.Tools.Upslog;

namespace Nut.Tools.Tests.Plot;

/// <summary>The format string becomes a line matcher that reads back exactly what upslog writes for it.</summary>
public sealed class LinePatternTests
{
    /// <summary>What upslog would print for a format: our upslog's LogFormat with fixed inputs.</summary>
    sealed class FixedSource(long unixSeconds, Dictionary<string, string> vars) : ILogLineSource
    {
        public string HostName => "host one";
        public string UpsHost => "dev@127.0.0.1:3493";
        public int Pid => 4242;
        public long UnixSeconds => unixSeconds;
        public string FormatTime(string strftimeFormat) => CTime.Format(strftimeFormat, unixSeconds);
        public string? Variable(string name) => vars.TryGetValue(name, out var v) ? v : null;
        public bool HasUpsName => true;
    }

    static readonly Dictionary<string, string> Vars = new()
    {
        ["battery.charge"] = "87",
        ["input.voltage"] = "229.5",
        ["ups.load"] = "31",
        ["ups.status"] = "OB DISCHRG LB",
        ["ups.temperature"] = "27.4",
        ["device.model"] = "Back-UPS RS 800",
    };

    const long When = 1_794_000_000; // a Friday in November 2026

    static (bool Ok, string?[] Values, DateTime? Time) Match(string format, string line)
    {
        var pattern = new LinePattern(format);
        var values = new string?[pattern.Variables.Count];
        var parts = new TimeParts();
        bool ok = pattern.TryMatch(line, values, parts);
        return (ok, values, ok ? parts.Resolve() : null);
    }

    [Fact]
    public void TheDefaultFormatReadsUpslogsObservedLine()
    {
        var pattern = new LinePattern(UpslogReader.DefaultFormat);
        Assert.Equal(["battery.charge", "input.voltage", "ups.load", "ups.status", "ups.temperature", "input.frequency"], pattern.Variables);
        var (ok, values, time) = Match(UpslogReader.DefaultFormat, "20261123 225637 100 NA NA [FSD OB LB] NA NA");
        Assert.True(ok);
        Assert.Equal(new DateTime(2026, 11, 23, 22, 56, 37), time);
        Assert.Equal(new string?[] { "100", "NA", "NA", "FSD OB LB", "NA", "NA" }, values);
    }

    [Theory]
    [InlineData("%TIME @Y@m@d @H@M@S% %VAR battery.charge% %VAR input.voltage% %VAR ups.load% [%VAR ups.status%] %VAR ups.temperature% %VAR input.frequency%")]
    [InlineData("%ETIME% %HOST% %UPSHOST% %PID% [%VAR ups.status%] %VAR battery.charge%")]
    [InlineData("%HOSTNAME%:%VARX battery.charge% %var ups.load% %Time @F@T% 100%% %bogus% %VAR nodot% %VAR% trail%")]
    [InlineData("%TIME @c%\t%VAR device.model%\t%VAR ups.status%\t%VAR battery.charge%")]
    [InlineData("%TIME @s%%t%VAR ups.load%%t%VAR input.voltage%")]
    [InlineData("%VAR ups.status%;%VAR battery.charge%;%TIME @d/@b/@Y:@H:@M:@S @z%;%VAR ups.temperature%")]
    public void LinesOurUpslogWritesAreReadBack(string format)
    {
        string line = new LogFormat(format).Render(new FixedSource(When, Vars)).TrimEnd('\n');
        var pattern = new LinePattern(format);
        var (ok, values, time) = Match(format, line);
        Assert.True(ok, $"'{line}' does not match {pattern.RegexText}");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(When).ToLocalTime().DateTime, time);
        for (int i = 0; i < pattern.Variables.Count; i++)
            Assert.Equal(Vars.GetValueOrDefault(pattern.Variables[i], "NA"), values[i]);
    }

    [Fact]
    public void EscapesFollowUpslogsPrefixRules()
    {
        // %VARX x% is %VAR x%, %HOSTNAME% is %HOST%; %VAR% and %VAR nodot% print INVALID, as does an
        // unknown escape and a % that nothing closes.
        var pattern = new LinePattern("%ETIME% %VARX ups.load% %HOSTNAME% %VAR nodot% %VAR% %bogus% trail%");
        Assert.Equal(["ups.load"], pattern.Variables);
        var (ok, values, _) = Match(pattern.Format, "1794000000 31 myhost INVALID INVALID INVALID trailINVALID");
        Assert.True(ok);
        Assert.Equal("31", values[0]);
        Assert.False(Match(pattern.Format, "1794000000 31 myhost x INVALID INVALID trailINVALID").Ok);
    }

    [Fact]
    public void AVariableLoggedTwiceIsOneVariable()
    {
        var pattern = new LinePattern("%ETIME% %VAR ups.load% %VAR UPS.LOAD%");
        Assert.Equal(["ups.load"], pattern.Variables);
    }

    [Fact]
    public void ValuesMayHoldSpacesWhereTheFormatDelimitsThem()
    {
        var (ok, values, _) = Match("%ETIME% [%VAR ups.status%] %VAR device.model% (%VAR battery.charge%)",
            "1794000000 [OL CHRG] Back-UPS RS 800 (100)");
        Assert.True(ok);
        Assert.Equal(new string?[] { "OL CHRG", "Back-UPS RS 800", "100" }, values);
    }

    [Fact]
    public void AMalformedLineTakesLinearTime()
    {
        // Many free-text values and a line that almost matches: a backtracking matcher would try every way
        // to split the line between them. This one must answer at once (the test would time out otherwise).
        string format = "%ETIME% " + string.Join(' ', Enumerable.Range(0, 12).Select(i => $"%VAR v.{i}%")) + " [%VAR ups.status%]";
        string line = "1794000000 " + string.Concat(Enumerable.Repeat("a ", 2000)) + "[OL";
        for (int i = 0; i < 20; i++)
            Assert.False(Match(format, line).Ok);
    }

    [Fact]
    public void AFormatWithoutTimeIsKnownAsSuch()
    {
        Assert.False(new LinePattern("%VAR battery.charge% %HOST%").HasTime);
        Assert.True(new LinePattern("%ETIME%").HasTime);
        Assert.True(new LinePattern("%TIME @H%").HasTime);
        Assert.False(new LinePattern("%TIME%").HasTime); // strftime of "" prints nothing
    }
}
