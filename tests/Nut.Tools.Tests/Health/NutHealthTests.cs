using System.Globalization;
using System.Text;
using Nut.Testing;

namespace Nut.Tools.Tests.Health;

/// <summary>nut-health as users run it: an upslog file of recorded outages, upsmon.conf with SHUTDOWNTIME lines.</summary>
public sealed class NutHealthTests
{
    const string Format = "%TIME @Y-@m-@d @H:@M:@S% %VAR battery.charge% %VAR ups.load% %VAR ups.status%";

    /// <summary>Four outages of a battery lasting 1,800 s full at 50 % load (Peukert exponent 1.25), logged every
    /// 10 s in whole percents; the last two run down to 20 %. Returns the file and the measured outage lengths.</summary>
    static (string Log, List<double> Seconds) WriteHistory(TempDir dir)
    {
        var sb = new StringBuilder("# format: " + Format + "\n");
        var measured = new List<double>();
        var t = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Local);
        void Line(double charge, double load, string status)
        {
            sb.Append(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(' ')
              .Append(Math.Round(charge).ToString(CultureInfo.InvariantCulture)).Append(' ')
              .Append(load.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(status).Append('\n');
        }
        (double Load, double Until, double Max)[] outages = [(30, 0, 600), (60, 0, 400), (45, 20, 1e9), (75, 20, 1e9)];
        foreach (var (load, until, max) in outages)
        {
            for (int i = 0; i < 6; i++) { Line(100, load, "OL"); t = t.AddSeconds(10); }
            double full = 1800 * Math.Pow(load / 50, -1.25), charge = 100, s = 0;
            while (charge > until && s < max)
            {
                Line(charge, load, "OB DISCHRG");
                charge -= 10 * 100 / full;
                t = t.AddSeconds(10);
                s += 10;
            }
            Line(charge, load, "OB DISCHRG");
            measured.Add(s);
            t = t.AddSeconds(10);
            Line(charge, load, "OL CHRG");
            t = t.AddDays(3);
        }
        return (dir.Write("ups.log", sb.ToString()), measured);
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
