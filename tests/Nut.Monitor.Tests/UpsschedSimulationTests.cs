using Nut.Monitor.Simulation;
using static Nut.Monitor.Tests.Sim;

namespace Nut.Monitor.Tests;

/// <summary>upsmon driving upssched in virtual time: timers started, cancelled, expired; CMDSCRIPT calls
/// with the environment NUT gives them; the daemon's life.</summary>
public sealed class UpsschedSimulationTests
{
    public const string Conf = """
        CMDSCRIPT /usr/local/bin/upssched-cmd
        PIPEFN /run/nut/upssched.pipe
        LOCKFN /run/nut/upssched.lock
        AT ONBATT * START-TIMER onbatt 15
        AT ONBATT * EXECUTE onbatt-now
        AT ONLINE * CANCEL-TIMER onbatt online
        AT LOWBATT * START-TIMER lowbatt 60
        """;

    static MonitorSimulation Make(string extra = "")
    {
        var upsmon = Sim.Conf($"""
            MONITOR {Ups} 1 mon pass primary
            NOTIFYCMD /usr/sbin/upssched
            POLLFREQ 5
            POLLFREQALERT 2
            FINALDELAY 0
            NOTIFYFLAG ONBATT EXEC
            NOTIFYFLAG ONLINE EXEC
            NOTIFYFLAG LOWBATT EXEC
            {extra}
            """);
        return new MonitorSimulation(upsmon, Sched(Conf));
    }

    static List<(SimulationEventKind Kind, string Text, double At)> Timeline(SimulationResult r) =>
        r.Events.Where(e => e.Kind is SimulationEventKind.TimerStarted or SimulationEventKind.TimerCancelled
                or SimulationEventKind.TimerExpired or SimulationEventKind.Script or SimulationEventKind.DaemonStarted
                or SimulationEventKind.DaemonExited)
            .Select(e => (e.Kind, e.Text, e.At.TotalSeconds)).ToList();

    [Fact]
    public void ShortOutageCancelsTheTimer()
    {
        var sim = Make();
        sim.Ups(Ups).Status(S(10), "OB").Status(S(19), "OL");
        var r = sim.Run(S(100));
        Assert.Equal([
            (SimulationEventKind.DaemonStarted, "upssched timer daemon", 10),
            (SimulationEventKind.TimerStarted, "onbatt", 10),
            (SimulationEventKind.Script, "/usr/local/bin/upssched-cmd onbatt-now", 10),
            (SimulationEventKind.TimerCancelled, "onbatt", 20),
            (SimulationEventKind.DaemonExited, "upssched timer daemon", 35),
        ], Timeline(r));
        Assert.Null(r.ShutdownAt);
        var start = r.OfKind(SimulationEventKind.TimerStarted).Single();
        Assert.Equal(15, start.Seconds);
    }

    [Fact]
    public void LongOutageFiresTheTimerAndTheCancelCommandRunsWithTheStartersEnvironment()
    {
        var sim = Make();
        sim.Ups(Ups).Status(S(10), "OB").Status(S(35), "OL");
        var r = sim.Run(S(100));
        Assert.Equal([
            (SimulationEventKind.DaemonStarted, "upssched timer daemon", 10),
            (SimulationEventKind.TimerStarted, "onbatt", 10),
            (SimulationEventKind.Script, "/usr/local/bin/upssched-cmd onbatt-now", 10),
            (SimulationEventKind.TimerExpired, "onbatt", 25),
            (SimulationEventKind.Script, "/usr/local/bin/upssched-cmd onbatt", 25),
            (SimulationEventKind.Script, "/usr/local/bin/upssched-cmd online", 36),
            (SimulationEventKind.DaemonExited, "upssched timer daemon", 51),
        ], Timeline(r));
        var scripts = r.OfKind(SimulationEventKind.Script).ToList();
        // EXECUTE runs in the invocation: its own event. The daemon's scripts see the environment of the
        // invocation that started the daemon (NUT 2.8.0, observed): ONBATT even for the ONLINE cancel.
        Assert.Equal("ONBATT", scripts[0].Environment!["NOTIFYTYPE"]);
        Assert.Equal("ONBATT", scripts[1].Environment!["NOTIFYTYPE"]);
        Assert.Equal("ONBATT", scripts[2].Environment!["NOTIFYTYPE"]);
        Assert.Equal(Ups, scripts[2].Environment!["UPSNAME"]);
    }

    [Fact]
    public void ACancelWithoutCommandNeedsNoDaemon()
    {
        var upsmon = Sim.Conf($"""
            MONITOR {Ups} 1 mon pass primary
            NOTIFYCMD "/sbin/upssched"
            POLLFREQ 5
            NOTIFYFLAG ONLINE EXEC
            NOTIFYFLAG ONBATT EXEC
            """);
        var sched = Sched("""
            CMDSCRIPT /bin/cmd
            PIPEFN /tmp/p
            LOCKFN /tmp/l
            AT ONLINE * CANCEL-TIMER nothing
            AT onbatt ups@localhost START-TIMER later 100
            AT ONBATT other@localhost EXECUTE never
            """);
        var sim = new MonitorSimulation(upsmon, sched);
        sim.Ups(Ups).Status(S(3), "OB").Status(S(8), "OL");
        var r = sim.Run(S(30));
        Assert.Equal([
            (SimulationEventKind.DaemonStarted, "upssched timer daemon", 5),
            (SimulationEventKind.TimerStarted, "later", 5),
        ], Timeline(r));
        Assert.Equal(2, r.OfKind(SimulationEventKind.NotifyCommand).Count());
    }

    [Fact]
    public void DuplicateTimerNamesAreIndependentAndCancelRemovesTheFirst()
    {
        var upsmon = Sim.Conf($"""
            MONITOR {Ups} 1 mon pass primary
            NOTIFYCMD /sbin/upssched
            POLLFREQ 1
            POLLFREQALERT 1
            NOTIFYFLAG ONLINE EXEC
            NOTIFYFLAG ONBATT EXEC
            """);
        var sched = Sched("""
            CMDSCRIPT /bin/cmd
            PIPEFN /tmp/p
            LOCKFN /tmp/l
            AT ONBATT * START-TIMER t 10
            AT ONLINE * CANCEL-TIMER t
            """);
        var sim = new MonitorSimulation(upsmon, sched);
        sim.Ups(Ups).Status(S(1), "OB").Status(S(3), "OL").Status(S(5), "OB").Status(S(6), "OL").Status(S(7), "OB");
        var r = sim.Run(S(40));
        Assert.Equal([
            (SimulationEventKind.DaemonStarted, "upssched timer daemon", 1),
            (SimulationEventKind.TimerStarted, "t", 1),
            (SimulationEventKind.TimerCancelled, "t", 3),
            (SimulationEventKind.TimerStarted, "t", 5),
            (SimulationEventKind.TimerCancelled, "t", 6),
            (SimulationEventKind.TimerStarted, "t", 7),
            (SimulationEventKind.TimerExpired, "t", 17),
            (SimulationEventKind.Script, "/bin/cmd t", 17),
            (SimulationEventKind.DaemonExited, "upssched timer daemon", 32),
        ], Timeline(r));
    }

    [Fact]
    public void EarlyShutdownFromATimerScriptIsSeenAsAScriptCall()
    {
        // The classic "shut down after 60 s on battery": the script decides, upsmon is not involved.
        var sim = Make();
        sim.Ups(Ups).Status(S(10), "OB").Status(S(200), "OB LB");
        var r = sim.Run(S(300));
        Assert.Contains((SimulationEventKind.Script, "/usr/local/bin/upssched-cmd onbatt", 25.0), Timeline(r));
        Assert.Equal(S(200), r.ShutdownDecidedAt);
        Assert.Contains((SimulationEventKind.TimerStarted, "lowbatt", 200.0), Timeline(r));
    }
}
