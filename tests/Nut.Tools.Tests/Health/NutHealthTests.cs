using Nut.Testing;

namespace Nut.Tools.Tests.Health;

/// <summary>nut-health as users run it: an upslog file of recorded outages, upsmon.conf with SHUTDOWNTIME lines.</summary>
public sealed class NutHealthTests
{
    static (string Log, List<double> Seconds) WriteHistory(TempDir dir)
    {
        var (text, seconds) = OutageHistory.Upslog(OutageHistory.Standard);
        return (dir.Write("ups.log", text), seconds);
    }

    [Fact]
    public void TheReportListsTheDischargesTheModelAndABudgetThatFits()
    {
        using var dir = new TempDir("health");
        var (log, seconds) = WriteHistory(dir);
        dir.Write("upsmon.conf", "MONITOR ups@localhost 1 mon pw primary\nSHUTDOWNCMD \"/sbin/shutdown -h now\"\nSHUTDOWNTIME 90\nSHUTDOWNTIME 120 nas\n");
        var r = Proc.Run(Paths.Ours("nut-health"), ["-l", log, "-f", dir["upsmon.conf"], "-L", "50", "-c", "20"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"history: {log}: {seconds.Sum() / 10 + 4 * 8} lines, 4 discharges long and deep enough to measure", lines[0]);
        Assert.StartsWith("  2026-03-01 08:01: 100 % -> ", lines[1]);
        Assert.Contains("at 30 % load", lines[1]);
        Assert.StartsWith("model: a full battery lasts ", lines[5]);
        Assert.Contains("fitted", lines[5]);
        Assert.StartsWith("now: at 50 % load and 100 % charge the battery lasts ", lines[6]);
        // 20 % of a 1,800 s battery at 50 % load is 360 s; 120 + 90 are needed.
        Assert.Matches(@"^budget: fits: 3[4-7]\d s left at low battery \(charge 20 %\) at 50 % load, shutdowns need 210 s \(margin 1[3-6]\d s\)$", lines[7]);
    }

    [Fact]
    public void ABudgetThatNoLongerFitsIsAWarningAndExitStatusOne()
    {
        using var dir = new TempDir("health");
        var (log, _) = WriteHistory(dir);
        dir.Write("upsmon.conf", "SHUTDOWNTIME 120\nSHUTDOWNTIME 200 nas\nSHUTDOWNTIME 90 desktop\n");
        var r = Proc.Run(Paths.Ours("nut-health"), ["-l", log, "-f", dir["upsmon.conf"], "-L", "75", "-c", "20"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"budget: DOES NOT FIT: \d+ s left at low battery \(charge 20 %\) at 75 % load, shutdowns need 320 s \(\d+ s short\)\n$", r.Stdout);

        // Starting the shutdowns earlier with a rule makes it fit again.
        dir.Write("upsmon.conf", "SHUTDOWNTIME 120\nSHUTDOWNTIME 200 nas\nSHUTDOWNRULE * charge 50\n");
        var ruled = Proc.Run(Paths.Ours("nut-health"), ["-l", log, "-f", dir["upsmon.conf"], "-L", "75", "-c", "20"]);
        Assert.True(ruled.ExitCode == 0, ruled.ToString());
        Assert.Contains("budget: fits: ", ruled.Stdout);
        Assert.Contains("left at SHUTDOWNRULE charge 50 (charge 50 %)", ruled.Stdout);
    }

    [Fact]
    public void AFormatWithoutTheNeededVariablesAndAMissingFileAreClearErrors()
    {
        using var dir = new TempDir("health");
        dir.Write("short.log", "# format: %TIME @s% %VAR battery.charge%\n1700000000 100\n");
        var r = Proc.Run(Paths.Ours("nut-health"), ["-l", dir["short.log"]]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"nut-health: {dir["short.log"]}: its format does not log ups.load, ups.status (format: \"%TIME @s% %VAR battery.charge%\")\n", r.Stderr);
        var none = Proc.Run(Paths.Ours("nut-health"), ["-l", dir["nope.log"]]);
        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("nut-health: ", none.Stderr);
        var bad = Proc.Run(Paths.Ours("nut-health"), ["-l", dir["short.log"], "-L", "200"]);
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("nut-health: -L 200: expected a percentage from 0 to 100\n", bad.Stderr);
    }
}
