using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>
/// Real processes: Debian's upsd and dummy-ups, and upsmon — ours (split-process, as installed) or Debian's
/// (<c>-p</c>) — recording notifications, wall and the shutdown. The same scenario through both gives the
/// same notifications in the same order, the same shutdown decision, and times within one poll interval.
/// </summary>
[Collection("processes")]
public sealed class UpsmonDifferentialTests
{
    const double Poll = 1;
    /// <summary>Process start-up and scheduling on a busy 2-core machine, on top of the poll interval.</summary>
    const double Slack = 1.5;

    sealed record Outcome(List<NotifyLine> Notes, List<double> Delays, double? ShutdownDelay, string? Flag, string Wall, string Status, string Output)
    {
        public List<string> Types { get; init; } = [];
        public List<string> Scripts { get; init; } = [];
    }

    static Outcome[] Both(Func<Impl, Outcome> scenario)
    {
        var debian = Task.Run(() => scenario(Impl.Debian));
        var ours = Task.Run(() => scenario(Impl.Ours));
        return [debian.GetAwaiter().GetResult(), ours.GetAwaiter().GetResult()];
    }

    static double Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>upssched in the chain: EXECUTE on each event, and a timer each outage starts and ONLINE or
    /// LOWBATT cancels (its "notrunning" command would run only if there were no timer to cancel).</summary>
    const string Sched = "AT ONBATT * EXECUTE onbatt\nAT ONLINE * EXECUTE online\nAT LOWBATT * EXECUTE lowbatt\n"
        + "AT ONBATT * START-TIMER late 300\nAT ONLINE * CANCEL-TIMER late notrunning\nAT LOWBATT * CANCEL-TIMER late notrunning";

    [Fact]
    public void PrimaryOutageSameNotificationsAndShutdown()
    {
        // Each whole stack its own: Debian's upsd, dummy-ups, upsmon and upssched against ours.
        var results = Both(impl =>
        {
            using var rig = new UpsmonRig(server: impl);
            using var run = rig.Start(impl, "mon", "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 5\nFINALDELAY 1\nDEADTIME 5", oneProcess: impl == Impl.Debian, upssched: Sched);
            Thread.Sleep(2500); // first polls: OL is silent at start
            var delays = new List<double>();
            void Step(string status, string type, int count)
            {
                double t = Now;
                rig.SetStatus(status);
                run.WaitForType(type, count);
                delays.Add(run.Notifications.Where(n => n.Type == type).ElementAt(count - 1).Time - t);
            }
            Step("OB", "ONBATT", 1);
            Step("OL", "ONLINE", 1);
            Step("OB", "ONBATT", 2);
            double lb = Now;
            Step("OB LB", "LOWBATT", 1);
            run.WaitFor(r => r.ShutdownTime is not null, "shutdown");
            run.WaitForExit();
            run.WaitForType("SHUTDOWN"); // NUT's NOTIFYCMD child may finish after upsmon
            run.WaitForLogged("SHUTDOWN");
            run.WaitFor(r => r.ScriptCalls.Count >= 4, "upssched's CMDSCRIPT calls");
            Thread.Sleep(500); // nothing more may come
            return new Outcome(run.Notifications, delays, run.ShutdownTime - lb, run.PowerDownFlag, run.Wall, rig.Status(), run.Output)
            {
                Types = run.Types,
                Scripts = run.ScriptCalls.Select(c => $"{c.Arg} {c.Type}").ToList(),
            };
        });
        var (debian, ours) = (results[0], results[1]);
        Assert.Equal(["ONBATT", "ONLINE", "ONBATT", "LOWBATT", "SHUTDOWN"], debian.Types);
        // upssched: the same script calls in the same order; the timer is always there to cancel, so "notrunning" never runs.
        Assert.Equal(["onbatt ONBATT", "online ONLINE", "onbatt ONBATT", "lowbatt LOWBATT"], debian.Scripts);
        Assert.Equal(debian.Scripts, ours.Scripts);
        Assert.Equal(debian.Types, ours.Types);
        Assert.Equal(ours.Notes.Select(n => n.Type).Order(), ours.Types.Order());
        Assert.Equal(debian.Notes.Select(n => (n.Type, n.Args, n.Count)).Order(), ours.Notes.Select(n => (n.Type, n.Args.Replace(Port(ours), Port(debian)), n.Count)).Order());
        Assert.Equal(debian.Notes.Select(n => n.Ups.Length > 0), ours.Notes.Select(n => n.Ups.Length > 0));
        Assert.Equal("upsmon-shutdown-file", debian.Flag);
        Assert.Equal(debian.Flag, ours.Flag);
        Assert.Equal("FSD OB LB", debian.Status);
        Assert.Equal(debian.Status, ours.Status);
        // NUT forks a child per notification to run wall, so two messages a moment apart may land in either order.
        Assert.Equal(WallLines(debian.Wall.Replace(Port(debian), "PORT")), WallLines(ours.Wall.Replace(Port(ours), "PORT")));
        AssertTimes(debian, ours, FinalDelay: 1);
    }

    static string[] WallLines(string wall) => wall.Split('\n').Order(StringComparer.Ordinal).ToArray();

    static string Port(Outcome o) => o.Notes.First(n => n.Ups.Length > 0).Ups.Split(':')[1];

    static void AssertTimes(Outcome debian, Outcome ours, double FinalDelay)
    {
        for (int i = 0; i < debian.Delays.Count; i++)
        {
            Assert.InRange(debian.Delays[i], 0, Poll + Slack);
            Assert.InRange(ours.Delays[i], 0, Poll + Slack);
            Assert.InRange(Math.Abs(ours.Delays[i] - debian.Delays[i]), 0, Poll + Slack);
        }
        Assert.NotNull(debian.ShutdownDelay);
        Assert.NotNull(ours.ShutdownDelay);
        Assert.InRange(ours.ShutdownDelay!.Value, FinalDelay, FinalDelay + Poll + Slack);
        Assert.InRange(Math.Abs(ours.ShutdownDelay.Value - debian.ShutdownDelay!.Value), 0, Poll + Slack);
    }

    [Fact]
    public void SecondaryGivesUpOnThePrimaryAfterHostsync()
    {
        const int HostSync = 2;
        var results = Both(impl =>
        {
            using var rig = new UpsmonRig();
            using var run = rig.Start(impl, "sec", $"POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC {HostSync}\nFINALDELAY 0", primary: false, oneProcess: impl == Impl.Debian);
            Thread.Sleep(2500);
            double t = Now;
            rig.SetStatus("OB LB");
            run.WaitFor(r => r.ShutdownTime is not null, "shutdown");
            run.WaitForExit();
            // NUT's upsmon runs each NOTIFYCMD in a child of its own: the SHUTDOWN one may finish after upsmon.
            run.WaitForType("SHUTDOWN");
            run.WaitForLogged("SHUTDOWN");
            var delays = run.Notifications.Where(n => n.Type != "SHUTDOWN").Select(n => n.Time - t).ToList();
            return new Outcome(run.Notifications, delays, run.ShutdownTime - t, run.PowerDownFlag, run.Wall, rig.Status(), run.Output) { Types = run.Types };
        });
        var (debian, ours) = (results[0], results[1]);
        Assert.Equal(["ONBATT", "LOWBATT", "SHUTDOWN"], debian.Types);
        Assert.Equal(debian.Types, ours.Types);
        Assert.Contains("Giving up on the primary for UPS", debian.Output);
        Assert.Contains("Giving up on the primary for UPS", ours.Output);
        // A secondary never sets FSD.
        Assert.Equal("OB LB", debian.Status);
        Assert.Equal("OB LB", ours.Status);
        // Critical once more than HOSTSYNC whole seconds passed since the first OB LB poll.
        AssertTimes(debian, ours, FinalDelay: HostSync + 1);
    }

    [Fact]
    public void LosingTheDriverGivesCommbadNocommAndCommok()
    {
        var results = Both(impl =>
        {
            using var rig = new UpsmonRig();
            using var run = rig.Start(impl, "mon", "POLLFREQ 1\nPOLLFREQALERT 1\nNOCOMMWARNTIME 2", oneProcess: impl == Impl.Debian);
            Thread.Sleep(2500);
            rig.Stack.KillDriver("dev");
            run.WaitForType("NOCOMM");
            rig.Stack.StartDriver("dev");
            run.WaitForType("COMMOK");
            Thread.Sleep(1500);
            return new Outcome(run.Notifications, [], null, run.PowerDownFlag, run.Wall, rig.Status(), run.Output) { Types = run.Types };
        });
        var (debian, ours) = (results[0], results[1]);
        Assert.Equal(["COMMBAD", "NOCOMM", "COMMOK"], debian.Types);
        Assert.Equal(debian.Types, ours.Types);
        Assert.Contains("failed - Driver not connected", debian.Output);
        Assert.Contains("failed - Driver not connected", ours.Output);
        // NOCOMM comes NOCOMMWARNTIME after the last good poll, COMMBAD at the first failed one.
        double Gap(Outcome o) => o.Notes[1].Time - o.Notes[0].Time;
        Assert.InRange(Math.Abs(Gap(ours) - Gap(debian)), 0, Poll + Slack);
    }

    [Theory]
    [InlineData(Impl.Ours, Impl.Debian)]
    [InlineData(Impl.Debian, Impl.Ours)]
    public void PrimaryAndSecondaryCompleteTheFsdHandshake(Impl primaryImpl, Impl secondaryImpl)
    {
        const int HostSync = 20;
        using var rig = new UpsmonRig();
        using var secondary = rig.Start(secondaryImpl, "sec", "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 60\nFINALDELAY 1", primary: false, oneProcess: secondaryImpl == Impl.Debian);
        using var primary = rig.Start(primaryImpl, "mon", $"POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC {HostSync}\nFINALDELAY 0", oneProcess: primaryImpl == Impl.Debian);
        Thread.Sleep(3000);
        double t = Now;
        rig.SetStatus("OB LB");
        primary.WaitFor(r => r.ShutdownTime is not null, "shutdown");
        secondary.WaitFor(r => r.ShutdownTime is not null, "shutdown");
        primary.WaitForExit();
        secondary.WaitForExit();
        // NUT's upsmon runs each NOTIFYCMD in a child of its own: the SHUTDOWN one may finish after upsmon.
        primary.WaitForType("SHUTDOWN");
        secondary.WaitForType("SHUTDOWN");
        primary.WaitForLogged("SHUTDOWN");
        secondary.WaitForLogged("SHUTDOWN");

        Assert.Equal(["ONBATT", "LOWBATT", "SHUTDOWN"], primary.Types);
        // The secondary saw the primary's FSD (long before its own HOSTSYNC of 60 s would have run out) —
        // in the poll after OB LB, or in the same one ("FSD OB LB": then FSD comes first).
        Assert.Contains(string.Join(",", secondary.Types), new[] { "ONBATT,LOWBATT,FSD,SHUTDOWN", "FSD,ONBATT,LOWBATT,SHUTDOWN" });
        Assert.Equal("FSD OB LB", rig.Status());
        // The primary waited for the secondary to log out — and no longer.
        Assert.True(primary.ShutdownTime >= secondary.ShutdownTime - 0.2, $"primary {primary.ShutdownTime} before secondary {secondary.ShutdownTime}");
        Assert.InRange(primary.ShutdownTime!.Value - t, 1, HostSync - 5);
        Assert.DoesNotContain("Host sync timer expired", primary.Output);
        Assert.Equal("upsmon-shutdown-file", primary.PowerDownFlag);
        Assert.Equal("upsmon-shutdown-file", secondary.PowerDownFlag);
    }
}
