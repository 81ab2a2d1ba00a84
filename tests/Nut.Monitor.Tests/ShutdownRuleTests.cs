using Nut.Core.Config;
using Nut.Monitor.Simulation;
using static Nut.Monitor.Tests.Sim;

namespace Nut.Monitor.Tests;

/// <summary>
/// SHUTDOWNRULE (a NutSharp extension): shut down at a charge, a runtime or a time on battery, whichever comes
/// first, alongside NUT's own LB/FSD logic and never later than it. Virtual time, exact seconds: polls at 0, 5
/// and then every POLLFREQ (5) or POLLFREQALERT (2) seconds, FINALDELAY 5.
/// </summary>
public sealed class ShutdownRuleTests
{
    const string Timing = "POLLFREQ 5\nPOLLFREQALERT 2\nFINALDELAY 5\n";

    /// <summary>An outage at 10 s: the charge falls 1 % a second from 100, the runtime 10 s a second from 1800.</summary>
    static MonitorSimulation Outage(string rules, double lowBatteryAt = 250, bool reportRuntime = true)
    {
        var sim = new MonitorSimulation(Single(Timing + rules));
        var ups = sim.Ups(Ups).Status(S(10), "OB DISCHRG").Status(S(lowBatteryAt), "OB DISCHRG LB");
        for (int t = 0; t <= 300; t++)
        {
            ups.Variable(S(t), "battery.charge", t < 10 ? "100" : (100 - (t - 10)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (reportRuntime)
                ups.Variable(S(t), "battery.runtime", t < 10 ? "1800" : (1800 - 10 * (t - 10)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return sim;
    }

    [Fact]
    public void ChargeRuleShutsDownAtTheFirstPollBelowIt()
    {
        // Charge 40 % at 70 s, 39 % at 71 s: the poll at 72 (10, 12, ... 72) sees 38 < 40.
        var r = Outage("SHUTDOWNRULE * charge 40").Run(S(400));
        Assert.Equal(S(72), r.ShutdownDecidedAt);
        Assert.Equal(S(77), r.ShutdownAt);
        Assert.Equal([("ONBATT", 10), ("SHUTDOWN", 72)], Notes(r));
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == "UPS [ups@localhost]: SHUTDOWNRULE at line 8 (battery.charge below 40 %) fired: battery.charge is 38");
        Assert.Equal([("FSD ups", 72)], Of(r, SimulationEventKind.UpsdRequest).Where(x => x.Text.StartsWith("FSD")));
    }

    [Fact]
    public void RuntimeRuleShutsDownAtTheFirstPollBelowIt()
    {
        // Runtime 600 s at 130 s; the poll at 132 sees 580.
        var r = Outage("SHUTDOWNRULE ups runtime 600").Run(S(400));
        Assert.Equal(S(132), r.ShutdownDecidedAt);
        Assert.Equal(S(137), r.ShutdownAt);
    }

    [Fact]
    public void OnBatteryRuleCountsFromTheFirstPollThatSawTheOutage()
    {
        var r = Outage("SHUTDOWNRULE ups@localhost onbattery 45").Run(S(400));
        Assert.Equal(S(56), r.ShutdownDecidedAt); // seen at 10; 10 + 45 = 55; the next poll is 56
        Assert.Equal(S(61), r.ShutdownAt);
    }

    [Fact]
    public void WhicheverRuleComesFirstWins()
    {
        var r = Outage("SHUTDOWNRULE * charge 40\nSHUTDOWNRULE * runtime 600\nSHUTDOWNRULE * onbattery 300").Run(S(400));
        Assert.Equal(S(72), r.ShutdownDecidedAt);
        Assert.Single(r.OfKind(SimulationEventKind.Log), e => e.Text.Contains("fired"));
    }

    [Fact]
    public void ARuleNeverDelaysNutsOwnLowBatteryShutdown()
    {
        // LB at 30 s, long before the charge falls below 10 %: NUT's logic decides, at the same second as without rules.
        var with = Outage("SHUTDOWNRULE * charge 10", lowBatteryAt: 30).Run(S(400));
        var without = Outage("", lowBatteryAt: 30).Run(S(400));
        Assert.Equal(S(30), without.ShutdownDecidedAt);
        Assert.Equal(without.ShutdownDecidedAt, with.ShutdownDecidedAt);
        Assert.Equal(without.ShutdownAt, with.ShutdownAt);
        Assert.Equal(Notes(without), Notes(with));
    }

    [Fact]
    public void PowerBackBeforeTheRuleAndTheNextOutageCountsAfresh()
    {
        var sim = new MonitorSimulation(Single(Timing + "SHUTDOWNRULE * onbattery 30"));
        sim.Ups(Ups).Status(S(10), "OB").Status(S(30), "OL").Status(S(50), "OB");
        var r = sim.Run(S(200));
        Assert.Equal([("ONBATT", 10), ("ONLINE", 30), ("ONBATT", 50), ("SHUTDOWN", 80)], Notes(r));
        Assert.Equal(S(80), r.ShutdownDecidedAt);
    }

    [Fact]
    public void ARuleThatCannotFireIsReportedAtStartAndLowBatteryStillWorks()
    {
        var r = Outage("SHUTDOWNRULE * runtime 600", reportRuntime: false).Run(S(400));
        var error = Assert.Single(r.OfKind(SimulationEventKind.Log), e => e.Text.Contains("cannot fire"));
        Assert.Equal(S(0), error.At);
        Assert.Equal("upsmon.conf line 8: SHUTDOWNRULE (battery.runtime below 600 s) cannot fire: UPS [ups@localhost] does not report battery.runtime", error.Text);
        Assert.Equal(S(250), r.ShutdownDecidedAt); // NUT's LB
    }

    [Fact]
    public void ASecondaryGivesThePrimaryHostsyncAfterARuleFires()
    {
        var sim = new MonitorSimulation(Single(Timing + "HOSTSYNC 15\nSHUTDOWNRULE * onbattery 20", primary: false));
        sim.Ups(Ups).Status(S(10), "OB");
        var r = sim.Run(S(200));
        // Critical from 30; the primary never sets FSD, so the secondary goes alone once 15 s have passed.
        Assert.Equal(S(46), r.ShutdownDecidedAt);
    }

    [Fact]
    public void RulesApplyOnlyToTheUpsTheyName()
    {
        var sim = new MonitorSimulation(Single(Timing + "SHUTDOWNRULE other@elsewhere onbattery 20"));
        sim.Ups(Ups).Status(S(10), "OB");
        Assert.Null(sim.Run(S(200)).ShutdownDecidedAt);
    }

    [Theory]
    [InlineData("SHUTDOWNRULE * charge", "SHUTDOWNRULE: expected SHUTDOWNRULE <ups|*> charge <percent> | runtime <seconds> | onbattery <seconds>, got 2 word(s) after SHUTDOWNRULE")]
    [InlineData("SHUTDOWNRULE * voltage 20", "SHUTDOWNRULE: 'voltage' is not a rule: expected charge, runtime or onbattery")]
    [InlineData("SHUTDOWNRULE * charge 140", "SHUTDOWNRULE: '140' is not a charge: expected a percentage above 0 and at most 100")]
    [InlineData("SHUTDOWNRULE * runtime -5", "SHUTDOWNRULE: '-5' is not a time: expected a number of seconds above 0")]
    public void AMistakenRuleIsFatalWithItsLine(string line, string message)
    {
        var conf = UpsmonConf.Parse("upsmon.conf", System.Text.Encoding.ASCII.GetBytes($"MONITOR {Ups} 1 u p primary\n{line}\n"));
        Assert.NotNull(conf.Fatal);
        Assert.Equal(2, conf.Fatal!.Line);
        Assert.StartsWith(message, conf.Fatal.Message);
    }
}
