namespace Nut.Tools.Tests.Check;

/// <summary>SHUTDOWNRULEs that cannot fire (issue 12), checkable where the UPS is a local dummy-ups simulation.</summary>
public class ShutdownRuleCheckTests
{
    static string Upsmon(CheckDir d, string rules) =>
        $"RUN_AS_USER nobody\nMONITOR sim@localhost 1 mon secret primary\nSHUTDOWNCMD /bin/true\nNOTIFYCMD {d["upssched"]}\nNOTIFYFLAG ONBATT SYSLOG+EXEC\nNOTIFYFLAG ONLINE SYSLOG+EXEC\n" + rules;

    [Fact]
    public void RulesOnVariablesTheSimulationNeverSetsAreErrors()
    {
        using var d = new CheckDir();
        d.Write("sim.dev", "ups.status: OL\nbattery.runtime: 1800\n");
        d.Write("upsmon.conf", Upsmon(d, "SHUTDOWNRULE sim charge 40\nSHUTDOWNRULE * runtime 300\nSHUTDOWNRULE sim onbattery 120\n"), "640");
        var found = d.Check();
        Assert.Equal([
            $"{d["upsmon.conf"]}:7: error: SHUTDOWNRULE (battery.charge below 40 %) cannot fire: UPS [sim@localhost] does not report battery.charge (its dummy-ups file {d["sim.dev"]} never sets it); add battery.charge to that file, or use a rule on what it reports (onbattery always works)",
        ], found);
    }

    [Fact]
    public void ARuleForNoMonitoredUpsIsAnError()
    {
        using var d = new CheckDir();
        d.Write("upsmon.conf", Upsmon(d, "SHUTDOWNRULE other charge 40\n"), "640");
        Assert.Equal([$"{d["upsmon.conf"]}:7: error: SHUTDOWNRULE other (battery.charge below 40 %) cannot fire: no MONITOR line is for other; use the UPS name or system of a MONITOR line (sim@localhost), or *"], d.Check());
    }

    [Fact]
    public void AThresholdOutOfRangeIsAnError()
    {
        using var d = new CheckDir();
        d.Write("upsmon.conf", Upsmon(d, "SHUTDOWNRULE sim charge 140\n"), "640");
        Assert.Equal([$"{d["upsmon.conf"]}:7: error: SHUTDOWNRULE: '140' is not a charge: expected a percentage above 0 and at most 100"], d.Check());
    }

    [Fact]
    public void ASimulationThatNeverGoesLowIsAWarning()
    {
        using var d = new CheckDir();
        d.Write("sim.seq", "ups.status: OL\nbattery.charge: 100\nTIMER 10\nups.status: OB\nbattery.charge: 80\nTIMER 10\n");
        d.Write("ups.conf", "[sim]\n\tdriver = dummy-ups\n\tport = sim.seq\n");
        d.Write("upsmon.conf", Upsmon(d, "SHUTDOWNRULE sim charge 50\n"), "640");
        Assert.Equal([$"{d["upsmon.conf"]}:7: warning: SHUTDOWNRULE (battery.charge below 50 %) never fires with {d["sim.seq"]}: battery.charge is never below 50 there (lowest 80); raise the threshold if the simulation should show it"], d.Check());
    }
}
