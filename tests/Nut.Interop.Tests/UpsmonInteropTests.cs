using Nut.Testing;

namespace Nut.Interop.Tests;

/// <summary>
/// Debian's upsmon, as a primary, monitoring our upsd: the same notifications in the same order as against
/// Debian's upsd, the FSD it sets shows on our server, and it calls its SHUTDOWNCMD (a recorder, never a
/// real shutdown). The power events are made with Debian's upsrw on dummy-ups' writable ups.status.
/// </summary>
public sealed class UpsmonInteropTests
{
    [Fact]
    public void DebiansUpsmonSeesTheSameEventsFromOurUpsd()
    {
        var expected = RunScenario(Impl.Debian);
        var actual = RunScenario(Impl.Ours);
        Assert.Equal(["ONBATT", "LOWBATT", "SHUTDOWN"], expected.Notifications); // what Debian's upsmon reports against Debian's upsd
        Assert.Equal(expected.Notifications, actual.Notifications);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal("FSD OB LB", actual.Status);
        Assert.True(actual.ShutdownCalled, "upsmon did not run its SHUTDOWNCMD against our upsd");
        Assert.Equal("upsmon-shutdown-file", actual.PowerDownFlag);
    }

    sealed record Outcome(List<string> Notifications, string Status, bool ShutdownCalled, string? PowerDownFlag);

    static Outcome RunScenario(Impl upsdImpl)
    {
        using var stack = new NutStack(upsdImpl, Impl.Debian, [new StackUps("dev", TranscriptTests.DeviceFile)]).Start();
        var dir = stack.Dir;
        dir.Write("notify.sh", $"#!/bin/sh\necho \"$NOTIFYTYPE\" >> {dir["notify.log"]}\n");
        File.SetUnixFileMode(dir["notify.sh"], (UnixFileMode)Convert.ToInt32("755", 8));
        dir.Write("shutdown.sh", $"#!/bin/sh\necho shutdown >> {dir["shutdown.log"]}\n");
        File.SetUnixFileMode(dir["shutdown.sh"], (UnixFileMode)Convert.ToInt32("755", 8));
        string flags = string.Join("", new[] { "ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "REPLBATT", "NOCOMM", "NOPARENT" }
            .Select(t => $"NOTIFYFLAG {t} EXEC\n"));
        dir.Write("upsmon.conf", $"""
            MONITOR dev@127.0.0.1:{stack.Port} 1 mon monpw primary
            MINSUPPLIES 1
            SHUTDOWNCMD "{dir["shutdown.sh"]}"
            NOTIFYCMD {dir["notify.sh"]}
            POLLFREQ 1
            POLLFREQALERT 1
            HOSTSYNC 2
            DEADTIME 5
            FINALDELAY 0
            POWERDOWNFLAG {dir["killpower"]}
            {flags}
            """);
        File.SetUnixFileMode(dir["upsmon.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory("/run/nut");
        using var upsmon = Proc.Start(Paths.Debian("upsmon"), ["-F", "-p", "-f", dir["upsmon.conf"]], stack.Env, dir.FullPath);
        Thread.Sleep(2500); // the first polls: OL is silent at start
        string rw = Paths.Debian("upsrw");
        string target = $"dev@127.0.0.1:{stack.Port}";
        Assert.Equal(0, stack.Run(rw, "-s", "ups.status=OB", "-u", "admin", "-p", "mypass", target).ExitCode);
        WaitFor(() => Lines(dir["notify.log"]).Contains("ONBATT"), upsmon);
        Assert.Equal(0, stack.Run(rw, "-s", "ups.status=OB LB", "-u", "admin", "-p", "mypass", target).ExitCode);
        WaitFor(() => File.Exists(dir["shutdown.log"]), upsmon);
        Thread.Sleep(300);
        string status = stack.Run(Paths.Debian("upsc"), target, "ups.status").Stdout.Trim();
        return new Outcome(Lines(dir["notify.log"]), status, File.Exists(dir["shutdown.log"]),
            File.Exists(dir["killpower"]) ? File.ReadAllText(dir["killpower"]) : null);
    }

    static List<string> Lines(string path) => File.Exists(path) ? [.. File.ReadAllLines(path)] : [];

    static void WaitFor(Func<bool> condition, Daemon upsmon)
    {
        var end = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > end)
                throw new TimeoutException("upsmon did not react:\n" + upsmon.Output);
            Thread.Sleep(100);
        }
    }
}
