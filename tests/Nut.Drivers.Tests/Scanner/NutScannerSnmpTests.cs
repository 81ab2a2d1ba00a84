using System.Globalization;
using Nut.Testing;

namespace Nut.Drivers.Tests.Scanner;

/// <summary>
/// -S against Debian's snmpd serving the simulated UPS (testdata/snmp): the same sections as Debian's nut-scanner,
/// v1 and v3, and sections that Debian's snmp-ups runs with once pasted into ups.conf.
/// </summary>
public sealed class NutScannerSnmpTests
{
    const string DebianSnmpUps = "/lib/nut/snmp-ups";

    [Theory]
    [InlineData("ietf", "[nutdev1]\n\tdriver = \"snmp-ups\"\n\tport = \"127.0.0.1\"\n\tdesc = \"SimuPower\"\n\tmibs = \"ietf\"\n\tcommunity = \"public\"\n")]
    // The apc agent's sysObjectID is in no NUT mapping, so every probe OID is tried: the APC one and the UPS-MIB one
    // both answer (the simulator serves both trees), and NUT proposes both.
    [InlineData("apc", "[nutdev1]\n\tdriver = \"snmp-ups\"\n\tport = \"127.0.0.1\"\n\tdesc = \"Smart-UPS 1500\"\n\tmibs = \"apcc\"\n\tcommunity = \"public\"\n" +
                       "[nutdev2]\n\tdriver = \"snmp-ups\"\n\tport = \"127.0.0.1\"\n\tdesc = \"SimuPower\"\n\tmibs = \"ietf\"\n\tcommunity = \"public\"\n")]
    public void OnPort161OurOutputIsDebiansByteForByteAndTheSectionsRun(string flavour, string expected)
    {
        // NUT's scanner only asks port 161: give snmpd that port on a private loopback.
        using var dir = new TempDir("scansnmp");
        string q = PrivateNetwork.Quote(dir.FullPath);
        string script = $"""
            export RUNDIR={q}/snmpd UPS_STATE={q}/state.txt SNMP_PERSISTENT_DIR={q}/persist
            cp {PrivateNetwork.Quote(Path.Combine(Paths.TestData, "snmp", "ups-state.txt"))} $UPS_STATE
            {PrivateNetwork.Quote(Path.Combine(Paths.TestData, "snmp", "run-snmpd.sh"))} 161 {flavour} >/dev/null 2>&1 & s=$!
            wait_udp 161
            # wake snmpd's pass_persist helpers (python) before timing anything
            snmpget -v1 -c public -t 10 -Ln 127.0.0.1 .1.3.6.1.2.1.33.1.1.1.0 .1.3.6.1.4.1.318.1.1.1.1.1.1.0 >/dev/null || true
            for f in N P q; do
              {PrivateNetwork.Quote(ScannerRun.Ours)} -S -s 127.0.0.1 -t 2 -$f >{q}/ours.$f 2>{q}/ours.$f.err
              {ScannerRun.Debian} -S -s 127.0.0.1 -t 2 -$f >{q}/debian.$f 2>/dev/null
            done
            {PrivateNetwork.Quote(ScannerRun.Ours)} -S -m 127.0.0.1/30 -t 1 -q -c private >{q}/ours.cidr 2>&1
            {ScannerRun.Debian} -S -m 127.0.0.1/30 -t 1 -q -c private >{q}/debian.cidr 2>/dev/null
            export NUT_CONFPATH={q} NUT_STATEPATH={q} NUT_ALTPIDPATH={q}
            cp {q}/ours.q {q}/ups.conf
            {DebianSnmpUps} -a nutdev1 -u root -d 1 >{q}/dump 2>{q}/dump.err
            kill $s; wait
            """;
        var r = PrivateNetwork.Run(script);
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var f in new[] { "N", "P", "q", "cidr" })
            Assert.Equal(File.ReadAllText(dir[$"debian.{f}"]), File.ReadAllText(dir[$"ours.{f}"]));
        Assert.Equal(expected, File.ReadAllText(dir["ours.q"]));
        Assert.Equal("Scanning SNMP bus.\n", File.ReadAllText(dir["ours.N.err"]));
        Assert.Contains("\tcommunity = \"private\"\n", File.ReadAllText(dir["ours.cidr"]), StringComparison.Ordinal);

        string dump = File.ReadAllText(dir["dump"]);
        Assert.True(dump.Contains("ups.status: OL\n", StringComparison.Ordinal), dump + File.ReadAllText(dir["dump.err"]));
        Assert.Contains("battery.charge: 100\n", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void V1AndV3SectionsOnAnotherPortRunDebiansDriver()
    {
        using var agent = SnmpdAgent.Start("ietf");
        string port = agent.Port.ToString(CultureInfo.InvariantCulture);
        // snmpd starts its pass_persist helper (python) on the first request; on a busy machine that can take longer
        // than a scan's time-out, so wake it first.
        Proc.Run("snmpget", ["-v1", "-c", "public", "-t", "10", agent.Address, ".1.3.6.1.2.1.33.1.1.1.0"], agent.ToolEnvironment);
        var v1 = ScannerRun.Run(ScannerRun.Ours, ["-S", "-s", "127.0.0.1", "--snmp_port", port, "-t", "5", "-q"]);
        Assert.True(v1.ExitCode == 0, v1.ToString());
        Assert.Equal($"[nutdev1]\n\tdriver = \"snmp-ups\"\n\tport = \"127.0.0.1:{port}\"\n\tdesc = \"SimuPower\"\n\tmibs = \"ietf\"\n\tcommunity = \"public\"\n", v1.Stdout);

        // v3 authPriv, with DES and with AES privacy.
        string? v3Section = null;
        foreach (var u in new[] { SnmpdAgent.Md5DesUser, SnmpdAgent.ShaAesUser })
        {
            var v3 = ScannerRun.Run(ScannerRun.Ours, ["-S", "-s", "127.0.0.1", "--snmp_port", port, "-t", "5", "-q",
                "-l", u.SecLevel, "-u", u.Name, "-w", u.AuthProtocol!, "-W", u.AuthPassword!, "-x", u.PrivProtocol!, "-X", u.PrivPassword!]);
            Assert.True(v3.ExitCode == 0, v3.ToString());
            Assert.Equal($"[nutdev1]\n\tdriver = \"snmp-ups\"\n\tport = \"127.0.0.1:{port}\"\n\tdesc = \"SimuPower\"\n\tmibs = \"ietf\"\n" +
                $"\tsnmp_version = \"v3\"\n\tsecLevel = \"authPriv\"\n\tsecName = \"{u.Name}\"\n\tauthPassword = \"{u.AuthPassword}\"\n" +
                $"\tprivPassword = \"{u.PrivPassword}\"\n\tauthProtocol = \"{u.AuthProtocol}\"\n\tprivProtocol = \"{u.PrivProtocol}\"\n", v3.Stdout);
            v3Section ??= v3.Stdout;
        }

        // A wrong pass phrase finds nothing (the agent rejects every request).
        var wrong = ScannerRun.Run(ScannerRun.Ours, ["-S", "-s", "127.0.0.1", "--snmp_port", port, "-t", "1", "-q",
            "-l", "authNoPriv", "-u", SnmpdAgent.ShaAuthUser.Name, "-w", "SHA", "-W", "not-the-password"]);
        Assert.Equal("", wrong.Stdout);
        // NUT's checks of the v3 options, with its messages.
        var missing = ScannerRun.Run(ScannerRun.Ours, ["-S", "-s", "127.0.0.1", "--snmp_port", port, "-q", "-l", "authPriv", "-u", "x", "-W", "12345678"]);
        Assert.Equal("authPassword and privPassword are required for SNMPv3 in authPriv mode\n", missing.Stderr);

        using var dir = new TempDir("scansnmp");
        dir.Write("ups.conf", v1.Stdout.Replace("nutdev1", "v1", StringComparison.Ordinal) + v3Section!.Replace("nutdev1", "v3", StringComparison.Ordinal));
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        foreach (var section in new[] { "v1", "v3" })
        {
            var dump = Proc.Run(DebianSnmpUps, ["-a", section, "-u", "root", "-d", "1"], env, TimeSpan.FromSeconds(60));
            Assert.True(dump.Stdout.Contains("ups.status: OL\n", StringComparison.Ordinal), section + ": " + dump);
        }
    }

    [Fact]
    public void ARangeWithoutAgentsFinishesAndPrintsNothing()
    {
        int nobody = FreePort.Next();
        var r = ScannerRun.Run(ScannerRun.Ours, ["-S", "-s", "127.0.0.2", "-e", "127.0.0.7", "--snmp_port", nobody.ToString(CultureInfo.InvariantCulture),
            "-t", "1", "-T", "3"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal("Scanning SNMP bus.\n", r.Stderr);
    }
}
