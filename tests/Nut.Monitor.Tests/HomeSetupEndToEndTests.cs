using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>
/// The home setup end to end with real processes — our dummy-ups playing a .seq outage, our upsd, our
/// upsmon, our upssched and the shipped upssched-cmd, plus our upslog — and the same configuration drilled
/// with nut-drill: what really happened is what the drill predicted, event for event, each at the same
/// time after upsmon saw the outage (within one poll interval).
/// </summary>
[Collection("home setup")]
public sealed class HomeSetupEndToEndTests
{
    const double PollFreq = 5;
    /// <summary>Process start-up and scheduling on a busy 2-core machine.</summary>
    const double Slack = 1.5;

    const string Outage = """
        ups.status: OL
        battery.charge: 100
        ups.mfr: NutSharp
        ups.model: Bessie
        TIMER 12
        ups.status: OB DISCHRG
        battery.charge: 95
        TIMER 75
        ups.status: OL CHRG
        TIMER 3600

        """;

    static double Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    [Fact]
    public void SeventySecondsOnBatteryHappenAsTheDrillPredicts()
    {
        string seq = Path.Combine(Path.GetTempPath(), $"nutsharp-home-{Guid.NewGuid():N}.seq");
        File.WriteAllText(seq, Outage);
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("bessie", seq)]);
        File.Delete(seq);
        using var home = new HomeSetup($"127.0.0.1:{stack.Port}");
        File.Copy(home.Dir["upsd.users"], stack.Dir["upsd.users"], overwrite: true);
        stack.Start();
        var env = home.Environment(stack.Env);

        using var upslog = Proc.Start(Paths.Ours("upslog"),
            ["-F", "-u", "root", "-s", $"bessie@127.0.0.1:{stack.Port}", "-l", home.Dir["ups.log"], "-i", "3600", "-p", home.UpslogPid], env, home.Dir.FullPath);
        upslog.WaitUntil(() => File.Exists(home.UpslogPid) && File.Exists(home.Dir["ups.log"]) && File.ReadAllLines(home.Dir["ups.log"]).Length == 1, "upslog's first line");
        using var upsmon = Proc.Start(Paths.Ours("upsmon"), ["-F", "-u", "root", "-f", home.UpsmonConf], env, home.Dir.FullPath);

        // When upsd starts saying OB (the driver's TIMER): upsmon must notice within one poll interval.
        using var client = stack.Connect();
        double outageSeen = 0;
        upsmon.WaitUntil(() => client.Request("GET VAR bessie ups.status").Contains("OB", StringComparison.Ordinal) && (outageSeen = Now) > 0, "OB from the driver", seconds: 40);
        upsmon.WaitUntil(() => home.RecordedCalls().Any(c => c.Program == "shutdown"), "the early shutdown", seconds: 100);
        var logLines = File.ReadAllLines(home.Dir["ups.log"]);
        var real = home.RecordedCalls();
        Posix.Kill(Nut.Platform.PidFile.Read(home.Dir["upsmon.pid"]) ?? upsmon.Pid, Posix.SIGTERM);
        upslog.Signal(Posix.SIGTERM);

        var drill = Proc.Run(Paths.Ours("nut-drill"), ["-f", home.UpsmonConf, "-s", home.UpsschedConf, "12s=OB DISCHRG", "87s=OL CHRG"],
            home.Environment(), TimeSpan.FromSeconds(60));
        Assert.True(drill.ExitCode == 0, drill.ToString());
        var predicted = DrillLine.Parse(drill.Stdout);

        var realEvents = real.Select(c => c.Program switch
        {
            "logger" => ("event", c.Args[(c.Args.LastIndexOf(": ", StringComparison.Ordinal) + 2)..], c.Time),
            _ => (c.Program, c.Args, c.Time),
        }).Where(e => e.Item1 != "event" || !e.Item2.Contains(' ')).ToList();
        var predictedEvents = predicted.Select(l => l.Kind switch
        {
            "Script" when l.Text.EndsWith(" power-event", StringComparison.Ordinal) => ("event", l.NotifyType!, l.At),
            "Wall" => ("wall", l.Text, l.At),
            "ShutdownCommand" => ("shutdown", l.Text["shutdown ".Length..].Replace(" (from a script)", ""), l.At),
            _ => ("", "", 0.0),
        }).Where(e => e.Item1 != "").ToList();

        string Show(IEnumerable<(string, string, double)> events, double zero) =>
            string.Join("\n", events.Select(e => $"{e.Item3 - zero:0.0} {e.Item1} {e.Item2}"));
        double realZero = realEvents.First(e => e.Item1 == "event" && e.Item2 == "ONBATT").Item3;
        double drillZero = predictedEvents.First(e => e.Item1 == "event" && e.Item2 == "ONBATT").Item3;
        string both = $"real:\n{Show(realEvents, realZero)}\npredicted:\n{Show(predictedEvents, drillZero)}\n--- upsmon\n{upsmon.Output}";

        // The same events in the same order: the ONBATT event (upslog line), the 15 s warning, the early shutdown.
        Assert.True(predictedEvents.Select(e => (e.Item1, e.Item2)).SequenceEqual(realEvents.Select(e => (e.Item1, e.Item2))), both);
        Assert.Equal(["event", "wall", "shutdown"], realEvents.Select(e => e.Item1));
        for (int i = 0; i < realEvents.Count; i++)
            Assert.True(Math.Abs((realEvents[i].Item3 - realZero) - (predictedEvents[i].Item3 - drillZero)) <= PollFreq, both);
        Assert.InRange(realEvents[2].Item3 - realZero, 60 - Slack, 60 + Slack);
        Assert.InRange(realZero - outageSeen, -Slack, PollFreq + Slack);

        // upslog wrote its first line, then one at once when the power failed (SIGUSR1 from the script).
        Assert.Equal(2, logLines.Length);
        Assert.Contains("[OB DISCHRG]", logLines[1]);
        // The desktop went down alone: no FSD, no POWERDOWNFLAG, the UPS still on battery for the network.
        Assert.False(File.Exists(home.Dir["killpower"]));
        using var later = stack.Connect(); // upsd closes connections idle for a minute, as NUT's does
        Assert.Equal("VAR bessie ups.status \"OB DISCHRG\"", later.Request("GET VAR bessie ups.status"));
    }

}
