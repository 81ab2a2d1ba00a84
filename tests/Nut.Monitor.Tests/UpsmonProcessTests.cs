using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>
/// Our upsmon as a process: the privilege split (an unprivileged monitoring child, a root parent that only
/// runs the shutdown), what happens when either half dies, the control commands, the PID file, the
/// background start — against Debian's upsd and dummy-ups.
/// </summary>
[Collection("processes")]
public sealed class UpsmonProcessTests
{
    const string Fast = "POLLFREQ 1\nPOLLFREQALERT 1\nHOSTSYNC 2\nFINALDELAY 0";

    static string Uid(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];

    static int ChildPid(UpsmonRun run)
    {
        run.WaitFor(r => Nut.Platform.PidFile.Read(r.PidFile) is not null, "PID file");
        return Nut.Platform.PidFile.Read(run.PidFile)!.Value;
    }

    [Fact]
    public void MonitoringRunsUnprivilegedAndOnlyTheShutdownRunsAsRoot()
    {
        using var rig = new UpsmonRig();
        using var run = rig.Start(Impl.Ours, "mon", Fast, user: "nobody");
        int child = ChildPid(run);
        Assert.NotEqual(run.Pid, child);
        Assert.Equal("0", Uid(run.Pid));
        Assert.Equal("65534", Uid(child));
        rig.SetStatus("OB LB");
        run.WaitFor(r => r.ShutdownTime is not null, "shutdown");
        run.WaitForExit();
        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Notifications, n => Assert.Equal("65534", n.Uid));
        Assert.Equal("0", run.ShutdownUser);
        Assert.Equal("upsmon-shutdown-file", run.PowerDownFlag);
        Assert.Equal("FSD OB LB", rig.Status());
    }

    [Fact]
    public void WhenTheChildDiesTheParentLeavesToo()
    {
        using var rig = new UpsmonRig();
        using var run = rig.Start(Impl.Ours, "mon", Fast);
        int child = ChildPid(run);
        Posix.Kill(child, Posix.SIGKILL);
        run.WaitForExit();
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("upsmon parent: read", run.Output);
        Assert.Null(run.ShutdownTime);
    }

    [Fact]
    public void WhenTheParentDiesTheChildSaysShutdownIsImpossible()
    {
        using var rig = new UpsmonRig();
        using var run = rig.Start(Impl.Ours, "mon", Fast);
        int child = ChildPid(run);
        Thread.Sleep(1500);
        Posix.Kill(run.Pid, Posix.SIGKILL);
        run.WaitForType("NOPARENT");
        Assert.Equal("upsmon parent process died - shutdown impossible", run.Notifications.Single(n => n.Type == "NOPARENT").Args);
        Assert.Equal("", run.Notifications.Single(n => n.Type == "NOPARENT").Ups);
        Assert.True(Directory.Exists($"/proc/{child}"));
        Posix.Kill(child, Posix.SIGTERM);
        var end = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/{child}") && File.ReadAllText($"/proc/{child}/stat").Split(' ')[2] != "Z" && DateTime.UtcNow < end)
            Thread.Sleep(50);
        Assert.False(File.Exists(run.PidFile));
    }

    [Fact]
    public void ControlCommandsReachTheRunningUpsmon()
    {
        using var rig = new UpsmonRig();
        using var run = rig.Start(Impl.Ours, "mon", Fast);
        ChildPid(run);
        Thread.Sleep(1500);

        var second = run.Command("-F", "-u", "root", "-f", run.ConfigFile);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Fatal error: A previous upsmon instance is already running!", second.Stderr);

        Assert.Equal(0, run.Command("-c", "reload").ExitCode);
        run.WaitFor(r => r.Output.Contains("Reloading configuration"), "reload");

        Assert.Equal(1, run.Command("-K", "-f", run.ConfigFile).ExitCode);
        Assert.Equal(0, run.Command("-c", "fsd").ExitCode);
        run.WaitFor(r => r.ShutdownTime is not null, "shutdown");
        run.WaitForExit();
        Assert.Contains("Signal 10: User requested FSD", run.Output);
        Assert.Equal(["SHUTDOWN"], run.Types);
        // FSD is a latch on upsd: it shows on the UPS that is still on line.
        Assert.Equal("FSD OL", rig.Status());
        var k = run.Command("-K", "-f", run.ConfigFile);
        Assert.Equal(0, k.ExitCode);
        Assert.Contains("Power down flag is set", k.Stderr);
    }

    [Fact]
    public void StopLogsOutAndRemovesThePidFile()
    {
        using var rig = new UpsmonRig();
        using var run = rig.Start(Impl.Ours, "mon", Fast);
        ChildPid(run);
        using var client = rig.Stack.Connect();
        run.WaitFor(_ => client.Request("GET NUMLOGINS dev") == "NUMLOGINS dev 1", "login");
        Assert.Equal(0, run.Command("-c", "stop").ExitCode);
        run.WaitForExit();
        Assert.Contains("Signal 15: exiting", run.Output);
        Assert.False(File.Exists(run.PidFile));
        // upsd counts the logout when it reads it, a moment after upsmon has gone.
        run.WaitFor(_ => client.Request("GET NUMLOGINS dev") == "NUMLOGINS dev 0", "the logout counted");
        Assert.Empty(run.Notifications);
    }

    [Fact]
    public void WithoutForegroundItGoesToTheBackground()
    {
        using var rig = new UpsmonRig();
        using var run = rig.Start(Impl.Ours, "mon", Fast);
        int child = ChildPid(run);
        Assert.Equal(0, run.Command("-c", "stop").ExitCode);
        run.WaitForExit();

        var start = run.Command("-u", "root", "-f", run.ConfigFile);
        Assert.Equal(0, start.ExitCode);
        int pid = Nut.Platform.PidFile.Read(run.PidFile) ?? 0;
        Assert.NotEqual(0, pid);
        Assert.NotEqual(child, pid);
        Assert.True(Directory.Exists($"/proc/{pid}"));
        rig.SetStatus("OB");
        run.WaitForType("ONBATT");
        Assert.Equal(0, run.Command("-c", "stop").ExitCode);
        var end = DateTime.UtcNow.AddSeconds(10);
        while (File.Exists(run.PidFile) && DateTime.UtcNow < end)
            Thread.Sleep(50);
        Assert.False(File.Exists(run.PidFile));
    }
}
