using Nut.Drivers.Tests.Serial;
using Nut.Testing;

namespace Nut.Drivers.Tests.Scanner;

/// <summary>-E on pty pairs: the Megatec (Q1) and APC Smart simulators get sections, a silent port does not.</summary>
public sealed class NutScannerSerialTests
{
    [Fact]
    public void ProbesQ1AndApcSmartPorts()
    {
        using var megatecLine = new PtyPair();
        using var megatec = new MegatecSimulator(megatecLine.DeviceEnd);
        using var apcLine = new PtyPair();
        using var apc = new ApcSmartSimulator(apcLine.DeviceEnd);
        using var silentLine = new PtyPair();
        string ports = string.Join(',', megatecLine.HostEnd, silentLine.HostEnd, apcLine.HostEnd, "/nonexistent/tty");

        var conf = ScannerRun.Run(ScannerRun.Ours, ["-E", ports]);
        Assert.Equal(0, conf.ExitCode);
        Assert.Equal("Scanning serial bus for Eaton devices.\n", conf.Stderr);
        Assert.Equal($"""
            [nutdev1]
            	driver = "blazer_ser"
            	port = "{megatecLine.HostEnd}"
            [nutdev2]
            	driver = "apcsmart"
            	port = "{apcLine.HostEnd}"

            """, conf.Stdout);
        Assert.Contains("Q1", megatec.Received);

        // Pasted into ups.conf, the Q1 section runs our blazer_ser against the simulator.
        using var dir = new TempDir("scanser");
        dir.Write("ups.conf", conf.Stdout);
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        var dump = Proc.Run(Paths.Ours("blazer_ser"), ["-a", "nutdev1", "-u", "root", "-d", "1"], env, TimeSpan.FromSeconds(60));
        Assert.True(dump.Stdout.Contains("ups.status: OL", StringComparison.Ordinal), dump.ToString());
    }

    [Fact]
    public void DebiansQ1ProbeAgreesOnTheMegatecSimulator()
    {
        using var line = new PtyPair();
        using var megatec = new MegatecSimulator(line.DeviceEnd);
        // NUT reads any '-' in -E as a port range, and our temp paths have one: give it a link without.
        string link = Path.Combine(Path.GetTempPath(), "nsscan" + Environment.ProcessId + "tty");
        File.Delete(link);
        File.CreateSymbolicLink(link, line.HostEnd);
        try
        {
            var debian = ScannerRun.Run(ScannerRun.Debian, ["-E", link, "-P", "-q"]);
            var ours = ScannerRun.Run(ScannerRun.Ours, ["-E", link, "-P", "-q"]);
            Assert.Equal($"EATON_SERIAL:driver=\"blazer_ser\",port=\"{link}\"\n", debian.Stdout);
            Assert.Equal(debian.Stdout, ours.Stdout);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void PortRangesAreNuts()
    {
        var bad = ScannerRun.Run(ScannerRun.Ours, ["-E", "12-3", "-q"]);
        Assert.Equal(ScannerRun.Run(ScannerRun.Debian, ["-E", "12-3", "-q"]).Stderr, bad.Stderr);
        Assert.Equal("", bad.Stdout);
    }
}
