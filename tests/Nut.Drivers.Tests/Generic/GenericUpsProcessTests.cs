using System.Globalization;
using Nut.Drivers.Generic;
using Nut.Drivers.Host;
using Nut.Testing;

namespace Nut.Drivers.Tests.Generic;

/// <summary>
/// genericups as a process, next to Debian's: Debian's driver on the same fake lines is the oracle for every upstype
/// and line combination; dumps, -k lines, errors and -h are compared; and the status travels through our upsd to
/// Debian's upsc.
/// </summary>
public sealed class GenericUpsProcessTests
{
    static string Num(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs one driver on fake lines (input lines <paramref name="on"/>); returns its result and what it set.</summary>
    static (ProcResult Result, string Outputs) RunOnFakeLines(bool debian, string[] on, params string[] args)
    {
        using var dir = new TempDir("gen");
        string lines = dir.Write("lines", string.Join(' ', on) + "\n");
        string program = debian ? Paths.Debian("genericups") : Paths.Ours("genericups");
        var r = Proc.Run(program, ["-s", "g", "-x", "port=/dev/ptmx", "-u", "root", .. args],
            FakeLinesShim.Environment(lines, dir.FullPath, debian), TimeSpan.FromSeconds(30));
        string outputs = File.Exists(lines + ".out") ? File.ReadAllText(lines + ".out") : "";
        return (r, outputs);
    }

    static string Status(ProcResult r) =>
        r.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("ups.status: ", StringComparison.Ordinal))?["ups.status: ".Length..] ?? "(none)";

    [Fact]
    public void DebiansDriverGivesTheStatusOfOurTableForEveryTypeAndTheLinesItUses()
    {
        // Every combination of the lines a type uses: all 16 for types 1 and 23 (which read RNG / DSR), the four of
        // CTS and DCD for the others (the in-process tests cover all 16 for every type against the same table).
        static bool UsesRngOrDsr(NutGenericUpsTable.Row row) =>
            new[] { row.Ol, row.Lb, row.Rb, row.Bypass }.Any(s => s.Contains("RNG", StringComparison.Ordinal) || s.Contains("DSR", StringComparison.Ordinal));
        var cases = NutGenericUpsTable.Rows.SelectMany(row => NutGenericUpsTable.Combinations()
            .Where(on => UsesRngOrDsr(row) || !on.Any(l => l is "RNG" or "DSR")).Select(on => (row, on))).ToArray();
        Assert.Equal(22 * 4 + 2 * 16, cases.Length);
        var failures = cases.AsParallel().WithDegreeOfParallelism(4).Select(c =>
        {
            // nolock: Debian's driver locks the port, and every run here opens the same /dev/ptmx.
            var (r, _) = RunOnFakeLines(debian: true, c.on, "-x", "upstype=" + Num(c.row.Type), "-x", "nolock", "-d", "1");
            string debians = Status(r);
            // Ours, in-process on the same lines.
            var fake = new FakeModemLines();
            fake.SetInputs(c.on);
            var state = new DriverState();
            var host = new DriverHostContext("g", state, new(StringComparer.OrdinalIgnoreCase) { ["port"] = "x", ["upstype"] = Num(c.row.Type) }, [], "/", TimeProvider.System);
            var ours = new GenericUps(_ => fake);
            ours.InitUps(host);
            ours.InitInfo(host);
            ours.UpdateInfo(host);
            string expected = NutGenericUpsTable.ExpectedStatus(c.row, c.on);
            return debians == expected && state.GetInfo("ups.status") == expected
                ? null
                : $"upstype {c.row.Type} [{string.Join(' ', c.on)}]: table {expected}, Debian {debians}, ours {state.GetInfo("ups.status")}\n{r}";
        }).Where(f => f is not null).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<int, string, string> DumpCases => new()
    {
        { 1, "RNG", "serial=SN1 mfr=ACME model=Box" },
        { 23, "CTS DCD RNG DSR", "" },
        { 2, "CTS DCD RNG", "OL=-RNG LB=-DCD CP=DTR" },
        { 6, "DSR", "OL=none RB=DSR BYPASS=-CTS" },
    };

    [Theory]
    [MemberData(nameof(DumpCases))]
    public void OurDumpIsDebiansDump(int upstype, string on, string settings)
    {
        string[] args = ["-x", "upstype=" + Num(upstype), .. settings.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(s => new[] { "-x", s }), "-d", "1"];
        string[] lines = on.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var runs = new[] { true, false }.AsParallel().Select(debian => RunOnFakeLines(debian, lines, args)).ToArray();
        var (debians, ours) = (runs[0], runs[1]);
        Assert.True(debians.Result.ExitCode == 0, debians.Result.ToString());
        Assert.Equal(debians.Result.ExitCode, ours.Result.ExitCode);
        Assert.Equal(debians.Result.Stdout, ours.Result.Stdout);
        Assert.Equal(debians.Outputs, ours.Outputs);
    }

    [Theory]
    [InlineData(1, "")] // RTS
    [InlineData(4, "")] // none: every line dropped
    [InlineData(8, "")] // no shutdown known: fatal
    [InlineData(11, "")] // a break
    [InlineData(20, "sdtime=2")] // a break: sdtime does not apply
    [InlineData(5, "SD=RTS CP=RTS sdtime=1")]
    public void KillPowerSetsTheLinesDebiansDriverSets(int upstype, string settings)
    {
        string[] args = ["-x", "upstype=" + Num(upstype), .. settings.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(s => new[] { "-x", s }), "-k"];
        var runs = new[] { true, false }.AsParallel().Select(debian => RunOnFakeLines(debian, [], args)).ToArray();
        var (debians, ours) = (runs[0], runs[1]);
        Assert.Equal(debians.Result.ExitCode, ours.Result.ExitCode);
        Assert.Equal(debians.Outputs, ours.Outputs);
        Assert.NotEqual("", ours.Outputs);
        if (upstype is 11 or 20)
        {
            // The break's length is what the driver hands tcsendbreak (a pty carries no break, so it cannot be
            // timed on the line): 4901, which glibc makes a 5.0 s break. Both drivers return at once (no sdtime).
            Assert.EndsWith("BREAK 4901\n", debians.Outputs);
            Assert.DoesNotContain("Holding", ours.Result.Stdout + ours.Result.Stderr);
        }
        if (upstype == 8 && settings == "")
            Assert.Contains("No shutdown command defined for this model!", ours.Result.Stderr);
    }

    [Theory]
    [InlineData("/nonexistent/ttyS9", "Unable to open /nonexistent/ttyS9: No such file or directory")]
    [InlineData("/dev/ptmx", "ioctl TIOCMSET: Inappropriate ioctl for device")] // a pty has no modem lines
    public void APortThatCannotBeUsedFailsClearlyAsDebians(string port, string message)
    {
        using var dir = new TempDir("gen");
        var env = new Dictionary<string, string> { ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        string[] args = ["-s", "g", "-x", "port=" + port, "-x", "upstype=3", "-u", "root", "-d", "1"];
        var debians = Proc.Run(Paths.Debian("genericups"), args, env);
        var ours = Proc.Run(Paths.Ours("genericups"), args, env);
        Assert.Equal(1, debians.ExitCode);
        Assert.Contains(message, debians.Stdout + debians.Stderr);
        Assert.Equal(1, ours.ExitCode);
        Assert.Contains(message, ours.Stdout + ours.Stderr);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-s g -x port=/x -x upstype=24 -d 1")]
    [InlineData("-L")]
    public void HelpListsAndUpstypeErrorsMatchDebian(string args)
    {
        using var dir = new TempDir("gen");
        var env = new Dictionary<string, string> { ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        var debians = Proc.Run(Paths.Debian("genericups"), args.Split(' '), env);
        var ours = Proc.Run(Paths.Ours("genericups"), args.Split(' '), env);
        Assert.Equal(debians.ExitCode, ours.ExitCode);
        Assert.Equal(debians.Stdout, ours.Stdout);
    }

    [Fact]
    public void OnLineOnBatteryAndLowBatteryReachUpscThroughOurUpsd()
    {
        using var dir = new TempDir("gen-rig");
        int port = FreePort.Next();
        string lines = dir.Write("lines", "CTS DCD\n"); // upstype 6: on line = CTS on, low battery = DCD off
        dir.Write("ups.conf", $"[g]\n\tdriver = genericups\n\tport = /dev/ttyS0\n\tupstype = 6\n\tpollinterval = 1\n");
        dir.Write("upsd.conf", $"LISTEN 127.0.0.1 {port}\nMAXAGE 5\n");
        dir.Write("upsd.users", "");
        var env = FakeLinesShim.Environment(lines, dir.FullPath, debian: false);
        using var driver = Proc.Start(Paths.Ours("genericups"), ["-a", "g", "-u", "root", "-F"], env, dir.FullPath);
        using var upsd = Proc.Start(Paths.Ours("upsd"), ["-u", "root", "-F"], env, dir.FullPath);
        // upsc's answer, or its last error line ("Error: Data stale"; it also says "Init SSL ..." on stderr).
        string Upsc() => Proc.Run(Paths.Debian("upsc"), [$"g@127.0.0.1:{port}", "ups.status"]) is var r && r.ExitCode == 0
            ? r.Stdout.Trim() : r.Stderr.Trim().Split('\n')[^1];
        void Expect(string status)
        {
            var end = DateTime.UtcNow.AddSeconds(20);
            string last;
            while ((last = Upsc()) != status)
            {
                if (DateTime.UtcNow > end)
                    throw new TimeoutException($"upsc reads '{last}', not '{status}'\n--- driver\n{driver.Output}\n--- upsd\n{upsd.Output}");
                Thread.Sleep(100);
            }
        }

        Expect("OL");
        File.WriteAllText(lines, "DCD\n");
        Expect("OB");
        File.WriteAllText(lines, "\n");
        Expect("LB OB"); // NUT's order: genericups sets LB before OB
        File.Delete(lines); // the lines cannot be read: the driver says the data is stale
        Expect("Error: Data stale");
        File.WriteAllText(lines, "CTS DCD\n");
        Expect("OL");
        Assert.Equal("SET DTR\n", File.ReadAllText(lines + ".out")); // cable power for upstype 6, once
        Assert.Equal("Best", Proc.Run(Paths.Debian("upsc"), [$"g@127.0.0.1:{port}", "ups.mfr"]).Stdout.Trim());
    }
}
