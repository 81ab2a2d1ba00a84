using Nut.Testing;

namespace Nut.Drivers.Tests;

/// <summary>upsdrvctl with our drivers: start (PID files, background), stop, shutdown order, messages.</summary>
public sealed class UpsdrvctlTests
{
    [Fact]
    public void StartStopAndShutdown()
    {
        using var dir = new TempDir("drvctl");
        File.Copy(Path.Combine(Paths.RepoRoot, "conf", "demo", "outage.seq"), dir["outage.seq"]);
        dir.Write("ups.conf", "[a]\n\tdriver = dummy-ups\n\tport = outage.seq\n[b]\n\tdriver = dummy-ups\n\tport = outage.seq\n\tsdorder = -1\n");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        string ctl = Paths.Ours("upsdrvctl");
        try
        {
            var start = Proc.Run(ctl, ["-u", "root", "start"], env);
            Assert.Equal(0, start.ExitCode);
            Assert.StartsWith("Network UPS Tools - UPS driver controller 2.8.0\n", start.Stdout);
            foreach (var ups in new[] { "a", "b" })
            {
                Assert.True(File.Exists(dir[$"dummy-ups-{ups}"]), "no socket for " + ups);
                int pid = int.Parse(File.ReadAllText(dir[$"dummy-ups-{ups}.pid"]).Trim());
                Assert.Equal(0, Posix.Kill(pid, 0));
            }

            // shutdown skips sdorder -1 and runs "-k" for the rest: dummy-ups does not support it.
            var shutdown = Proc.Run(ctl, ["shutdown"], env);
            Assert.Equal(1, shutdown.ExitCode);
            Assert.Contains("shutdown not supported", shutdown.Stderr);
            Assert.Single(shutdown.Stderr.Split('\n'), l => l == "Initiating UPS shutdown");
        }
        finally
        {
            var stop = Proc.Run(ctl, ["stop"], env);
            Assert.Equal(0, stop.ExitCode);
        }
        for (int i = 0; i < 50 && File.Exists(dir["dummy-ups-a.pid"]); i++) Thread.Sleep(100);
        Assert.False(File.Exists(dir["dummy-ups-a.pid"]));
        Assert.False(File.Exists(dir["dummy-ups-a"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-h")]
    [InlineData("foo")]
    [InlineData("start nosuch")]
    [InlineData("stop a")]
    public void MessagesAsDebians(string args)
    {
        using var dir = new TempDir("drvctl");
        dir.Write("ups.conf", "[a]\n\tdriver = dummy-ups\n\tport = x.dev\n");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        string[] argv = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = Proc.Run(Paths.Debian("upsdrvctl"), argv, env);
        var actual = Proc.Run(Paths.Ours("upsdrvctl"), argv, env);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.Stdout.Replace(Paths.Debian("upsdrvctl"), "upsdrvctl"), actual.Stdout);
        Assert.Equal(expected.Stderr, actual.Stderr);
    }
}
