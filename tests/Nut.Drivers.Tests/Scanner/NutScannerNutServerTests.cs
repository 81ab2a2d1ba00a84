using Nut.Testing;

namespace Nut.Drivers.Tests.Scanner;

/// <summary>-O against a running upsd (ours, with dummy-ups), compared with Debian's nut-scanner on the same server.</summary>
public sealed class NutScannerNutServerTests
{
    static NutStack Stack() => new NutStack(Impl.Ours, Impl.Ours,
    [
        new StackUps("alpha", Path.Combine(Paths.RepoRoot, "conf", "demo", "outage.seq"), "First UPS"),
        new StackUps("beta", Path.Combine(Paths.RepoRoot, "conf", "demo", "outage.seq")),
    ]).Start();

    [Fact]
    public void FindsEveryUpsAndTheSectionReachesIt()
    {
        using var stack = Stack();
        string port = stack.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] range = ["-O", "-s", "127.0.0.1", "-p", port, "-t", "2"];
        foreach (var format in new[] { "-N", "-P" })
        {
            var ours = ScannerRun.Run(ScannerRun.Ours, [.. range, format]);
            var debian = ScannerRun.Run(ScannerRun.Debian, [.. range, format]);
            Assert.Equal(0, ours.ExitCode);
            Assert.Equal(debian.ExitCode, ours.ExitCode);
            // NUT 2.8.0 drops a non-default port from "ups@host" (fixed in 2.8.1); we keep it, so the section works.
            Assert.Equal(debian.Stdout.Replace("@127.0.0.1\"", $"@127.0.0.1:{port}\"", StringComparison.Ordinal), ours.Stdout);
            Assert.Equal("Scanning NUT bus (old connect method).\n", ours.Stderr);
        }
        var conf = ScannerRun.Run(ScannerRun.Ours, [.. range, "-q"]);
        Assert.Equal("", conf.Stderr);
        Assert.Equal($"""
            [nutdev1]
            	driver = "nutclient"
            	port = "alpha@127.0.0.1:{port}"
            [nutdev2]
            	driver = "nutclient"
            	port = "beta@127.0.0.1:{port}"

            """, conf.Stdout);

        // Pasted into ups.conf. Neither NUT 2.8.0 nor we ship the nutclient driver (NUT's newer one), so nut-check
        // accepts the syntax and objects to that name only; the port is NUT's repeater syntax, which dummy-ups
        // takes: with the driver renamed, the pasted section relays the remote UPS.
        using var dir = new TempDir("scanpaste");
        dir.Write("ups.conf", conf.Stdout);
        var check = Proc.Run(Paths.Ours("nut-check"), ["-q", dir.FullPath]);
        var complaints = check.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith(dir["ups.conf"], StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(complaints);
        Assert.All(complaints, l => Assert.Contains("unknown driver nutclient", l, StringComparison.Ordinal));

        dir.Write("ups.conf", conf.Stdout.Replace("\"nutclient\"", "\"dummy-ups\"", StringComparison.Ordinal));
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        var dump = Proc.Run(Paths.Ours("dummy-ups"), ["-a", "nutdev2", "-u", "root", "-d", "1"], env, TimeSpan.FromSeconds(30));
        Assert.True(dump.ExitCode == 0, dump.ToString());
        Assert.Contains("ups.status: ", dump.Stdout, StringComparison.Ordinal);
        Assert.Contains("ups.serial: DEMO-0001\n", dump.Stdout, StringComparison.Ordinal); // from the remote UPS's data file
    }

    [Fact]
    public void OnPort3493OurOutputIsDebiansByteForByte()
    {
        // A private loopback where our upsd can have NUT's port, so both scanners print "ups@host" as is.
        using var dir = new TempDir("scanns");
        File.Copy(Path.Combine(Paths.RepoRoot, "conf", "demo", "outage.seq"), dir["o.seq"]);
        dir.Write("ups.conf", "[alpha]\n\tdriver = dummy-ups\n\tport = o.seq\n\tdesc = \"First UPS\"\n[beta]\n\tdriver = dummy-ups\n\tport = o.seq\n");
        dir.Write("upsd.conf", "LISTEN 127.0.0.1 3493\n");
        dir.Write("upsd.users", NutStack.Users);
        File.SetUnixFileMode(dir["upsd.users"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string q = PrivateNetwork.Quote(dir.FullPath);
        string script = $"""
            export NUT_CONFPATH={q} NUT_STATEPATH={q} NUT_ALTPIDPATH={q}
            {PrivateNetwork.Quote(Paths.Ours("dummy-ups"))} -a alpha -u root -F >/dev/null 2>&1 & d1=$!
            {PrivateNetwork.Quote(Paths.Ours("dummy-ups"))} -a beta -u root -F >/dev/null 2>&1 & d2=$!
            {PrivateNetwork.Quote(Paths.Ours("upsd"))} -u root -F >/dev/null 2>&1 & u=$!
            wait_tcp 3493
            for i in $(seq 100); do upsc beta@127.0.0.1 ups.status >/dev/null 2>&1 && break; sleep 0.1; done
            for f in N P q; do
              {PrivateNetwork.Quote(ScannerRun.Ours)} -O -s 127.0.0.1 -$f >{q}/ours.$f 2>{q}/ours.$f.err
              {ScannerRun.Debian} -O -s 127.0.0.1 -$f >{q}/debian.$f 2>{q}/debian.$f.err
            done
            kill $u $d1 $d2; wait
            """;
        var r = PrivateNetwork.Run(script);
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var f in new[] { "N", "P", "q" })
        {
            string debian = File.ReadAllText(dir[$"debian.{f}"]);
            Assert.Contains("alpha@127.0.0.1", debian, StringComparison.Ordinal);
            Assert.Equal(debian, File.ReadAllText(dir[$"ours.{f}"]));
        }
        Assert.Equal("NUT:driver=\"nutclient\",port=\"alpha@127.0.0.1\"\nNUT:driver=\"nutclient\",port=\"beta@127.0.0.1\"\n", File.ReadAllText(dir["ours.P"]));
        // Debian's libupsclient adds "Init SSL without certificate database" on stderr; we do not try TLS.
        Assert.Equal("Scanning NUT bus (old connect method).\n", File.ReadAllText(dir["ours.N.err"]));
        Assert.Equal("", File.ReadAllText(dir["ours.q.err"]));
    }

    [Fact]
    public void ARangeWithoutServersFinishesAndPrintsNothing()
    {
        int port = FreePort.Next();
        var r = ScannerRun.Run(ScannerRun.Ours, ["-O", "-s", "127.0.0.2", "-e", "127.0.0.9", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "1", "-q"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal("", r.Stderr);
    }
}
