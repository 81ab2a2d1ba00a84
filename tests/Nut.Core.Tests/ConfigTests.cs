using System.Text;
using Nut.Core.Config;

namespace Nut.Core.Tests;

/// <summary>The configuration models: valid files, defaults, NUT's quirks, and errors naming file and line.</summary>
public class ConfigTests
{
    static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    [Fact]
    public void UpsConfSectionsGlobalsAndFlags()
    {
        var conf = UpsConf.Parse("ups.conf", B("""
            maxretry = 3
            nowait
            [a]
              driver = dummy-ups
              port=a.dev
              desc = "First UPS"
              nolock
              override.ups.model = "Forced Model"
            [b]
              driver = usbhid-ups
              port = auto
              sdorder = -1
              two words
              key value ignored
            [a]
              pollinterval = 5

            """));
        Assert.Equal(["a", "b"], conf.Sections.Select(s => s.Name));
        var a = conf.Find("a")!;
        Assert.Equal("dummy-ups", a.Driver);
        Assert.Equal("a.dev", a.Port);
        Assert.Equal("First UPS", a.Desc);
        Assert.True(a.HasFlag("nolock"));
        Assert.Equal("Forced Model", a.Get("override.ups.model"));
        Assert.Equal("5", a.Get("pollinterval")); // a repeated section merges into the first
        Assert.Equal(-1, conf.Find("b")!.SdOrder);
        Assert.Null(conf.Find("b")!.Get("two"));
        Assert.Equal(3, conf.MaxRetry);
        Assert.True(conf.NoWait);
        Assert.Equal(45, conf.MaxStartDelay);
        Assert.Null(conf.Find("A"));
        Assert.NotNull(conf.Find("A", ignoreCase: true));
    }

    [Fact]
    public void UpsConfErrorsNameFileAndLine()
    {
        var conf = UpsConf.Parse("/etc/nut/ups.conf", B("[x]\n driver = d\n desc = \"a#b\"\n port = p\n"));
        var d = Assert.Single(conf.Diagnostics);
        Assert.Equal("/etc/nut/ups.conf:3: Parse error: Unbalanced word due to unescaped # in quotes", d.ToString());
        Assert.True(conf.Find("x")!.IsComplete);
    }

    [Fact]
    public void UpsConfMissingFileIsFatalWithNutsWords()
    {
        var e = Assert.Throws<ConfigException>(() => UpsConf.Load("/nonexistent/ups.conf"));
        Assert.Equal("Can't open /nonexistent/ups.conf: Can't open /nonexistent/ups.conf: No such file or directory", e.Message);
    }

    [Fact]
    public void UpsdConfDirectivesAndDefaults()
    {
        var empty = UpsdConf.Parse("upsd.conf", B(""));
        Assert.Equal(15, empty.MaxAge);
        Assert.Equal(3600, empty.TrackingDelay);
        Assert.Empty(empty.Listen);
        Assert.Null(empty.MaxConn);

        var conf = UpsdConf.Parse("upsd.conf", B("""
            MAXAGE 30
            TRACKINGDELAY 60
            LISTEN 127.0.0.1 3493
            LISTEN ::1
            LISTEN localhost 4000
            MAXCONN 1024
            STATEPATH /tmp/state
            DATAPATH /tmp/data
            ALLOW_NO_DEVICE yes
            CERTFILE /etc/nut/cert.pem
            debug_min 2
            ACL all 0.0.0.0/0
            FOO bar
            MAXAGE soon
            LISTEN 127.0.0.1 99999

            """));
        Assert.Equal(30, conf.MaxAge);
        Assert.Equal(60, conf.TrackingDelay);
        Assert.Equal([("127.0.0.1", 3493), ("::1", 3493), ("localhost", 4000)], conf.Listen.Select(l => (l.Address, l.Port)));
        Assert.Equal(1024, conf.MaxConn);
        Assert.Equal("/tmp/state", conf.StatePath);
        Assert.Equal("/tmp/data", conf.DataPath);
        Assert.True(conf.AllowNoDevice);
        Assert.Equal("/etc/nut/cert.pem", conf.CertFile);
        Assert.Equal(2, conf.DebugMin);
        var messages = conf.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains("upsd.conf:12: ACL in upsd.conf is no longer supported - switch to LISTEN", messages);
        Assert.Contains("upsd.conf:13: upsd.conf: invalid directive FOO bar", messages);
        Assert.Contains("upsd.conf:14: MAXAGE has non numeric value (soon)!", messages);
        Assert.Contains("upsd.conf:15: LISTEN 127.0.0.1 99999: expected a port number from 1 to 65535", messages);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    [InlineData("off", false)]
    [InlineData("maybe", null)]
    public void UpsdConfBooleans(string text, bool? value) => Assert.Equal(value, UpsdConf.ParseBool(text));

    [Fact]
    public void UpsdUsersActionsCommandsAndUpsmonRoles()
    {
        var users = UpsdUsers.Parse("upsd.users", B("""
            [admin]
              password = "secret=1"
              actions = SET
              actions = fsd
              instcmds = beeper.enable load.off
            [mon]
              password = pw
              upsmon primary
            [sec]
              password = pw2
              upsmon = secondary
              password = ignored
            [all]
              password = x
              instcmds = ALL
              frobnicate = yes
            [admin]
              actions = LOGIN

            """));
        var admin = users.Find("admin")!;
        Assert.Equal("secret=1", admin.Password);
        Assert.True(admin.HasAction("set") && admin.HasAction("FSD"));
        Assert.True(admin.MayRun("LOAD.OFF"));
        Assert.False(admin.MayRun("load.on"));
        var mon = users.Find("mon")!;
        Assert.True(mon.HasAction("login") && mon.HasAction("master") && mon.HasAction("fsd"));
        var sec = users.Find("sec")!;
        Assert.True(sec.HasAction("login"));
        Assert.False(sec.HasAction("fsd"));
        Assert.Equal("pw2", sec.Password);
        Assert.True(users.Find("all")!.MayRun("anything.at.all"));
        Assert.Null(users.Find("ADMIN"));
        // The duplicate [admin] section's fields land on the previous user, as in NUT.
        Assert.True(users.Find("all")!.HasAction("LOGIN"));
        var messages = users.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains("upsd.users:11: Unknown upsmon type =", messages);
        Assert.Contains("upsd.users:12: Ignoring duplicate password for sec", messages);
        Assert.Contains("upsd.users:16: Unrecognized user setting frobnicate", messages);
        Assert.Contains("upsd.users:17: Ignoring duplicate user admin", messages);
    }

    [Fact]
    public void UpsdUsersUnquotedEqualsInAPasswordIsCut()
    {
        var users = UpsdUsers.Parse("upsd.users", B("[u]\n password = a=b\n"));
        Assert.Equal("a", users.Find("u")!.Password); // NUT's quirk: quote passwords containing '='
    }

    [Fact]
    public void CmdVarTabDescriptions()
    {
        var table = CmdVarTab.Parse("cmdvartab", B("""
            VARDESC battery.charge "Battery charge (percent of full)"
            CMDDESC load.off "Turn off the load immediately"
            VARDESC battery.charge "Replaced later"
            junk line
            VARDESC short

            """));
        Assert.Equal("Replaced later", table.VariableDescription("BATTERY.CHARGE"));
        Assert.Equal("Turn off the load immediately", table.CommandDescription("load.off"));
        Assert.Null(table.VariableDescription("short"));
        Assert.Equal(1, table.VariableCount);
    }

    [Fact]
    public void DebiansCmdVarTabLoads()
    {
        var table = CmdVarTab.TryLoad("/usr/share/nut");
        Assert.NotNull(table);
        // Debian's 2.8.0-7 file: 167 VARDESC and 36 CMDDESC lines, no duplicates.
        Assert.Equal(167, table!.VariableCount);
        Assert.Equal(36, table.CommandCount);
        Assert.Equal("Battery charge (percent of full)", table.VariableDescription("battery.charge"));
    }
}
