using Nut.Monitor.Simulation;
using static Nut.Monitor.Tests.Sim;

namespace Nut.Monitor.Tests;

/// <summary>
/// upsmon's decisions in virtual time, one scenario per rule of spec/upsmon.md, each with the exact
/// notifications and the exact second of the shutdown. Polls happen at t=0 and then every POLLFREQ /
/// POLLFREQALERT seconds (5 s after the first pass until a UPS is first seen OL or OB, as NUT 2.8.0).
/// </summary>
public sealed class ScenarioMatrixTests
{
    [Fact]
    public void PrimaryOnBatteryThenLowBatteryShutsDownAfterFinalDelay()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nPOLLFREQALERT 2\nFINALDELAY 5"));
        sim.Ups(Ups).Status(S(10), "OB").Status(S(61), "OB LB");
        var r = sim.Run(S(300));

        Assert.Equal([("ONBATT", 10), ("LOWBATT", 62), ("SHUTDOWN", 62)], Notes(r));
        Assert.Equal(S(62), r.ShutdownDecidedAt);
        Assert.Equal(S(67), r.ShutdownAt);
        Assert.Equal([("FSD ups", 62)], Of(r, SimulationEventKind.UpsdRequest).Where(x => x.Text.StartsWith("FSD")));
        Assert.Equal([("/etc/killpower", 67)], Of(r, SimulationEventKind.PowerDownFlag));
        Assert.Equal([("/sbin/shutdown -h +0", 67)], Of(r, SimulationEventKind.ShutdownCommand));
        // Default flags are SYSLOG+WALL; the shutdown also always goes to wall.
        Assert.Equal([($"UPS {Ups} on battery", 10), ($"UPS {Ups} battery is low", 62),
            ("Executing automatic power-fail shutdown", 62), ("Auto logout and shutdown proceeding", 62)],
            Of(r, SimulationEventKind.Wall));
        // The notifier runs NOTIFYCMD only for EXEC; the defaults are SYSLOG+WALL.
        Assert.Empty(r.OfKind(SimulationEventKind.NotifyCommand));
    }

    [Fact]
    public void TheLoginConversationIsNuts()
    {
        var r = new MonitorSimulation(Single()).Run(S(1));
        Assert.Equal(["connect localhost:3493", "USERNAME mon", "PASSWORD ****", "LOGIN ups", "PRIMARY ups"],
            r.OfKind(SimulationEventKind.UpsdRequest).Select(e => e.Text));
        var secondary = new MonitorSimulation(Single(primary: false)).Run(S(1));
        Assert.Equal(["connect localhost:3493", "USERNAME mon", "PASSWORD ****", "LOGIN ups"],
            secondary.OfKind(SimulationEventKind.UpsdRequest).Select(e => e.Text));
    }

    [Fact]
    public void FirstPollOnLineIsSilentButOnBatteryIsNot()
    {
        var quiet = new MonitorSimulation(Single()).Run(S(60));
        Assert.Empty(Notes(quiet));
        Assert.Null(quiet.ShutdownAt);

        var sim = new MonitorSimulation(Single("POLLFREQALERT 3"));
        sim.Ups(Ups).Status(S(0), "OB").Status(S(7), "OL");
        Assert.Equal([("ONBATT", 0), ("ONLINE", 9)], Notes(sim.Run(S(60))));
    }

    [Fact]
    public void ABlipBetweenTwoPollsIsNeverSeen()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5"));
        sim.Ups(Ups).Status(S(11), "OB").Status(S(14), "OL");
        var r = sim.Run(S(60));
        Assert.Empty(Notes(r));
        Assert.Null(r.ShutdownAt);
    }

    [Fact]
    public void PowerReturnsBeforeLowBattery()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nPOLLFREQALERT 2"));
        sim.Ups(Ups).Status(S(10), "OB").Status(S(29), "OL");
        var r = sim.Run(S(120));
        Assert.Equal([("ONBATT", 10), ("ONLINE", 30)], Notes(r));
        Assert.Null(r.ShutdownAt);
    }

    [Fact]
    public void ServerDownAtStartGivesCommbadThenNocommAndNocommAgainAfterNocommwarntime()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nNOCOMMWARNTIME 300"));
        sim.Ups(Ups).Down(S(0));
        var r = sim.Run(S(400));
        // Never seen OL or OB: upsmon keeps its first 5 s sleep. lastpoll is 0, so NOCOMM comes on the
        // second failure; the next one when more than NOCOMMWARNTIME passed since that warning.
        Assert.Equal([("COMMBAD", 0), ("NOCOMM", 5), ("NOCOMM", 310)], Notes(r));
        Assert.Null(r.ShutdownAt);
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"UPS [{Ups}]: connect failed: Connection failure: Connection refused");
    }

    [Fact]
    public void ServerLostAndBackGivesCommbadAndCommokButNoOnline()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5"));
        sim.Ups(Ups).Down(S(18)).Status(S(38), "OL");
        var r = sim.Run(S(60));
        Assert.Equal([("COMMBAD", 20), ("COMMOK", 40)], Notes(r));
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"Poll UPS [{Ups}] failed - Server disconnected");
    }

    [Fact]
    public void StaleDataIsCommbadWithoutDroppingTheConnection()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5"));
        sim.Ups(Ups).Error(S(8), "DATA-STALE").Status(S(22), "OL");
        var r = sim.Run(S(40));
        Assert.Equal([("COMMBAD", 10), ("COMMOK", 25)], Notes(r));
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"Poll UPS [{Ups}] failed - Data stale");
        Assert.Single(r.OfKind(SimulationEventKind.UpsdRequest), e => e.Text.StartsWith("connect"));
    }

    [Fact]
    public void UnknownUpsIsReportedAsNotOnTheServer()
    {
        var sim = new MonitorSimulation(Single());
        sim.Ups(Ups).Error(S(0), "UNKNOWN-UPS");
        var r = sim.Run(S(12));
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"Login on UPS [{Ups}] failed - got [ERR UNKNOWN-UPS]");
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"Poll UPS [{Ups}] failed - [ups] does not exist on server localhost");
        // The failed login skips the first poll; the next pass polls the same connection.
        Assert.Equal([("COMMBAD", 5), ("NOCOMM", 10)], Notes(r));
    }

    [Fact]
    public void DeadUpsLastSeenOnBatteryIsPromotedToLowBatteryAfterDeadtime()
    {
        var sim = new MonitorSimulation(Single("POLLFREQALERT 5\nDEADTIME 15\nFINALDELAY 5"));
        sim.Ups(Ups).Status(S(10), "OB").Down(S(18));
        var r = sim.Run(S(120));
        // Last good poll at 15; 35 - 15 > DEADTIME. The promotion sets LB quietly (no LOWBATT).
        Assert.Equal([("ONBATT", 10), ("COMMBAD", 20), ("SHUTDOWN", 35)], Notes(r));
        Assert.Equal(S(35), r.ShutdownDecidedAt);
        Assert.Equal(S(40), r.ShutdownAt);
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"FSD set on UPS {Ups} failed: Driver not connected");
    }

    [Fact]
    public void DeadUpsLastSeenOnLineIsAssumedFine()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nDEADTIME 15"));
        sim.Ups(Ups).Down(S(10));
        var r = sim.Run(S(600));
        Assert.Null(r.ShutdownAt);
        // Last good poll at 5: NOCOMM once now - 5 >= NOCOMMWARNTIME.
        Assert.Equal([("COMMBAD", 10), ("NOCOMM", 305)], Notes(r));
    }

    [Fact]
    public void SecondaryGivesThePrimaryHostsyncSecondsBeforeShuttingDownOnItsOwn()
    {
        var sim = new MonitorSimulation(Single("POLLFREQALERT 5\nHOSTSYNC 15\nFINALDELAY 5", primary: false));
        sim.Ups(Ups).Status(S(10), "OB LB");
        var r = sim.Run(S(120));
        // lastnoncrit is taken after the OB word of the first OB LB poll (LB not set yet): 10.
        // Critical once now - 10 > 15: the poll at 30.
        Assert.Equal([("ONBATT", 10), ("LOWBATT", 10), ("SHUTDOWN", 30)], Notes(r));
        Assert.Equal(S(30), r.ShutdownDecidedAt);
        Assert.Equal(S(35), r.ShutdownAt);
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"Giving up on the primary for UPS [{Ups}]");
        Assert.DoesNotContain(r.OfKind(SimulationEventKind.UpsdRequest), e => e.Text.StartsWith("FSD"));
    }

    [Fact]
    public void SecondaryShutsDownAsSoonAsThePrimarySetsFsd()
    {
        var sim = new MonitorSimulation(Single("POLLFREQALERT 5\nHOSTSYNC 60\nFINALDELAY 3", primary: false));
        sim.Ups(Ups).Status(S(10), "OB").Status(S(20), "OB LB").ForcedShutdown(S(22));
        var r = sim.Run(S(120));
        Assert.Equal([("ONBATT", 10), ("LOWBATT", 20), ("FSD", 25), ("SHUTDOWN", 25)], Notes(r));
        Assert.Equal(S(28), r.ShutdownAt);
    }

    [Fact]
    public void FsdAloneShutsDownASecondaryOnLinePower()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nFINALDELAY 0", primary: false));
        sim.Ups(Ups).ForcedShutdown(S(12));
        var r = sim.Run(S(60));
        Assert.Equal([("FSD", 15), ("SHUTDOWN", 15)], Notes(r));
        Assert.Equal(S(15), r.ShutdownAt);
    }

    [Fact]
    public void PrimaryWaitsForItsSecondariesToLogOut()
    {
        var sim = new MonitorSimulation(Single("POLLFREQALERT 5\nHOSTSYNC 15\nFINALDELAY 5"));
        sim.Ups(Ups).Status(S(10), "OB LB").SecondariesLogOutAfterFsd(2, S(7));
        var r = sim.Run(S(120));
        Assert.Equal(S(10), r.ShutdownDecidedAt);
        Assert.Equal([("ONBATT", 10), ("LOWBATT", 10), ("SHUTDOWN", 17)], Notes(r));
        Assert.Equal(S(22), r.ShutdownAt);
    }

    [Fact]
    public void PrimaryStopsWaitingAfterHostsync()
    {
        var sim = new MonitorSimulation(Single("POLLFREQALERT 5\nHOSTSYNC 15\nFINALDELAY 5"));
        sim.Ups(Ups).Status(S(10), "OB LB").OtherLogins(S(0), 2);
        var r = sim.Run(S(120));
        // Whole seconds, as NUT: waiting ends when now - start > HOSTSYNC, i.e. at 26.
        Assert.Equal([("ONBATT", 10), ("LOWBATT", 10), ("SHUTDOWN", 26)], Notes(r));
        Assert.Equal(S(31), r.ShutdownAt);
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == "Host sync timer expired, forcing shutdown");
        Assert.Equal([("FSD ups", 10)], Of(r, SimulationEventKind.UpsdRequest).Where(x => x.Text.StartsWith("FSD")));
    }

    [Fact]
    public void MinsuppliesWithSeveralSupplies()
    {
        // A server with three power supplies on three UPSes; it needs two of them.
        var conf = Conf("""
            MONITOR a@h1 1 mon pass primary
            MONITOR b@h2 1 mon pass primary
            MONITOR c@h3 1 mon pass primary
            MINSUPPLIES 2
            SHUTDOWNCMD "halt"
            POLLFREQ 5
            POLLFREQALERT 5
            FINALDELAY 0
            """);
        var sim = new MonitorSimulation(conf);
        sim.Ups("a@h1").Status(S(10), "OB LB");
        sim.Ups("b@h2").Status(S(20), "OB");
        sim.Ups("c@h3").Status(S(40), "OB LB");
        var r = sim.Run(S(120));
        Assert.Equal(S(40), r.ShutdownDecidedAt);
        Assert.Equal(S(40), r.ShutdownAt);
        var fsd = Of(r, SimulationEventKind.UpsdRequest).Where(x => x.Text.StartsWith("FSD")).ToList();
        Assert.Equal([("FSD a", 40), ("FSD b", 40), ("FSD c", 40)], fsd);
    }

    [Fact]
    public void AMonitoringOnlyUpsNeverCausesAShutdown()
    {
        var conf = Conf("""
            MONITOR main@h 1 mon pass primary
            MONITOR other@h 0 mon pass secondary
            POLLFREQ 5
            POLLFREQALERT 5
            """);
        var sim = new MonitorSimulation(conf);
        sim.Ups("other@h").Status(S(5), "OB LB").ForcedShutdown(S(30));
        var r = sim.Run(S(100));
        Assert.Null(r.ShutdownAt);
        Assert.Equal([("ONBATT", 5), ("LOWBATT", 5), ("FSD", 30)], Notes(r));
    }

    [Fact]
    public void MinsuppliesZeroNeverShutsDown()
    {
        var sim = new MonitorSimulation(Single("MINSUPPLIES 0\nPOLLFREQALERT 5"));
        sim.Ups(Ups).Status(S(5), "OB LB");
        Assert.Null(sim.Run(S(100)).ShutdownAt);
    }

    [Fact]
    public void ReplaceBatteryIsRepeatedEveryRbwarntime()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nRBWARNTIME 60"));
        sim.Ups(Ups).Status(S(10), "OL RB");
        var r = sim.Run(S(150));
        Assert.Equal([("REPLBATT", 10), ("REPLBATT", 75), ("REPLBATT", 140)], Notes(r));
    }

    [Fact]
    public void CalibrationIsNotCriticalAndIn280NeverClears()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nPOLLFREQALERT 5\nFINALDELAY 0"));
        sim.Ups(Ups).Status(S(10), "OL CAL").Status(S(20), "OB LB CAL").Status(S(30), "OB LB").ForcedShutdown(S(60));
        var r = sim.Run(S(120));
        Assert.Equal([("CAL", 10), ("ONBATT", 20), ("LOWBATT", 20), ("FSD", 60), ("SHUTDOWN", 60)], Notes(r));
        Assert.Equal(S(60), r.ShutdownAt);
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e =>
            e.Text == $"is_ups_critical: seems that UPS [{Ups}] is OB+LB now, but it is also calibrating - not declaring a critical state");
    }

    [Fact]
    public void UserFsdShutsDownAtOnce()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5\nFINALDELAY 2"));
        sim.Signal(S(12.5), SimulatedSignal.Fsd);
        var r = sim.Run(S(60));
        Assert.Equal(S(12.5), r.ShutdownDecidedAt);
        Assert.Equal(S(14.5), r.ShutdownAt);
        Assert.Equal([("SHUTDOWN", 12.5)], Notes(r));
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == "Signal 10: User requested FSD");
    }

    [Fact]
    public void StopLogsOut()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5"));
        sim.Signal(S(7), SimulatedSignal.Stop);
        var r = sim.Run(S(60));
        Assert.Null(r.ShutdownAt);
        Assert.Equal(S(7), r.Elapsed);
        Assert.Equal("LOGOUT", r.OfKind(SimulationEventKind.UpsdRequest).Last().Text);
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == "Signal 15: exiting");
    }

    [Fact]
    public void NoParentIsRepeatedEveryTwoMinutes()
    {
        var sim = new MonitorSimulation(Single("POLLFREQ 5"), options: new SimulationOptions { ParentDiesAt = S(12) });
        var r = sim.Run(S(300));
        Assert.Equal([("NOPARENT", 15), ("NOPARENT", 135), ("NOPARENT", 255)], Notes(r));
        Assert.Equal(3, r.OfKind(SimulationEventKind.Log).Count(e => e.Text == "Parent died - shutdown impossible"));
    }

    [Fact]
    public void NotifyMessagesFlagsAndCommand()
    {
        var sim = new MonitorSimulation(Single("""
            POLLFREQALERT 5
            FINALDELAY 0
            NOTIFYMSG ONBATT "%s has lost its power (100%%)"
            NOTIFYFLAG ONBATT SYSLOG+EXEC
            NOTIFYFLAG LOWBATT IGNORE
            NOTIFYFLAG SHUTDOWN EXEC
            """));
        sim.Ups(Ups).Status(S(5), "OB").Status(S(10), "OB LB");
        var r = sim.Run(S(60));
        // IGNORE: not even sent.
        Assert.Equal([("ONBATT", 5), ("SHUTDOWN", 10)], Notes(r));
        var onbatt = r.OfKind(SimulationEventKind.Notification).First();
        Assert.Equal($"{Ups} has lost its power (100%)", onbatt.Text);
        var commands = r.OfKind(SimulationEventKind.NotifyCommand).ToList();
        Assert.Equal($"/usr/local/bin/notify \"{Ups} has lost its power (100%)\"", commands[0].Text);
        Assert.Equal(new Dictionary<string, string> { ["UPSNAME"] = Ups, ["NOTIFYTYPE"] = "ONBATT" }, commands[0].Environment);
        Assert.Equal("/usr/local/bin/notify \"Auto logout and shutdown proceeding\"", commands[1].Text);
        Assert.Equal(new Dictionary<string, string> { ["UPSNAME"] = "", ["NOTIFYTYPE"] = "SHUTDOWN" }, commands[1].Environment);
        // SYSLOG → a log line; no WALL flag → only the shutdown's own wall.
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == $"{Ups} has lost its power (100%)");
        Assert.Equal(["Executing automatic power-fail shutdown"], r.OfKind(SimulationEventKind.Wall).Select(e => e.Text));
    }

    [Fact]
    public void EveryStockMessage()
    {
        var conf = Conf($"""
            MONITOR {Ups} 1 mon pass primary
            POLLFREQ 5
            POLLFREQALERT 5
            RBWARNTIME 1000
            NOCOMMWARNTIME 5
            FINALDELAY 0
            """);
        var sim = new MonitorSimulation(conf, options: new SimulationOptions { ParentDiesAt = S(1) });
        sim.Ups(Ups).Status(S(5), "OB RB").Status(S(10), "OL CAL").Down(S(15)).Status(S(25), "OB LB");
        var r = sim.Run(S(200));
        var messages = r.OfKind(SimulationEventKind.Notification).Select(e => (e.NotifyType, e.Text)).ToList();
        // The parent is checked after the polls of a pass.
        Assert.Equal([
            ("ONBATT", $"UPS {Ups} on battery"),
            ("REPLBATT", $"UPS {Ups} battery needs to be replaced"),
            ("NOPARENT", "upsmon parent process died - shutdown impossible"),
            ("ONLINE", $"UPS {Ups} on line power"),
            ("CAL", $"UPS {Ups}: calibration in progress"),
            ("COMMBAD", $"Communications with UPS {Ups} lost"),
            ("NOCOMM", $"UPS {Ups} is unavailable"),
            ("COMMOK", $"Communications with UPS {Ups} established"),
            ("ONBATT", $"UPS {Ups} on battery"),
            ("LOWBATT", $"UPS {Ups} battery is low"),
        ], messages.Take(10));
        // OB LB + CAL (never cleared in 2.8.0): not critical. Send FSD by hand to see the rest.
        var sim2 = new MonitorSimulation(Single("POLLFREQ 5\nFINALDELAY 0", primary: false));
        sim2.Ups(Ups).ForcedShutdown(S(3));
        var r2 = sim2.Run(S(30));
        Assert.Equal([("FSD", $"UPS {Ups}: forced shutdown in progress"), ("SHUTDOWN", "Auto logout and shutdown proceeding")],
            r2.OfKind(SimulationEventKind.Notification).Select(e => (e.NotifyType!, e.Text)));
    }

    [Fact]
    public void ReloadAddsAndRemovesUpsesAndKeepsThePipeSettings()
    {
        var before = Conf("MONITOR a@h 1 mon pass primary\nSHUTDOWNCMD one\nPOLLFREQ 5");
        var after = Conf("MONITOR b@h 1 mon pass primary\nSHUTDOWNCMD two\nPOLLFREQ 5");
        var sim = new MonitorSimulation(before);
        sim.Signal(S(7), SimulatedSignal.Reload, after);
        var r = sim.Run(S(20));
        var log = r.OfKind(SimulationEventKind.Log).Select(e => e.Text).ToList();
        Assert.Contains("Reloading configuration", log);
        Assert.Contains("Warning: SHUTDOWNCMD redefined in split-process mode!", log);
        Assert.Contains("UPS: b@h (primary) (power value 1)", log);
        Assert.Contains("No longer monitoring UPS [a@h]", log);
        var requests = r.OfKind(SimulationEventKind.UpsdRequest).Select(e => (e.Ups, e.Text, e.At.TotalSeconds)).ToList();
        Assert.Contains(("a@h", "LOGOUT", 7.0), requests);
        Assert.Contains(("b@h", "LOGIN b", 7.0), requests);
    }

    [Fact]
    public void ReloadBelowMinsuppliesIsFatal()
    {
        var sim = new MonitorSimulation(Conf("MONITOR a@h 1 mon pass primary"));
        sim.Signal(S(3), SimulatedSignal.Reload, Conf("MONITOR a@h 0 mon pass primary"));
        var r = sim.Run(S(20));
        Assert.Null(r.ShutdownAt);
        Assert.Equal(S(3), r.Elapsed);
        Assert.Contains(r.OfKind(SimulationEventKind.Log), e => e.Text == "Fatal error: total power value (0) less than MINSUPPLIES (1)");
    }

    [Fact]
    public void TheSameScenarioGivesTheSameTimeline()
    {
        string Run()
        {
            var sim = new MonitorSimulation(Single("POLLFREQALERT 2"), Sched(UpsschedSimulationTests.Conf));
            sim.Ups(Ups).Status(S(10), "OB").Status(S(50), "OL").Status(S(70), "OB LB");
            return sim.Run(S(200)).ToString();
        }
        Assert.Equal(Run(), Run());
    }
}
