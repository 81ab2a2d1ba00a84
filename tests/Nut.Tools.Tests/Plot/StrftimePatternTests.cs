using System.Globalization;
using Nut.Platform;
using Nut.Tools.Plot;

namespace Nut.Tools.Tests.Plot;

/// <summary>
/// %TIME formats against the real thing: glibc's strftime (what upslog calls) prints a time, the pattern
/// must read back the same time, as far as the format tells it.
/// </summary>
public sealed class StrftimePatternTests
{
    /// <summary>Times with one-digit days and hours, noon and midnight, a leap day, the last century.</summary>
    static readonly long[] Moments =
    [
        1_794_000_000, // 2026-11-06 21:20:00 UTC
        1_767_225_599, // 2025-12-31 23:59:59
        1_830_297_600 + 3600 * 12 + 61, // 2028-01-01 12:01:01
        1_835_395_200 + 7 * 3600 + 5 * 60, // 2028-02-29 07:05:00
        946_684_799, // 1999-12-31 23:59:59
        1_772_416_800, // 2026-03-02 02:00:00
    ];

    /// <summary>An upslog %TIME format (with @) and the .NET format of the parts of the time it tells.</summary>
    [Theory]
    [InlineData("@Y@m@d @H@M@S", "yyyyMMdd HHmmss", DateKnowledge.Full)]
    [InlineData("@Y@m@d@H@M@S", "yyyyMMdd HHmmss", DateKnowledge.Full)]
    [InlineData("@F @T", "yyyy-MM-dd HH:mm:ss", DateKnowledge.Full)]
    [InlineData("@c", "yyyy-MM-dd HH:mm:ss", DateKnowledge.Full)]
    [InlineData("@D @r", "yyyy-MM-dd HH:mm:ss", DateKnowledge.Full)]
    [InlineData("@x @X", "yyyy-MM-dd HH:mm:ss", DateKnowledge.Full)]
    [InlineData("@a @b @e @H:@M:@S @Y", "yyyy-MM-dd HH:mm:ss", DateKnowledge.Full)]
    [InlineData("@s", "yyyy-MM-dd HH:mm:ss", DateKnowledge.Full)]
    [InlineData("@Y-@j @R", "yyyy-MM-dd HH:mm", DateKnowledge.Full)]
    [InlineData("@d/@b/@Y:@H:@M:@S @z", "yyyy-MM-dd HH:mm:ss", DateKnowledge.Full)]
    [InlineData("@A, @B @-d @Y @l:@M @p", "yyyy-MM-dd HH:mm", DateKnowledge.Full)]
    [InlineData("@^a @^b @_d @Y @I @#p", "yyyy-MM-dd HH", DateKnowledge.Full)]
    [InlineData("@C@y-@m-@d @k:@M", "yyyy-MM-dd HH:mm", DateKnowledge.Full)]
    [InlineData("@Ey/@Om/@Od @OH", "yyyy-MM-dd HH", DateKnowledge.Full)]
    [InlineData("@10Y @m @d", "yyyy-MM-dd", DateKnowledge.Full)]
    [InlineData("@b @e @T", "MM-dd HH:mm:ss", DateKnowledge.NoYear)]
    [InlineData("@_H:@M", "HH:mm", DateKnowledge.NoDate)]
    [InlineData("@G-W@V-@u @T @Z (@w @U @W @g) 100@@", "HH:mm:ss", DateKnowledge.NoDate)]
    [InlineData("@Q @H", "HH", DateKnowledge.NoDate)]
    public void WhatStrftimePrintsIsReadBack(string upslogFormat, string tells, DateKnowledge knowledge)
    {
        string strftime = upslogFormat.Replace('@', '%');
        var pattern = new LinePattern($"%TIME {upslogFormat}%");
        var values = new string?[0];
        var parts = new TimeParts();
        foreach (long moment in Moments)
        {
            string printed = CTime.Format(strftime, moment);
            Assert.True(pattern.TryMatch(printed, values, parts), $"'{printed}' ({strftime}) does not match {pattern.RegexText}");
            var expected = DateTimeOffset.FromUnixTimeSeconds(moment).ToLocalTime().DateTime;
            var read = parts.Resolve();
            Assert.NotNull(read);
            Assert.Equal(expected.ToString(tells, CultureInfo.InvariantCulture), read.Value.ToString(tells, CultureInfo.InvariantCulture));
            Assert.Equal(knowledge, parts.Knowledge);
        }
    }

    [Theory]
    [InlineData("@Y@m@d @H@M@S", "20260230 120000")] // 30 February
    [InlineData("@Y@m@d @H@M@S", "20261301 120000")] // month 13
    [InlineData("@Y@m@d @H@M@S", "20261101 250000")] // hour 25
    [InlineData("@Y-@j", "2026-366")] // 2026 has 365 days
    [InlineData("@I:@M @p", "13:00 PM")]
    [InlineData("@F @T @z", "2026-11-01 10:00:00 +0575")] // 75 minutes
    public void ImpossibleTimesAreRefused(string upslogFormat, string printed)
    {
        var pattern = new LinePattern($"%TIME {upslogFormat}%");
        var parts = new TimeParts();
        bool matched = pattern.TryMatch(printed, [], parts);
        Assert.True(!matched || parts.Resolve() is null);
    }

    [Fact]
    public void ItMatchesOnlyWhatStrftimePrints()
    {
        var pattern = new LinePattern("%TIME @Y@m@d @H@M@S%");
        var parts = new TimeParts();
        Assert.False(pattern.TryMatch("2026111 120000", [], parts)); // seven digits
        Assert.False(pattern.TryMatch("20261101 12:00:00", [], parts));
        Assert.False(pattern.TryMatch("20261101 120000 ", [], parts)); // trailing text
        Assert.True(pattern.TryMatch("20261101 120000", [], parts));
    }
}
