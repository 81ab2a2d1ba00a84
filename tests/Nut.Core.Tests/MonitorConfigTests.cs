using System.Text;
using Nut.Core.Config;

namespace Nut.Core.Tests;

/// <summary>upsmon.conf, upssched.conf and nut.conf models.</summary>
public class MonitorConfigTests
{
    static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    [Fact]
    public void UpsmonConfDefaultsAndDirectives()
    {
        var defaults = UpsmonConf.Parse("upsmon.conf", B(""));
        Assert.Equal((5, 5, 15, 15, 43200, 300, 5, 1), (defaults.PollFreq, defaults.PollFreqAlert, defaults.HostSync,
            defaults.DeadTime, defaults.RbWarnTime, defaults.NoCommWarnTime, defaults.FinalDelay, defaults.MinSupplies));
        Assert.Equal("UPS %s on battery", defaults.Message("onbatt"));
        Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Wall, defaults.Flags("ONBATT"));
        Assert.Equal(NotifyFlags.Syslog, defaults.Flags("CAL"));

        var conf = UpsmonConf.Parse("/etc/nut/upsmon.conf", B("""
            MONITOR bessie@localhost 1 monuser pass primary
            MONITOR other@10.0.0.2:3494 2 mon "p w" slave
            MONITOR v6@[::1]:3495 0 mon pw secondary
            MINSUPPLIES 2
            SHUTDOWNCMD "/sbin/shutdown -h +0"
            NOTIFYCMD /usr/sbin/upssched
            POWERDOWNFLAG /etc/killpower
            NOTIFYMSG ONBATT "On battery: %s"
            NOTIFYFLAG ONBATT SYSLOG+WALL+EXEC
            NOTIFYFLAG lowbatt IGNORE
            POLLFREQ 2
            FINALDELAY 0
            RUN_AS_USER nut
            FOO bar

            """));
        Assert.Equal(3, conf.Monitors.Count);
        var m = conf.Monitors[1];
        Assert.Equal(("other", "10.0.0.2", 3494, 2, "mon", "p w", false), (m.UpsName, m.Host, m.Port, m.PowerValue, m.User, m.Password, m.IsPrimary));
        Assert.Equal(("v6", "::1", 3495), (conf.Monitors[2].UpsName, conf.Monitors[2].Host, conf.Monitors[2].Port));
        Assert.True(conf.Monitors[0].IsPrimary);
        Assert.Equal(3493, conf.Monitors[0].Port);
        Assert.Equal(2, conf.MinSupplies);
        Assert.Equal("/sbin/shutdown -h +0", conf.ShutdownCmd);
        Assert.Equal("On battery: %s", conf.Message("ONBATT"));
        Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Wall | NotifyFlags.Exec, conf.Flags("onbatt"));
        Assert.Equal(NotifyFlags.Ignore, conf.Flags("LOWBATT"));
        Assert.Equal((2, 0, "nut"), (conf.PollFreq, conf.FinalDelay, conf.RunAsUser));
        Assert.Equal("/etc/nut/upsmon.conf:14: /etc/nut/upsmon.conf line 14: invalid directive FOO bar", Assert.Single(conf.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("MONITOR ups@host 1 user pass", "MONITOR needs 5 words after it")]
    [InlineData("MONITOR ups@host x user pass primary", "the power value must be a number 0 or above")]
    [InlineData("MONITOR ups@host 1 user pass boss", "expected primary or secondary")]
    [InlineData("MONITOR ups@host:0 1 user pass primary", "expected a port from 1 to 65535")]
    [InlineData("POLLFREQ often", "POLLFREQ: expected a number of seconds")]
    public void UpsmonConfErrorsSayWhatWasExpected(string line, string message)
    {
        var conf = UpsmonConf.Parse("upsmon.conf", B(line + "\n"));
        var d = Assert.Single(conf.Diagnostics);
        Assert.True(d.IsError);
        Assert.Equal(1, d.Line);
        Assert.Contains(message, d.Message);
    }

    [Fact]
    public void UpsschedConfRulesAndOrder()
    {
        var conf = UpsschedConf.Parse("upssched.conf", B("""
            CMDSCRIPT /usr/local/bin/upssched-cmd
            PIPEFN /run/nut/upssched.pipe
            LOCKFN /run/nut/upssched.lock
            AT ONBATT * START-TIMER onbatt 15
            AT ONLINE bessie CANCEL-TIMER onbatt online
            AT LOWBATT * EXECUTE lowbatt

            """));
        Assert.Empty(conf.Diagnostics);
        Assert.Equal("/usr/local/bin/upssched-cmd", conf.CmdScript);
        Assert.Equal(3, conf.Rules.Count);
        Assert.Equal((UpsschedAction.StartTimer, "onbatt", "15"), (conf.Rules[0].Action, conf.Rules[0].Argument, conf.Rules[0].Extra));
        Assert.True(conf.Rules[0].Matches("onbatt", "anything"));
        Assert.True(conf.Rules[1].Matches("ONLINE", "bessie"));
        Assert.False(conf.Rules[1].Matches("ONLINE", "Bessie")); // UPS names match exactly
        Assert.Equal("online", conf.Rules[1].Extra);

        var late = UpsschedConf.Parse("upssched.conf", B("PIPEFN /p\nLOCKFN /l\nAT ONBATT * EXECUTE x\nCMDSCRIPT /c\nAT ONBATT * START-TIMER t\n"));
        Assert.Contains(late.Diagnostics, d => d.IsError && d.Line == 4 && d.Message == "CMDSCRIPT must be set before any ATs in the config file!");
        Assert.Contains(late.Diagnostics, d => d.IsError && d.Line == 5 && d.Message.Contains("expected the number of seconds"));
    }

    [Fact]
    public void NutConfModes()
    {
        var conf = NutConf.Parse("nut.conf", "# comment\nMODE=netserver\nUPSD_OPTIONS='-D'\nPOWEROFF_WAIT=\"15\"\n");
        Assert.Equal(NutMode.NetServer, conf.Mode);
        Assert.True(conf.RunsUpsd && conf.RunsUpsmon);
        Assert.Equal("-D", conf.UpsdOptions);
        Assert.Equal(15, conf.PowerOffWait);
        var client = NutConf.Parse("nut.conf", "MODE=netclient\n");
        Assert.False(client.RunsUpsd);
        Assert.True(client.RunsUpsmon);
        var bad = NutConf.Parse("nut.conf", "MODE = standalone\nMODE=sometimes\n");
        Assert.Equal(2, bad.Diagnostics.Count);
        Assert.Contains("no spaces around '='", bad.Diagnostics[0].Message);
        Assert.Equal("nut.conf:2: MODE=sometimes: expected none, standalone, netserver or netclient", bad.Diagnostics[1].ToString());
    }
}
