namespace Nut.Tools.Tests.Check;

/// <summary>Mistakes inside one file: nut.conf, ups.conf, the parsers' own findings, permissions.</summary>
public class FileCheckTests
{
    [Fact]
    public void InvalidModeIsAnErrorOnItsLine()
    {
        using var d = new CheckDir();
        d.Write("nut.conf", "# comment\nMODE=standalon\n");
        var found = d.Check();
        CheckAssert.One(found, $"{d["nut.conf"]}:2: error: MODE=standalon: expected none, standalone, netserver or netclient");
    }

    [Fact]
    public void MissingModeAndMissingNutConf()
    {
        using var d = new CheckDir();
        d.Write("nut.conf", "UPSD_OPTIONS=\n");
        CheckAssert.One(d.Check(), $"{d["nut.conf"]}: error: MODE is not set");
        d.Delete("nut.conf");
        CheckAssert.One(d.Check(), $"{d["nut.conf"]}: warning: missing: without MODE");
    }

    [Fact]
    public void StandaloneNeedsAUpsAndUpsdFiles()
    {
        using var d = new CheckDir();
        d.Write("ups.conf", "maxretry = 3\n");
        d.Delete("upsd.users");
        var found = d.Check();
        Assert.Contains($"{d["ups.conf"]}: error: MODE=standalone but no UPS is defined: upsd stops with \"at least one UPS must be defined in ups.conf\"; add a [ups] section with driver and port, or set MODE=netclient", found);
        CheckAssert.One(found, $"{d["nut.conf"]}:1: error: MODE=standalone needs upsd.users, which is missing");
        // The MONITOR line now names a UPS that does not exist.
        CheckAssert.One(found, $"{d["upsmon.conf"]}:2: error: MONITOR sim@localhost: UPS sim is not defined");
    }

    [Fact]
    public void NetclientWithoutLocalUpsIsFine()
    {
        using var d = new CheckDir();
        d.Write("nut.conf", "MODE=netclient\n");
        d.Write("upsmon.conf", "RUN_AS_USER nobody\nMONITOR ups@server.example 1 mon secret secondary\nSHUTDOWNCMD /bin/true\n", "640");
        d.Delete("upssched.conf");
        Assert.Empty(d.Check());
    }

    [Fact]
    public void UpsConfSectionsNeedDriverAndPortAndAKnownDriverAndOneHeader()
    {
        using var d = new CheckDir();
        d.Write("ups.conf", """
            [sim]
            	driver = dummy-ups
            	port = sim.dev
            [nodriver]
            	port = auto
            [noport]
            	driver = dummy-ups
            [mystery]
            	driver = foo-ups
            	port = auto
            [hid]
            	driver = bcmxcp_usb
            	port = auto
            [sim]
            	desc = "again"
            [gone]
            	driver = dummy-ups
            	port = missing.seq

            """);
        var found = d.Check();
        string f = d["ups.conf"];
        Assert.Contains($"{f}:4: error: [nodriver] has no driver: upsd ignores the UPS (\"ignoring incomplete configuration\"); add driver = <name>, e.g. usbhid-ups", found);
        CheckAssert.One(found, $"{f}:6: error: [noport] has no port");
        CheckAssert.One(found, $"{f}:9: error: [mystery]: unknown driver foo-ups: no such driver in NutSharp or NUT; use one of: dummy-ups");
        CheckAssert.One(found, $"{f}:12: warning: [hid]: driver bcmxcp_usb is NUT's, not one of NutSharp's");
        Assert.Contains($"{f}:14: error: [sim] is defined again (first at line 1): upsd merges the two into one UPS; rename one section or remove the duplicate", found);
        CheckAssert.One(found, $"{f}:18: error: [gone]: dummy-ups data file missing.seq does not exist");
        Assert.Equal(6, found.Count(x => x.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void ParserFindingsComeThroughWithTheirLines()
    {
        using var d = new CheckDir();
        d.Write("upsmon.conf", File.ReadAllText(d["upsmon.conf"]) + "POLLFREQ 5\nBOGUS 1\n", "640");
        d.Write("upsd.conf", $"LISTEN 127.0.0.1 {d.Port}\nMAXAGE x\n", "640");
        d.Write("ups.conf", "[sim]\n\tdriver = dummy-ups\n\tport = sim.dev\n\tdesc = \"a#b\"\n");
        var found = d.Check();
        CheckAssert.One(found, $"{d["upsmon.conf"]}:8: warning: {d["upsmon.conf"]} line 8: invalid directive BOGUS 1");
        CheckAssert.One(found, $"{d["upsd.conf"]}:2: error: MAXAGE has non numeric value (x)!");
        CheckAssert.One(found, $"{d["ups.conf"]}:4: error: Parse error:");
    }

    [Fact]
    public void WorldReadablePasswordFilesAreWarnings()
    {
        using var d = new CheckDir();
        File.SetUnixFileMode(d["upsd.users"], (UnixFileMode)Convert.ToInt32("644", 8));
        File.SetUnixFileMode(d["upsmon.conf"], (UnixFileMode)Convert.ToInt32("604", 8));
        var found = d.Check();
        Assert.Equal([
            $"{d["upsd.users"]}: warning: is world readable (NUT warns \"{d["upsd.users"]} is world readable\"): every user can read the passwords in it; chmod 640 {d["upsd.users"]} (owner root, group nut)",
            $"{d["upsmon.conf"]}: warning: is world readable (NUT warns \"{d["upsmon.conf"]} is world readable\"): every user can read the passwords in it; chmod 640 {d["upsmon.conf"]} (owner root, group nut)",
        ], found);
    }
}
