using Nut.Testing;

namespace Nut.Drivers.Tests.Scanner;

/// <summary>nut-scanner's command line against Debian's: usage text, -V, -a, bad options, scans we do not have.</summary>
public sealed class NutScannerOptionsTests
{
    /// <summary>The one line where our usage differs: Debian here has libavahi, so it offers -A; we do not implement
    /// the avahi scan and say so as NUT does when the library is missing.</summary>
    const string DebianAvahiLine = "  -A, --avahi_scan: Scan NUT devices (avahi method).";
    const string NoAvahiLine = "* Options for NUT devices (avahi method) scan not enabled: library not detected.";

    [Fact]
    public void HelpIsDebiansButForTheAvahiLine()
    {
        var ours = ScannerRun.Run(ScannerRun.Ours, ["-h"]);
        var debian = ScannerRun.Run(ScannerRun.Debian, ["-h"]);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        string expected = debian.Stdout.Contains(DebianAvahiLine + "\n", StringComparison.Ordinal)
            ? debian.Stdout.Replace(DebianAvahiLine + "\n", NoAvahiLine + "\n", StringComparison.Ordinal)
            : debian.Stdout;
        Assert.Equal(expected, ours.Stdout);
        Assert.Equal("", ours.Stderr);
    }

    [Fact]
    public void VersionAndAvailableBuses()
    {
        Assert.Equal(ScannerRun.Run(ScannerRun.Debian, ["-V"]).Stdout, ScannerRun.Run(ScannerRun.Ours, ["-V"]).Stdout);
        var available = ScannerRun.Run(ScannerRun.Ours, ["-a"]);
        Assert.Equal(0, available.ExitCode);
        // Debian lists AVAHI too (its library is installed here); the rest is the same, in the same order.
        var debian = ScannerRun.Run(ScannerRun.Debian, ["-a"]).Stdout.Replace("AVAHI\n", "", StringComparison.Ordinal);
        Assert.Equal(debian, available.Stdout);
    }

    [Theory]
    [InlineData("-Z")]
    [InlineData("-s")]
    [InlineData("--bogus")]
    [InlineData("--timeout")]
    public void BadOptionsShowUsageAndExit255(string option)
    {
        var ours = ScannerRun.Run(ScannerRun.Ours, [option]);
        var debian = ScannerRun.Run(ScannerRun.Debian, [option]);
        Assert.Equal(255, debian.ExitCode);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        // getopt's message starts with argv[0] as typed.
        Assert.Equal(debian.Stderr.Replace(ScannerRun.Debian + ":", ScannerRun.Ours + ":", StringComparison.Ordinal), ours.Stderr);
        Assert.StartsWith("nut-scanner : utility for detection of available power devices.\n", ours.Stdout);
    }

    [Fact]
    public void ScansWeDoNotHaveShowUsageButExitZero()
    {
        // NUT does this for a scan whose library is missing (-M, -I here); we have no XML, avahi or IPMI scan.
        foreach (var option in new[] { "-M", "-I", "-A" })
        {
            var ours = ScannerRun.Run(ScannerRun.Ours, [option]);
            Assert.Equal(0, ours.ExitCode);
            Assert.Equal(ScannerRun.Run(ScannerRun.Ours, ["-h"]).Stdout, ours.Stdout);
            Assert.Contains("WARNING: Some error has occurred while processing 'nut-scanner' command-line", ours.Stderr);
        }
        var debian = ScannerRun.Run(ScannerRun.Debian, ["-M"]);
        Assert.Equal(0, debian.ExitCode);
        Assert.Equal(debian.Stderr, ScannerRun.Run(ScannerRun.Ours, ["-M"]).Stderr);
    }

    [Fact]
    public void NetworkScansWithoutAddressesSayTheySkip()
    {
        using var empty = new TempDir("usbnone");
        var env = new Dictionary<string, string> { ["NUTSHARP_USB_SYSFS"] = empty.FullPath };
        var ours = ScannerRun.Run(ScannerRun.Ours, ["-S", "-O"], env);
        var debian = ScannerRun.Run(ScannerRun.Debian, ["-S", "-O"]);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal("", ours.Stdout);
        Assert.Equal(debian.Stderr, ours.Stderr);
        Assert.Equal("No start IP, skipping SNMP\nNo start IP, skipping NUT bus (old connect method)\n", ours.Stderr);
        var bad = ScannerRun.Run(ScannerRun.Ours, ["-O", "-s", "not an address", "-t", "1"]);
        Assert.Equal(ScannerRun.Run(ScannerRun.Debian, ["-O", "-s", "not an address", "-t", "1"]).Stderr, bad.Stderr);
        var timeout = ScannerRun.Run(ScannerRun.Ours, ["-q", "-t", "0", "-T", "x"], env);
        Assert.Equal("Illegal timeout value, using default 5s\n" +
            "WARNING: Requested max scanning thread count x (0) is out of range, using default 512\n", timeout.Stderr);
    }
}
