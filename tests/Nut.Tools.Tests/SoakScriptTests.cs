using System.Globalization;
using Nut.Testing;

namespace Nut.Tools.Tests;

/// <summary>
/// scripts/soak.sh (issue 9) on a 20 s run: the whole stack starts, every daemon is sampled, the stack is
/// still alive and answering at the end, and the report ends in a verdict. The hour-long run itself is
/// documented in docs/soak.md; this only keeps the script from rotting.
/// </summary>
public sealed class SoakScriptTests
{
    static readonly string[] Daemons = ["dummy-ups", "upsd", "upsmon", "upsmon-child", "upslog", "upsweb"];

    [Fact]
    public void A_short_soak_samples_every_daemon_and_passes()
    {
        using var dir = new TempDir("soak");
        string script = Path.Combine(Paths.RepoRoot, "scripts", "soak.sh");
        var r = Proc.Run(script, ["--duration", "20s", "--interval", "2", "--bin", Paths.OurBin, "--out", dir.FullPath],
            timeout: TimeSpan.FromSeconds(150));

        Assert.True(r.ExitCode == 0, r.ToString());
        string[] report = File.ReadAllLines(dir["report.txt"]);
        Assert.StartsWith("verdict: PASS (all daemons alive, upsc answers: ", report[^1]);

        var rows = File.ReadAllLines(dir["soak.csv"]);
        Assert.Equal("seconds,process,pid,rss_kib,fds,threads", rows[0]);
        var samples = rows.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (string daemon in Daemons)
        {
            var mine = samples.Where(s => s[1] == daemon).ToList();
            // 20 s at one sample per 2 s: about 11; on a loaded machine a round of sampling itself takes
            // seconds, so ask only for the first, the last and one between.
            Assert.True(mine.Count >= 3, $"{daemon}: {mine.Count} samples in soak.csv\n{string.Join('\n', rows)}");
            Assert.All(mine, s =>
            {
                Assert.True(int.Parse(s[3], CultureInfo.InvariantCulture) > 1000, $"{daemon} RSS: {string.Join(',', s)}");
                Assert.True(int.Parse(s[4], CultureInfo.InvariantCulture) > 2, $"{daemon} fds: {string.Join(',', s)}");
                Assert.True(int.Parse(s[5], CultureInfo.InvariantCulture) >= 1, $"{daemon} threads: {string.Join(',', s)}");
            });
            // The table has a row for it too.
            Assert.Contains(report, l => l.StartsWith(daemon + " ", StringComparison.Ordinal));
        }
        // The load reached the server: upsd held idle connections (dozens of descriptors beyond its own).
        Assert.Contains(samples, s => s[1] == "upsd" && int.Parse(s[4], CultureInfo.InvariantCulture) > 50);
    }
}
