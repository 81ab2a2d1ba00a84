using Nut.Testing;

namespace Nut.Interop.Tests;

/// <summary>
/// Staleness and recovery (issue 2): a driver that stops answering turns into ERR DATA-STALE after MAXAGE, a
/// killed one into ERR DRIVER-NOT-CONNECTED; when it comes back the data returns — without restarting upsd.
/// The same scenario runs against Debian's stack to prove the same answers.
/// </summary>
public sealed class StalenessTests
{
    const int MaxAge = 6;

    [Fact]
    public void DataGoesStaleAndComesBackLikeNuts()
    {
        var expected = Scenario(Impl.Debian);
        var actual = Scenario(Impl.Ours);
        Assert.Equal(["VAR dev ups.status \"OL\"", "ERR DATA-STALE", "VAR dev ups.status \"OL\"", "ERR DRIVER-NOT-CONNECTED",
            "VAR dev ups.status \"OL\"", "same upsd"], expected);
        Assert.Equal(expected, actual);
    }

    static List<string> Scenario(Impl impl)
    {
        var seen = new List<string>();
        using var stack = new NutStack(impl, impl, [new StackUps("dev", TranscriptTests.DeviceFile)], maxAge: MaxAge).Start();
        int upsdPid = stack.Upsd.Pid;
        using var c = stack.Connect();
        string Status() => c.Request("GET VAR dev ups.status");
        seen.Add(Status());

        // A driver that hangs (SIGSTOP): nothing answers upsd's PINGs, so after MAXAGE the data is stale.
        var driver = stack.DriverOf("dev");
        driver.Signal(Posix.SIGSTOP);
        seen.Add(WaitUntil(Status, r => r != seen[0], TimeSpan.FromSeconds(MaxAge * 3)));
        driver.Signal(Posix.SIGCONT);
        seen.Add(WaitUntil(Status, r => r.StartsWith("VAR", StringComparison.Ordinal), TimeSpan.FromSeconds(MaxAge * 3)));

        // A driver that dies (SIGKILL): upsd drops its data at once, and reconnects when it is back.
        stack.KillDriver("dev");
        seen.Add(WaitUntil(Status, r => r.StartsWith("ERR", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        stack.StartDriver("dev");
        seen.Add(WaitUntil(Status, r => r == seen[0], TimeSpan.FromSeconds(30)));
        seen.Add(stack.Upsd.Pid == upsdPid && !stack.Upsd.HasExited ? "same upsd" : "upsd restarted");
        return seen;
    }

    static string WaitUntil(Func<string> probe, Func<string, bool> done, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        string last;
        do
        {
            last = probe();
            if (done(last)) return last;
            Thread.Sleep(200);
        } while (DateTime.UtcNow < end);
        return last;
    }
}
