using Nut.Testing;
using Nut.Web.History;
using Nut.Web.Watching;

namespace Nut.Web.Tests;

/// <summary>The SQLite history: samples, buckets for the graphs, on-battery periods, retention, and upslog imports.</summary>
public sealed class HistoryTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    static HistorySample Sample(int seconds, double charge, bool onBattery) =>
        new("u@h:1", T0.AddSeconds(seconds), charge, 600 - seconds, 40, onBattery ? 0 : 230, 230, 25, onBattery, onBattery ? "OB" : "OL");

    [Fact]
    public void SeriesAreAveragedIntoBucketsWithTheOnBatteryPeriods()
    {
        using var store = HistoryStore.Open(null);
        // On line for a minute, on battery for two, on line again: one sample every 10 s.
        store.Add([.. Enumerable.Range(0, 30).Select(i => Sample(i * 10, 100 - Math.Max(0, i - 6) * 2, i is >= 6 and < 18))]);
        long from = T0.ToUnixTimeMilliseconds(), to = T0.AddMinutes(5).ToUnixTimeMilliseconds();

        var every = store.Series("u@h:1", from, to, 5000);
        Assert.Equal(30, every.Time.Length);
        Assert.Equal(100, every.Charge[0]);
        Assert.Equal([[T0.AddSeconds(60).ToUnixTimeMilliseconds(), T0.AddSeconds(180).ToUnixTimeMilliseconds()]], every.OnBattery);

        // Ten buckets of 30 s: averages of three samples each.
        var coarse = store.Series("u@h:1", from, T0.AddSeconds(300).ToUnixTimeMilliseconds(), 10);
        Assert.Equal(30_000, coarse.BucketMs);
        Assert.Equal(10, coarse.Time.Length);
        Assert.Equal(100, coarse.Charge[0]);
        Assert.Equal((94 + 92 + 90) / 3.0, coarse.Charge[3]!.Value, 2); // samples 9, 10 and 11
        Assert.Equal([230, 230, 0, 0, 0, 0, 230, 230, 230, 230], coarse.InputVoltage);
        Assert.Single(coarse.OnBattery);

        Assert.Empty(store.Series("other@h:1", from, to, 100).Time);
    }

    [Fact]
    public void RetentionRemovesOldRowsAndEventsAreNewestFirst()
    {
        using var store = HistoryStore.Open(null);
        store.Add([Sample(0, 100, false), Sample(3600, 90, false)]);
        store.Add([new UpsEvent("u@h:1", T0, "status", "first", Severity.Ok), new UpsEvent("u@h:1", T0.AddSeconds(1), "status", "second", Severity.Warning)]);
        Assert.Equal(["second", "first"], store.Events("u@h:1", 10).Select(e => e.Text));
        Assert.Equal(Severity.Warning, store.Events("u@h:1", 1).Single().Severity);
        Assert.Equal(3, store.Prune(T0.AddSeconds(10), T0.AddDays(-400))); // one sample and both events
        Assert.Equal(1, store.Count("u@h:1"));
        Assert.Empty(store.Events("u@h:1", 10));

        // Outages stay for battery health until the longer window ends.
        store.Add([Sample(-100, 80, true), Sample(-90, 79, false)]);
        Assert.Equal(1, store.Prune(T0.AddSeconds(10), T0.AddDays(-400)));
        Assert.Equal(2, store.Count("u@h:1"));
        Assert.Equal(1, store.Prune(T0.AddSeconds(10), T0.AddSeconds(10)));
        Assert.Equal(1, store.Count("u@h:1"));
    }

    [Fact]
    public void TheHistoryFileSurvivesARestart()
    {
        using var dir = new TempDir("history");
        string file = dir["sub/dir/upsweb.db"];
        using (var store = HistoryStore.Open(file))
            store.Add([Sample(0, 100, false)]);
        using (var again = HistoryStore.Open(file))
            Assert.Equal(1, again.Count("u@h:1"));
    }

    [Fact]
    public void AnUpslogFileIsImportedWithItsFormatAndBadLinesAreReported()
    {
        using var store = HistoryStore.Open(null);
        string log = string.Join('\n',
            "20261130 100000 100 230.0 25 [OL] 30.0 50.0",
            "20261130 100030 99 0.0 26 [OB DISCHRG] 30.5 50.0",
            "garbage that is no log line",
            "20261130 100100 95 NA 26 [OB DISCHRG LB] 31.0 50.0",
            "20261130 100130 95 229.0 25 [OL CHRG] 31.0 50.0", "");
        var result = UpslogImporter.Import(store, "u@h:1", new MemoryStream(System.Text.Encoding.ASCII.GetBytes(log)), null);
        Assert.Equal(4, result.Imported);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(3, result.SkippedLines.Single().Number);
        var local = new DateTimeOffset(new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Local));
        var series = store.Series("u@h:1", local.ToUnixTimeMilliseconds(), local.AddMinutes(2).ToUnixTimeMilliseconds(), 5000);
        Assert.Equal([100, 99, 95, 95], series.Charge);
        Assert.Equal([230, 0, null, 229], series.InputVoltage);
        Assert.Equal([25, 26, 26, 25], series.Load);
        Assert.Equal([30, 30.5, 31, 31], series.Temperature);
        Assert.Equal([[local.AddSeconds(30).ToUnixTimeMilliseconds(), local.AddSeconds(90).ToUnixTimeMilliseconds()]], series.OnBattery);
    }

    [Fact]
    public void TheImportCommandWritesIntoTheHistoryFileUpswebServes()
    {
        using var dir = new TempDir("import");
        dir.Write("ups.log", "# format: %TIME @Y-@m-@d @H:@M:@S% %VAR battery.charge% %VAR ups.status%\n"
            + "2026-11-30 10:00:00 100 OL\n2026-11-30 10:00:10 97 OB\n");
        var r = Proc.Run(Paths.Ours("upsweb"), ["--import", dir["ups.log"], "--ups", "bessie@localhost:3493", "--history", dir["h.db"]]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal($"upsweb: imported 2 samples of bessie@localhost:3493 from {dir["ups.log"]} into {dir["h.db"]}\n", r.Stdout);
        using var store = HistoryStore.Open(dir["h.db"]);
        Assert.Equal(2, store.Count("bessie@localhost:3493"));

        var wrong = Proc.Run(Paths.Ours("upsweb"), ["--import", dir["ups.log"], "--history", dir["h.db"], "--ups", "*@localhost"]);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("--import needs exactly one --ups", wrong.Stderr);
    }
}
