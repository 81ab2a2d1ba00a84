using Nut.Drivers.Upsdrvctl;
using Nut.Testing;

namespace Nut.Drivers.Tests;

/// <summary><c>upsdrvctl -F start</c> with real processes: a driver killed with SIGKILL comes back on its own, upsd
/// (never restarted) reports the driver gone and then serves the new driver's data; crashes in a row back off;
/// SIGTERM to upsdrvctl stops the drivers.</summary>
[Collection("processes")]
public sealed class DriverSupervisorTests
{
    static string Device => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    [Fact]
    public void BackoffDoublesAfterMaxretryAndResetsAfterAStableRun()
    {
        var b = new RestartBackoff(retryDelaySeconds: 5, maxRetry: 2);
        var quick = TimeSpan.FromSeconds(1);
        Assert.Equal([5, 5, 10, 20, 40, 80, 120, 120], Enumerable.Range(0, 8).Select(_ => b.NextDelay(quick).TotalSeconds));
        Assert.Equal(5, b.NextDelay(RestartBackoff.StableAfter).TotalSeconds); // ran long enough: a fresh start
        Assert.Equal(1, b.QuickFailures);
        Assert.Equal(1, new RestartBackoff(retryDelaySeconds: 0, maxRetry: 1).NextDelay(quick).TotalSeconds); // never a busy loop
    }

    /// <summary>The live (not yet reaped) child processes of a process.</summary>
    static List<int> Children(int pid)
    {
        var result = new List<int>();
        foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            string text;
            try { text = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; } // the thread ended meanwhile
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int child = int.Parse(word, System.Globalization.CultureInfo.InvariantCulture);
                if (IsLive(child))
                    result.Add(child);
            }
        }
        return result;
    }

    /// <summary>Exists and is not a zombie: /proc/PID/stat's state field follows the ")" of the name.</summary>
    static bool IsLive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException) { return false; }
    }

    static void WaitFor(Func<bool> condition, string what, Daemon supervisor, double seconds = 30)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < end, $"timed out waiting for {what}\n{supervisor.Output}");
            Thread.Sleep(50);
        }
    }

    [Fact]
    public void AKilledDriverIsRestartedWithBackoffAndUpsdServesItsDataAgain()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", Device, RunDriver: false)], maxAge: 15);
        stack.Dir.Write("ups.conf", "maxretry = 1\nretrydelay = 1\n" + File.ReadAllText(stack.Dir["ups.conf"]));
        using var supervisor = Proc.Start(Paths.Ours("upsdrvctl"), ["-u", "root", "-F", "start"], stack.Env, stack.Dir.FullPath);
        stack.StartUpsd();
        int upsdPid = stack.Upsd.Pid;
        string target = $"dev@127.0.0.1:{stack.Port}";
        // upsc's value, or the last line of its complaint (the first is "Init SSL without certificate database").
        string Status() => stack.Run(Paths.Debian("upsc"), target, "ups.status") is var r && r.ExitCode == 0 ? r.Stdout.Trim() : r.Stderr.Trim().Split('\n')[^1];
        WaitFor(() => Status() == "OL", "the first data", supervisor);

        // SIGKILL: upsd sees the driver go and says so to clients — "Driver not connected" (DRIVER-NOT-CONNECTED),
        // as Debian's upsd does for a dead driver; DATA-STALE is its answer for a driver that is there but silent —
        // and then serves fresh data from the restarted driver.
        int first = Children(supervisor.Pid).Single();
        Posix.Kill(first, Posix.SIGKILL);
        WaitFor(() => Status() == "Error: Driver not connected", "upsd to report the driver gone", supervisor);
        WaitFor(() => Children(supervisor.Pid) is [var p] && p != first, "a new driver", supervisor);
        WaitFor(() => Status() == "OL", "fresh data from the new driver", supervisor);
        Assert.Contains("Driver for UPS [dev] died (killed by signal 9); restarting it in 1 s", supervisor.Output);
        Assert.False(stack.Upsd.HasExited);
        Assert.Equal(upsdPid, stack.Upsd.Pid);
        Assert.Contains("Connected to UPS [dev]", stack.Upsd.Output);

        // Crashes in a row wait longer each time (maxretry 1: 1 s, then 2 s, then 4 s).
        foreach (int seconds in new[] { 2, 4 })
        {
            int victim = Children(supervisor.Pid).Single();
            var killedAt = DateTime.UtcNow;
            Posix.Kill(victim, Posix.SIGKILL);
            WaitFor(() => Children(supervisor.Pid) is [var p] && p != victim, $"the restart after {seconds} s", supervisor, seconds + 30);
            Assert.True(DateTime.UtcNow - killedAt >= TimeSpan.FromSeconds(seconds - 0.3), $"restarted before its {seconds} s back-off\n{supervisor.Output}");
            Assert.Contains($"died (killed by signal 9); restarting it in {seconds} s", supervisor.Output);
        }
        WaitFor(() => Status() == "OL", "data after the crash loop", supervisor);
        Assert.Equal(upsdPid, stack.Upsd.Pid);

        // SIGTERM to upsdrvctl stops the driver (it removes its socket) and upsdrvctl itself.
        int last = Children(supervisor.Pid).Single();
        supervisor.Signal(Posix.SIGTERM);
        Assert.True(supervisor.Process.WaitForExit(20_000), supervisor.Output);
        supervisor.Process.WaitForExit();
        Assert.Equal(0, supervisor.Process.ExitCode);
        Assert.False(IsLive(last));
        Assert.Contains("Signal 15: stopping the drivers", supervisor.Output);
        Assert.False(File.Exists(stack.Dir["dummy-ups-dev"]), "the driver did not clean up: it was not stopped by SIGTERM");
        Assert.DoesNotContain("did not stop", supervisor.Output);
    }
}
