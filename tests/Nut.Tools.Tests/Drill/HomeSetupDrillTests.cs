using Nut.Testing;

namespace Nut.Tools.Tests.Drill;

/// <summary>
/// The home setup of conf/examples/home as shipped (paths changed only), drilled with nut-drill in virtual
/// time: its real upssched-cmd runs for every timer and event, with the drill's stand-ins for wall and
/// shutdown. Polls are every 5 s from t=0 and the outage starts at 10 s, so upsmon sees it at once.
/// </summary>
public sealed class HomeSetupDrillTests : IDisposable
{
    readonly HomeSetup _home = new();

    string _output = "";

    List<DrillLine> Drill(params string[] scenario)
    {
        var r = Proc.Run(Paths.Ours("nut-drill"), ["-f", _home.UpsmonConf, "-s", _home.UpsschedConf, .. scenario],
            _home.Environment(), TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("call a real program", r.Stderr);
        _output = r.Stdout;
        return DrillLine.Parse(r.Stdout);
    }

    static List<(string Kind, double At)> Outcome(List<DrillLine> t) =>
        t.Where(l => l.Kind is "Wall" or "ShutdownCommand" or "ShutdownDecision").Select(l => (l.Kind, l.At)).ToList();

    static bool IsWarning(DrillLine l) => l.Kind == "Wall" && l.Text.StartsWith("Power failure: UPS bessie@localhost has been on battery for 15 seconds", StringComparison.Ordinal);

    [Fact]
    public void TenSecondsOnBatteryDoNothingVisible()
    {
        var t = Drill("blip", "10s");
        Assert.Empty(Outcome(t));
        // upsmon said nothing to the users, but upssched ran the event script for both changes and cancelled both timers.
        Assert.Equal(["ONBATT", "ONLINE"], t.Where(l => l.Kind == "Notification").Select(l => l.NotifyType));
        Assert.Equal(["onbatt-warn", "early-shutdown"], t.Where(l => l.Kind == "TimerCancelled").Select(l => l.Text));
        Assert.Equal([10.0, 20.0], t.Where(l => l.Kind == "Script" && l.Text.EndsWith(" power-event", StringComparison.Ordinal)).Select(l => l.At));
    }

    [Fact]
    public void TwentySecondsGiveTheWarningAndNoShutdown()
    {
        var t = Drill("blip", "20s");
        Assert.Equal([("Wall", 25.0)], Outcome(t));
        Assert.True(IsWarning(t.Single(l => l.Kind == "Wall")));
        Assert.Equal(["early-shutdown"], t.Where(l => l.Kind == "TimerCancelled").Select(l => l.Text));
        Assert.Contains("result: the machine stays up", _output);
    }

    [Fact]
    public void SeventySecondsShutTheDesktopDownEarlyWithoutPoweringOffTheUps()
    {
        var t = Drill("blip", "70s");
        Assert.Equal([("Wall", 25.0), ("ShutdownCommand", 70.0)], Outcome(t));
        var shutdown = t.Single(l => l.Kind == "ShutdownCommand");
        Assert.StartsWith("shutdown -h +0 UPS bessie@localhost on battery for one minute", shutdown.Text);
        // A plain shutdown: no FSD, no POWERDOWNFLAG, so the UPS keeps the network gear running.
        Assert.DoesNotContain(t, l => l.Kind is "PowerDownFlag" or "ShutdownDecision");
        Assert.DoesNotContain(t, l => l.Kind == "Notification" && l.NotifyType is "FSD" or "SHUTDOWN");
    }

    [Fact]
    public void WithNoearlyTheDesktopRunsUntilLowBattery()
    {
        var set = Proc.Run(_home.Dir["noearly"], [], _home.Environment(), TimeSpan.FromSeconds(10));
        Assert.Equal(0, set.ExitCode);
        Assert.True(File.Exists(_home.NoEarlyFlag));

        var t = Drill("10s=OB DISCHRG", "80s=OB DISCHRG", "4m=OB DISCHRG LB");
        // The warning still comes; at 70 s the script only notes the flag; at low battery upsmon shuts down
        // (FINALDELAY 5) and writes POWERDOWNFLAG so that the UPS is powered off at the end.
        Assert.Equal([("Wall", 25.0), ("ShutdownDecision", 240.0), ("ShutdownCommand", 245.0)],
            Outcome(t).Where(o => o.Kind != "Wall" || o.At < 100).ToList());
        Assert.Contains(t, l => l.Kind == "Script" && l.At == 70 && l.Text.EndsWith(" early-shutdown", StringComparison.Ordinal));
        Assert.Equal([_home.Dir["killpower"]], t.Where(l => l.Kind == "PowerDownFlag").Select(l => l.Text));
        Assert.Equal(_home.Bin + "/shutdown -h +0", t.Single(l => l.Kind == "ShutdownCommand").Text);

        var off = Proc.Run(_home.Dir["noearly"], ["off"], _home.Environment(), TimeSpan.FromSeconds(10));
        Assert.Equal(0, off.ExitCode);
        Assert.False(File.Exists(_home.NoEarlyFlag));
        var again = Drill("blip", "70s");
        Assert.Contains(again, l => l.Kind == "ShutdownCommand" && l.At == 70);
    }

    public void Dispose() => _home.Dispose();
}
