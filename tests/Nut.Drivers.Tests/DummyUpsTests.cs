using System.Net.Sockets;
using System.Text;
using Nut.Testing;

namespace Nut.Drivers.Tests;

/// <summary>Our dummy-ups against Debian's, on the same files: the socket, the -d dump, the command line.</summary>
public sealed class DummyUpsTests
{
    static string Ddl(string vendor, string file) => Path.Combine(Paths.TestData, "ddl", vendor, file);

    public static TheoryData<string> Devices => new()
    {
        Ddl("APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev"),
        Ddl("Salicru", "Salicru__SLC_1500_TWIN_PRO3__usbhid_ups__2.7.4__01.dev"),
        Ddl("Digitus", "Digitus__DN-170076__nutdrv_qx__2.7.4__01.dev"),
    };

    static string FirstDevice => Ddl("APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    /// <summary>A scratch config dir with one section per implementation's run.</summary>
    static (TempDir Dir, Dictionary<string, string> Env) Setup(string dataFile, string extra = "")
    {
        var dir = new TempDir("drv");
        File.Copy(dataFile, dir["data.dev"]);
        File.SetLastWriteTimeUtc(dir["data.dev"], new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        dir.Write("ups.conf", $"[dev]\n\tdriver = dummy-ups\n\tport = data.dev\n\tdesc = \"x\"\n{extra}");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        return (dir, env);
    }

    static string Dump(string socketPath)
    {
        using var s = DriverSocket.ConnectWhenListening(socketPath);
        s.Send(Encoding.ASCII.GetBytes("DUMPALL\n"));
        var all = new StringBuilder();
        var buffer = new byte[65536];
        while (!all.ToString().EndsWith("DUMPDONE\n", StringComparison.Ordinal))
        {
            int n = s.Receive(buffer);
            if (n == 0) break;
            all.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        return all.ToString();
    }

    static string SocketDump(Impl impl, string dataFile)
    {
        var (dir, env) = Setup(dataFile);
        using (dir)
        using (var driver = Proc.Start(NutStack.Program(impl, "dummy-ups"), ["-a", "dev", "-u", "root", "-F"], env, dir.FullPath))
            return Dump(dir["dummy-ups-dev"]);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void TheSocketDumpIsIdentical(string dataFile)
    {
        string expected = SocketDump(Impl.Debian, dataFile);
        string actual = SocketDump(Impl.Ours, dataFile);
        Assert.Contains("DUMPDONE", expected);
        Assert.Equal(expected, actual);
    }

    /// <summary>NUT's -d 1 dump prints values escaped (a backslash before \\ and \"), not as stored.</summary>
    [Fact]
    public void TheDashDDumpEscapesValuesAsNutDoes()
    {
        using var source = new TempDir("esc");
        source.Write("esc.dev", "ups.status: OL\nups.id: \"ab\\\\c\"\nbattery.type: \"q\\\"x\"\n");
        var (dir, env) = Setup(source["esc.dev"]);
        using (dir)
        {
            var expected = Proc.Run(Paths.Debian("dummy-ups"), ["-a", "dev", "-d", "1"], env, TimeSpan.FromSeconds(30));
            var actual = Proc.Run(Paths.Ours("dummy-ups"), ["-a", "dev", "-d", "1"], env, TimeSpan.FromSeconds(30));
            Assert.Contains("ups.id: ab\\\\c\n", expected.Stdout);
            Assert.Contains("battery.type: q\\\"x\n", expected.Stdout);
            Assert.Equal(expected.Stdout, actual.Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void TheDashDDumpIsIdentical(string dataFile)
    {
        var (dir, env) = Setup(dataFile, "\toverride.ups.model = \"Forced Model\"\n\tdefault.ups.serial = 123\n\tnolock\n");
        using (dir)
        {
            var expected = Proc.Run(Paths.Debian("dummy-ups"), ["-a", "dev", "-d", "1"], env, TimeSpan.FromSeconds(30));
            var actual = Proc.Run(Paths.Ours("dummy-ups"), ["-a", "dev", "-d", "1"], env, TimeSpan.FromSeconds(30));
            Assert.Equal(0, actual.ExitCode);
            Assert.Contains("ups.model: Forced Model", actual.Stdout);
            Assert.Contains("driver.flag.nolock: enabled", actual.Stdout);
            Assert.Equal(expected.Stdout, actual.Stdout);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-z")]
    [InlineData("-a nosuch")]
    [InlineData("-s x")]
    [InlineData("-h")]
    [InlineData("-L")]
    [InlineData("-V")]
    [InlineData("extra -a dev")]
    [InlineData("-a wrongdriver")]
    [InlineData("-a dev -k")]
    [InlineData("-s x -x port=/nonexistent.dev -d 1")]
    public void CommandLineAnswersAsDebians(string args)
    {
        var (dir, env) = Setup(FirstDevice, "[wrongdriver]\n\tdriver = usbhid-ups\n\tport = auto\n");
        using (dir)
        {
            string[] argv = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var expected = Proc.Run(Paths.Debian("dummy-ups"), argv, env, TimeSpan.FromSeconds(30));
            var actual = Proc.Run(Paths.Ours("dummy-ups"), argv, env, TimeSpan.FromSeconds(30));
            Assert.Equal(expected.ExitCode, actual.ExitCode);
            Assert.Equal(expected.Stdout, actual.Stdout);
            // getopt names the program by its path: compare without it.
            Assert.Equal(expected.Stderr.Replace(Paths.Debian("dummy-ups") + ":", "dummy-ups:"), actual.Stderr);
        }
    }

    [Fact]
    public void AnUnknownSettingFailsWithStatusOneUnlikeNuts()
    {
        var (dir, env) = Setup(FirstDevice);
        using (dir)
        {
            var expected = Proc.Run(Paths.Debian("dummy-ups"), ["-a", "dev", "-x", "foo=bar"], env);
            var actual = Proc.Run(Paths.Ours("dummy-ups"), ["-a", "dev", "-x", "foo=bar"], env);
            Assert.Equal(expected.Stdout, actual.Stdout);
            Assert.Contains("Fatal error: 'foo' is not a valid variable name for this driver.", actual.Stdout);
            Assert.Equal(0, expected.ExitCode); // NUT 2.8.0 exits 0, so upsdrvctl thinks it started
            Assert.Equal(1, actual.ExitCode);   // we report the failure (docs/compatibility.md)
        }
    }

    [Fact]
    public void ASeqFilePlaysItsTimersInALoop()
    {
        using var dir = new TempDir("seq");
        dir.Write("play.seq", "ups.status: OL\nTIMER 1\nups.status: OB\nTIMER 1\n");
        dir.Write("ups.conf", "[dev]\n\tdriver = dummy-ups\n\tport = play.seq\n\tpollinterval = 1\n");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath };
        using var driver = Proc.Start(Paths.Ours("dummy-ups"), ["-a", "dev", "-F", "-u", "root"], env, dir.FullPath);
        using var s = DriverSocket.ConnectWhenListening(dir["dummy-ups-dev"]);
        s.ReceiveTimeout = 15_000;
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        // Changes are pushed without asking: OL -> OB -> OL.
        while (!seen.ToString().Contains("SETINFO ups.status \"OB\"\nSETINFO ups.status \"OL\""))
        {
            int n = s.Receive(buffer);
            Assert.True(n > 0, "the driver closed its socket: " + driver.Output);
            seen.Append(Encoding.ASCII.GetString(buffer, 0, n).Replace("PONG\n", ""));
        }
        Assert.Contains("SETINFO driver.parameter.mode \"dummy-loop\"\n", Dump(dir["dummy-ups-dev"]));
    }
}
