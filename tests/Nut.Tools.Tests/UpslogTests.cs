using Nut.Testing;

namespace Nut.Tools.Tests;

/// <summary>upslog (issue 3): its lines equal Debian's for the same format; SIGUSR1, SIGHUP, a server that goes away.</summary>
public sealed class UpslogTests
{
    static string Device => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    static List<string> Lines(string path) => File.Exists(path) ? [.. File.ReadAllLines(path)] : [];

    static void WaitFor(Func<bool> condition, string what, Daemon process)
    {
        var end = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < end, $"timed out waiting for {what}\n{process.Output}");
            Thread.Sleep(50);
        }
    }

    /// <summary>The first lines of upslog for a format, run until it has written <paramref name="count"/> lines.</summary>
    static (string Stdout, string Stderr) FirstLines(Impl impl, NutStack stack, string format, int count)
    {
        using var log = Proc.Start(NutStack.Program(impl, "upslog"), ["-s", $"dev@127.0.0.1:{stack.Port}", "-l", "-", "-i", "1", "-f", format], stack.Env);
        WaitFor(() => log.Output.Split('\n').Count(l => l.StartsWith("L:", StringComparison.Ordinal)) >= count, "log lines", log);
        log.Dispose();
        var lines = log.Output.Split('\n');
        return (string.Join('\n', lines.Where(l => l.StartsWith("L:", StringComparison.Ordinal)).Take(count)),
            string.Join('\n', lines.Where(l => !l.StartsWith("L:", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("L:%VAR ups.status% [%VAR battery.charge%] %VAR input.1.voltage% %UPSHOST% %HOST%")]
    [InlineData("L:%VAR nodot% %VARX device.mfr% %% %bogus% %VAR nosuch.var% %var ups.status% %TIME @Y-@m-@d% trail%")]
    [InlineData("L:%VAR% %HOSTNAME% %PID%x")]
    public void LinesEqualDebiansForTheSameFormat(string format)
    {
        using var stack = new NutStack(Impl.Debian, Impl.Debian, [new StackUps("dev", Device)]).Start();
        var expected = FirstLines(Impl.Debian, stack, format, 2);
        var actual = FirstLines(Impl.Ours, stack, format, 2);
        if (format.Contains("%PID%"))
        {
            // Each process prints its own PID: compare the shape.
            Assert.Matches(@"^L:INVALID \S+ \d+x\nL:INVALID \S+ \d+x$", actual.Stdout);
            return;
        }
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Contains("logging status of dev@127.0.0.1:", actual.Stderr + actual.Stdout);
    }

    [Fact]
    public void SigUsr1WritesALineAtOnceAndSigHupReopensTheFile()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", Device)]).Start();
        string file = stack.Dir["ups.log"];
        using var log = Proc.Start(Paths.Ours("upslog"), ["-F", "-s", $"dev@127.0.0.1:{stack.Port}", "-l", file, "-i", "3600",
            "-p", stack.Dir["upslog.pid"], "-f", "%VAR ups.status%"], stack.Env);
        WaitFor(() => Lines(file).Count == 1, "the first line", log);
        for (int i = 2; i <= 4; i++)
        {
            log.Signal(Posix.SIGUSR1);
            WaitFor(() => Lines(file).Count == i, $"line {i} after SIGUSR1", log);
        }
        // logrotate: move the file away, then HUP. The HUP's own line goes to the new file; nothing is lost.
        File.Move(file, file + ".1");
        log.Signal(Posix.SIGHUP);
        WaitFor(() => Lines(file).Count == 1, "the reopened file", log);
        log.Signal(Posix.SIGUSR1);
        WaitFor(() => Lines(file).Count == 2, "a line in the new file", log);
        Assert.Equal(["OL", "OL", "OL", "OL"], Lines(file + ".1"));
        Assert.Equal(["OL", "OL"], Lines(file));
        Assert.Equal($"{log.Pid}\n", File.ReadAllText(stack.Dir["upslog.pid"]));
        log.Signal(Posix.SIGTERM);
        Assert.True(log.Process.WaitForExit(10_000));
        log.Process.WaitForExit(); // and let its output drain
        Assert.Contains("Signal 15: exiting", log.Output);
        Assert.False(File.Exists(stack.Dir["upslog.pid"]));
    }

    [Fact]
    public void LoggingGoesOnWhileTheServerIsAwayAndValuesReturn()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", Device)]).Start();
        string file = stack.Dir["ups.log"];
        using var log = Proc.Start(Paths.Ours("upslog"), ["-F", "-s", $"dev@127.0.0.1:{stack.Port}", "-l", file, "-i", "1",
            "-p", stack.Dir["upslog.pid"], "-f", "%VAR ups.status%"], stack.Env);
        WaitFor(() => Lines(file).Contains("OL"), "a first value", log);
        stack.Upsd.Dispose();
        WaitFor(() => Lines(file).LastOrDefault() == "NA", "NA while the server is away", log);
        WaitFor(() => log.Output.Contains("values are NA until it is back") || log.Output.Contains("logging NA until it answers"), "a clear message", log);
        stack.StartUpsd();
        stack.WaitForData(TimeSpan.FromSeconds(20));
        WaitFor(() => Lines(file).LastOrDefault() == "OL", "values back with the server", log);
        // The message is written before the value, but its line can reach the captured output after the file shows OL.
        WaitFor(() => log.Output.Contains("restored"), "a message that the server is back", log);
        Assert.All(Lines(file), l => Assert.True(l is "OL" or "NA", $"torn or odd line: '{l}'"));
    }

    [Fact]
    public void SeveralUpsesInOneProcess()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("a", Device), new StackUps("b", Device)]).Start();
        string shared = stack.Dir["both.log"], own = stack.Dir["b.log"];
        using var log = Proc.Start(Paths.Ours("upslog"), ["-F", "-i", "1", "-p", stack.Dir["upslog.pid"], "-f", "%UPSHOST% %VAR ups.status%",
            "-m", $"a@127.0.0.1:{stack.Port},{shared}", "-m", $"b@127.0.0.1:{stack.Port},{shared}", "-m", $"b@127.0.0.1:{stack.Port},{own}"], stack.Env);
        WaitFor(() => Lines(shared).Count >= 4 && Lines(own).Count >= 2, "lines of both UPSes", log);
        Assert.Contains($"a@127.0.0.1:{stack.Port} OL", Lines(shared));
        Assert.Contains($"b@127.0.0.1:{stack.Port} OL", Lines(shared));
        Assert.All(Lines(own), l => Assert.Equal($"b@127.0.0.1:{stack.Port} OL", l));
    }

    [Fact]
    public void InTheBackgroundWithAPidFileAndAUser()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", Device)]).Start();
        string file = stack.Dir["bg.log"], pid = stack.Dir["bg.pid"];
        // -B: the command returns once the logger runs in the background; -u: it becomes that user.
        var start = stack.Run(Paths.Ours("upslog"), "-B", "-u", "root", "-s", $"dev@127.0.0.1:{stack.Port}", "-l", file, "-i", "1",
            "-p", pid, "-f", "%VAR ups.status%");
        Assert.Equal(0, start.ExitCode);
        Assert.Contains($"logging status of dev@127.0.0.1:{stack.Port} to {file} (1s intervals)", start.Stdout);
        int daemon = int.Parse(File.ReadAllText(pid).Trim());
        try
        {
            var end = DateTime.UtcNow.AddSeconds(20);
            while (Lines(file).Count < 2 && DateTime.UtcNow < end) Thread.Sleep(100);
            Assert.True(Lines(file).Count >= 2, "the background upslog wrote nothing");
            Assert.All(Lines(file), l => Assert.Equal("OL", l));
        }
        finally
        {
            Posix.Kill(daemon, Posix.SIGTERM);
        }
        var gone = DateTime.UtcNow.AddSeconds(10);
        while (File.Exists(pid) && DateTime.UtcNow < gone) Thread.Sleep(100);
        Assert.False(File.Exists(pid), "the PID file stays after SIGTERM");
    }

    [Theory]
    [InlineData()]
    [InlineData("-h")]
    [InlineData("-V")]
    [InlineData("-s", "dev@localhost")]
    [InlineData("-l", "-")]
    [InlineData("dev@localhost", "file")]
    public void MessagesAsDebians(params string[] args)
    {
        var expected = Proc.Run(Paths.Debian("upslog"), args);
        var actual = Proc.Run(Paths.Ours("upslog"), args);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.Stdout, actual.Stdout);
        Assert.Equal(expected.Stderr, actual.Stderr);
    }
}
