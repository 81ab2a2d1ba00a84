using System.Text;
using System.Text.RegularExpressions;
using Nut.Core.Config;
using Nut.Core.Text;
using Nut.Testing;

namespace Nut.Core.Tests;

/// <summary>upsmon.conf: defaults, every directive, every message, and the same files read by Debian's upsmon.</summary>
public class UpsmonConfTests
{
    static byte[] B(string s) => Encoding.Latin1.GetBytes(s);
    static UpsmonConf Parse(string text) => UpsmonConf.Parse("upsmon.conf", B(text));

    [Fact]
    public void DefaultsAreNuts()
    {
        var c = Parse("");
        Assert.Equal((1, 5, 5, 15, 15, 43200, 300, 5), (c.MinSupplies, c.PollFreq, c.PollFreqAlert, c.HostSync, c.DeadTime,
            c.RbWarnTime, c.NoCommWarnTime, c.FinalDelay));
        Assert.Null(c.ShutdownCmd);
        Assert.Null(c.NotifyCmd);
        Assert.Null(c.PowerDownFlag);
        Assert.Null(c.RunAsUser);
        Assert.Null(c.CertPath);
        Assert.Null(c.CertIdent);
        Assert.Empty(c.CertHosts);
        Assert.False(c.CertVerify);
        Assert.False(c.ForceSsl);
        Assert.Null(c.DebugMin);
        Assert.Equal((30, -1, 0, true), (c.OffDuration, c.OverDuration, c.ObLbDuration, c.AlarmCritical));
        Assert.Null(c.ShutdownExit);
        Assert.Empty(c.Monitors);
        Assert.Empty(c.Diagnostics);
        Assert.Null(c.Fatal);
        foreach (var t in NotifyTypes.All)
        {
            Assert.Equal(t.DefaultMessage, c.Message(t.Name));
            Assert.Equal(t.DefaultFlags, c.Flags(t.Name));
            Assert.False(c.HasCustomMessage(t.Name) || c.HasCustomFlags(t.Name));
        }
    }

    [Fact]
    public void EveryDirectiveIsRead()
    {
        var c = Parse("""
            MONITOR bessie@localhost 1 monuser pass primary
            MONITOR other@10.0.0.2:3494 2 mon "p w" slave
            MONITOR v6@[::1]:3495 0 mon pw secondary
            MONITOR local 3 u p Master
            MINSUPPLIES 2
            SHUTDOWNCMD "/sbin/shutdown -h +0"
            NOTIFYCMD /usr/sbin/upssched
            POWERDOWNFLAG /etc/killpower
            NOTIFYMSG ONBATT "On battery: %s"
            NOTIFYMSG commbad "Lost %s"
            NOTIFYFLAG ONBATT SYSLOG+WALL+EXEC
            NOTIFYFLAG lowbatt IGNORE
            POLLFREQ 2
            POLLFREQALERT 1
            HOSTSYNC 20
            DEADTIME 25
            RBWARNTIME 100
            NOCOMMWARNTIME 60
            FINALDELAY 0
            RUN_AS_USER nut
            CERTPATH /etc/nut/certs
            CERTIDENT "my name" secret
            CERTHOST host.example "Server Cert" 1 0
            CERTVERIFY 1
            FORCESSL 1
            debug_min 3
            SHUTDOWNEXIT yes
            OFFDURATION 10
            OVERDURATION 5
            OBLBDURATION 2
            ALARMCRITICAL off
            POLLFAIL_LOG_THROTTLE_MAX 100
            NOTIFYFLAG OFF SYSLOG+EXEC

            """);
        Assert.Empty(c.Diagnostics);
        Assert.Equal(4, c.Monitors.Count);
        var m = c.Monitors[1];
        Assert.Equal(("other@10.0.0.2:3494", "other", "10.0.0.2", 3494, 2, "mon", "p w", false, 2),
            (m.System, m.UpsName, m.Host, m.Port, m.PowerValue, m.User, m.Password, m.IsPrimary, m.Line));
        Assert.Equal(("v6", "::1", 3495, 0), (c.Monitors[2].UpsName, c.Monitors[2].Host, c.Monitors[2].Port, c.Monitors[2].PowerValue));
        Assert.Equal(("local", "localhost", 3493, true), (c.Monitors[3].UpsName, c.Monitors[3].Host, c.Monitors[3].Port, c.Monitors[3].IsPrimary));
        Assert.True(c.Monitors[0].IsPrimary);
        Assert.Null(c.Monitors[0].AddressError);
        Assert.Equal(2, c.MinSupplies);
        Assert.Equal("/sbin/shutdown -h +0", c.ShutdownCmd);
        Assert.Equal("/usr/sbin/upssched", c.NotifyCmd);
        Assert.Equal("/etc/killpower", c.PowerDownFlag);
        Assert.Equal("On battery: %s", c.Message("onbatt"));
        Assert.Equal("Lost %s", c.Message("COMMBAD"));
        Assert.True(c.HasCustomMessage("ONBATT"));
        Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Wall | NotifyFlags.Exec, c.Flags("onbatt"));
        Assert.Equal(NotifyFlags.Ignore, c.Flags("LOWBATT"));
        Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Exec, c.Flags("OFF"));
        Assert.Equal((2, 1, 20, 25, 100, 60, 0), (c.PollFreq, c.PollFreqAlert, c.HostSync, c.DeadTime, c.RbWarnTime, c.NoCommWarnTime, c.FinalDelay));
        Assert.Equal("nut", c.RunAsUser);
        Assert.Equal("/etc/nut/certs", c.CertPath);
        Assert.Equal(("my name", "secret"), c.CertIdent);
        Assert.Equal([("host.example", "Server Cert", true, false)], c.CertHosts);
        Assert.True(c.CertVerify && c.ForceSsl);
        Assert.Equal(3, c.DebugMin);
        Assert.Equal(("yes", 10, 5, 2, false, 100), (c.ShutdownExit, c.OffDuration, c.OverDuration, c.ObLbDuration, c.AlarmCritical, c.PollFailLogThrottleMax));
    }

    [Fact]
    public void KeywordsAreCaseSensitiveExceptDebugMin()
    {
        var c = Parse("pollfreq 3\nDebug_Min 2\n");
        Assert.Equal(5, c.PollFreq);
        Assert.Equal(2, c.DebugMin);
        Assert.Equal("upsmon.conf:1: upsmon.conf line 1: invalid directive pollfreq 3", Assert.Single(c.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("FOO bar", "upsmon.conf line 1: invalid directive FOO bar")]
    [InlineData("SHUTDOWNCMD", "upsmon.conf line 1: invalid directive SHUTDOWNCMD")]
    [InlineData("NOTIFYMSG ONBATT", "upsmon.conf line 1: invalid directive NOTIFYMSG ONBATT")]
    [InlineData("CERTIDENT name", "upsmon.conf line 1: invalid directive CERTIDENT name")]
    [InlineData("CERTHOST h n 1", "upsmon.conf line 1: invalid directive CERTHOST h n 1")]
    [InlineData("MONITOR ups@h 1 u", "upsmon.conf line 1: invalid directive MONITOR ups@h 1 u")]
    [InlineData("DEBUG_MIN", "upsmon.conf line 1: invalid directive DEBUG_MIN")]
    [InlineData("DEBUG_MIN x", "WARNING : Invalid DEBUG_MIN value found in upsmon.conf global settings")]
    [InlineData("DEBUG_MIN -1", "WARNING : Invalid DEBUG_MIN value found in upsmon.conf global settings")]
    [InlineData("NOTIFYMSG NOSUCH \"x\"", "'NOSUCH' is not a valid notify event name")]
    [InlineData("NOTIFYFLAG NOSUCH SYSLOG", "Warning: invalid notify type [NOSUCH]")]
    [InlineData("NOTIFYFLAG ONBATT syslog", "Invalid notify flag: [syslog]")]
    [InlineData("MINSUPPLIES -1", "Ignoring invalid MINSUPPLIES value: -1")]
    [InlineData("POLLFREQ -3", "Ignoring invalid POLLFREQ value: -3")]
    [InlineData("POLLFREQALERT -1", "Ignoring invalid POLLFREQALERT value: -1")]
    [InlineData("FINALDELAY -2", "Ignoring invalid FINALDELAY value: -2")]
    [InlineData("MONITOR ups@h -1 u p primary", "UPS [ups@h]: ignoring invalid power value [-1]")]
    public void WarningsInNutsWords(string line, string message)
    {
        var c = Parse(line + "\n");
        var d = Assert.Single(c.Diagnostics);
        Assert.False(d.IsError);
        Assert.Equal(("upsmon.conf", 1, message), (d.File, d.Line, d.Message));
        Assert.Empty(c.Monitors);
    }

    [Fact]
    public void InvalidValuesKeepThePreviousValue()
    {
        var c = Parse("POLLFREQ 7\nPOLLFREQ -1\nMINSUPPLIES 3\nMINSUPPLIES -2\nFINALDELAY -1\n");
        Assert.Equal((7, 3, 5), (c.PollFreq, c.MinSupplies, c.FinalDelay));
        Assert.Equal(3, c.Diagnostics.Count);
    }

    [Fact]
    public void NotifyFlagsReplaceTheDefaultsAndBadWordsAreSkipped()
    {
        var c = Parse("NOTIFYFLAG COMMBAD SYSLOG++bogus+EXEC\nNOTIFYFLAG CAL WALL+\n");
        Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Exec, c.Flags("commbad"));
        Assert.Equal(NotifyFlags.Wall, c.Flags("CAL"));
        Assert.Equal(["Invalid notify flag: []", "Invalid notify flag: [bogus]", "Invalid notify flag: []"], c.Diagnostics.Select(d => d.Message));
        Assert.Equal(NotifyFlags.None, Parse("NOTIFYFLAG ONBATT bogus\n").Flags("ONBATT"));
    }

    [Fact]
    public void NumbersAreReadLikeAtoiWithAWarningOfOurs()
    {
        var c = Parse("POLLFREQ often\nHOSTSYNC 30s\nMONITOR ups@h x u p primary\n");
        Assert.Equal((0, 30), (c.PollFreq, c.HostSync));
        Assert.Equal(0, Assert.Single(c.Monitors).PowerValue); // NUT: monitoring only
        Assert.Equal([1, 2, 3], c.Diagnostics.Select(d => d.Line));
        Assert.All(c.Diagnostics, d => Assert.False(d.IsError));
        Assert.Equal("POLLFREQ: expected a whole number, got 'often' (NUT reads it as 0)", c.Diagnostics[0].Message);
        Assert.Contains("power value: expected a whole number, got 'x'", c.Diagnostics[2].Message);
    }

    [Fact]
    public void MonitorTypesOtherThanPrimaryAreSecondary()
    {
        var c = Parse("MONITOR a@h 1 u p PRIMARY\nMONITOR b@h 1 u p Slave\nMONITOR c@h 1 u p boss\n");
        Assert.Equal([true, false, false], c.Monitors.Select(m => m.IsPrimary));
        Assert.Contains("expected primary or secondary (or master/slave), got 'boss'", Assert.Single(c.Diagnostics).Message);
    }

    [Fact]
    public void DuplicateMonitorsAreIgnoredAfterThePowerValueCheck()
    {
        var c = Parse("MONITOR a@h 1 u p primary\nMONITOR a@h 2 v q secondary\nMONITOR a@h -1 u p primary\nMONITOR A@h 1 u p primary\n");
        Assert.Equal(["a@h", "A@h"], c.Monitors.Select(m => m.System));
        Assert.Equal(["Warning: ignoring duplicate UPS [a@h]", "UPS [a@h]: ignoring invalid power value [-1]"], c.Diagnostics.Select(d => d.Message));
    }

    [Theory]
    [InlineData("ups", "ups", "localhost", 3493, null)]
    [InlineData("ups@host", "ups", "host", 3493, null)]
    [InlineData("ups@host:1234", "ups", "host", 1234, null)]
    [InlineData("ups@host:12abc", "ups", "host", 12, null)]
    [InlineData("ups@host:+5", "ups", "host", 5, null)]
    [InlineData("ups@host:1:2", "ups", "host", 1, null)]
    [InlineData("ups@host:65535", "ups", "host", 65535, null)]
    [InlineData("ups@[::1]", "ups", "::1", 3493, null)]
    [InlineData("ups@[::1]:99", "ups", "::1", 99, null)]
    [InlineData("ups@[::1]5", "ups", "::1", 3493, null)]
    [InlineData("@host", "", "host", 3493, null)]
    [InlineData("ups@host:0", "ups", "host", 0, "upscli_splitaddr: no port specified after ':' separator")]
    [InlineData("ups@host:-5", "ups", "host", 0, "upscli_splitaddr: no port specified after ':' separator")]
    [InlineData("ups@host:65536", "ups", "host", 0, "upscli_splitaddr: no port specified after ':' separator")]
    [InlineData("ups@host:", "ups", "host", 0, "upscli_splitaddr: no port specified after ':' separator")]
    [InlineData("ups@[::1]:0", "ups", "::1", 0, "upscli_splitaddr: no port specified after ':' separator")]
    [InlineData("ups@::1", "ups", "", 0, "upscli_splitaddr: no port specified after ':' separator")]
    [InlineData("ups@[::1", "ups", "::1", 3493, "upscli_splitaddr: missing closing bracket in [domain literal]")]
    [InlineData("ups@", "ups", "", 3493, "upscli_splitaddr: can't parse empty string")]
    public void SystemNamesSplitAsUpsmonSplitsThem(string text, string ups, string host, int port, string? error)
    {
        var name = SystemName.Split(text);
        Assert.Equal((ups, host, port, error), (name.UpsName, name.Host, name.Port, name.Error));
        var c = Parse($"MONITOR {text} 1 u p primary\n");
        var m = Assert.Single(c.Monitors); // kept even when it cannot be split, as NUT keeps it
        Assert.Equal(error, m.AddressError);
        Assert.Equal(error is null ? 0 : 1, c.Diagnostics.Count);
    }

    [Fact]
    public void AnOldStyleMonitorLineIsFatalAndReadingStops()
    {
        var c = Parse("FOO before\nMONITOR ups@host 1 user pass\nFOO after\nMONITOR a@h 1 u p primary\n");
        Assert.NotNull(c.Fatal);
        Assert.True(c.HasErrors);
        Assert.Equal(("upsmon.conf", 2, UpsmonConf.OldStyleMonitorMessage, true), (c.Fatal!.File, c.Fatal.Line, c.Fatal.Message, c.Fatal.IsError));
        Assert.Equal(2, c.Diagnostics.Count); // nothing after the fatal line
        Assert.Empty(c.Monitors);
    }

    [Fact]
    public void ParseErrorsLoseOnlyTheirLine()
    {
        var c = Parse("NOTIFYMSG ONBATT \"5#0\"\nPOLLFREQ 3\n");
        Assert.Equal(3, c.PollFreq);
        Assert.Equal("UPS %s on battery", c.Message("ONBATT"));
        Assert.Null(c.Fatal);
        // The rest of the line after the '#' is read as a line of its own (NUT's line 2).
        Assert.Equal([(1, true, "Parse error: Unbalanced word due to unescaped # in quotes"), (1, false, "upsmon.conf line 2: invalid directive 0\"")],
            c.Diagnostics.Select(d => (d.Line, d.IsError, d.Message)));

        // Here that rest is a lone '"': it opens a quote that swallows the newline and everything after it.
        var swallowed = Parse("NOTIFYMSG ONBATT \"50#\"\nPOLLFREQ 3\n");
        Assert.Equal(5, swallowed.PollFreq);
        Assert.Single(swallowed.Diagnostics);
    }

    [Fact]
    public void InvalidDirectiveMessagesCountLinesAsNutDoes()
    {
        // Physical lines 1-2 are one logical line; FOO is on physical line 3 but NUT calls it line 2.
        var c = Parse("SHUTDOWNCMD \"a\nb\"\nFOO bar\n");
        var d = Assert.Single(c.Diagnostics);
        Assert.Equal(3, d.Line);
        Assert.Equal("upsmon.conf line 2: invalid directive FOO bar", d.Message);
        Assert.Equal("ab", c.ShutdownCmd);
    }

    [Fact]
    public void AReloadKeepsWhatTheNewFileNoLongerSays()
    {
        var first = Parse("POLLFREQ 9\nNOTIFYCMD /bin/notify\nNOTIFYMSG ONLINE \"back %s\"\nNOTIFYFLAG ONLINE EXEC\nMONITOR a@h 1 u p primary\n");
        var reloaded = UpsmonConf.Parse("upsmon.conf", B("MONITOR b@h 1 u p primary\nPOLLFREQ -1\n"), first);
        Assert.Equal((9, "/bin/notify", "back %s", NotifyFlags.Exec), (reloaded.PollFreq, reloaded.NotifyCmd, reloaded.Message("ONLINE"), reloaded.Flags("ONLINE")));
        Assert.Equal(["b@h"], reloaded.Monitors.Select(m => m.System));
        Assert.Equal("Ignoring invalid POLLFREQ value: -1", Assert.Single(reloaded.Diagnostics).Message);
        Assert.Equal(5, Parse("").PollFreq);
    }

    [Fact]
    public void MissingFileIsAConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => UpsmonConf.Load("/nonexistent/upsmon.conf"));
        Assert.Contains("/nonexistent/upsmon.conf", e.Message);
        Assert.Contains("No such file or directory", e.Message);
    }

    [Fact]
    public void NotifyTypesTable()
    {
        string[] nut280 = ["ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "REPLBATT", "NOCOMM", "NOPARENT", "CAL"];
        Assert.Equal(nut280, NotifyTypes.All.Where(t => t.InNut280).Select(t => t.Name));
        Assert.All(NotifyTypes.All.Where(t => t.InNut280 && t.Name != "CAL"), t => Assert.Equal(NotifyFlags.Syslog | NotifyFlags.Wall, t.DefaultFlags));
        Assert.Equal(NotifyFlags.Syslog, NotifyTypes.Find("cal")!.DefaultFlags);
        Assert.Equal("UPS %s: forced shutdown in progress", NotifyTypes.Find("fsd")!.DefaultMessage);
        Assert.Equal("Auto logout and shutdown proceeding", NotifyTypes.Find("SHUTDOWN")!.DefaultMessage);
        Assert.Equal("upsmon parent process died - shutdown impossible", NotifyTypes.Find("NOPARENT")!.DefaultMessage);
        foreach (var name in new[] { "NOTCAL", "OFF", "NOTOFF", "BYPASS", "NOTBYPASS", "ECO", "ALARM", "OTHER", "SHUTDOWN_HOSTSYNC" })
            Assert.False(NotifyTypes.Find(name)!.InNut280);
        Assert.Null(NotifyTypes.Find("NOSUCH"));
        Assert.Equal(NotifyTypes.All.Count, NotifyTypes.All.Select(t => t.Name).Distinct().Count());
    }

    // ---- the same files read by Debian's upsmon (-K reads the configuration, reports, and exits) ----

    const string Everything = """
        MONITOR a@localhost 1 monuser pass primary
        MONITOR b@10.0.0.2:3494 2 mon "p w" slave
        MONITOR c@[::1]:3495 0 mon pw secondary
        MONITOR d@h 1 u p MASTER
        MONITOR e@h 1 u p boss
        MONITOR f@h x u p primary
        MONITOR g@h -1 u p primary
        MONITOR a@localhost 1 u p primary
        MONITOR h@h:0 1 u p primary
        MONITOR i@[::1 1 u p primary
        MONITOR j@ 1 u p primary
        MONITOR k@h:12abc 1 u p primary
        MONITOR l 1 u p primary
        MONITOR m@h 1 u
        MINSUPPLIES 2
        MINSUPPLIES -1
        SHUTDOWNCMD "/sbin/shutdown -h +0"
        SHUTDOWNCMD
        NOTIFYCMD /usr/sbin/upssched
        POWERDOWNFLAG /nonexistent/killpower
        NOTIFYMSG ONBATT "On battery: %s"
        NOTIFYMSG onbatt
        NOTIFYMSG NOSUCH "x"
        NOTIFYFLAG ONBATT SYSLOG+WALL+EXEC
        NOTIFYFLAG lowbatt IGNORE
        NOTIFYFLAG COMMBAD SYSLOG++bogus
        NOTIFYFLAG NOSUCH SYSLOG
        POLLFREQ 2
        POLLFREQ -3
        POLLFREQALERT 1
        HOSTSYNC 20
        DEADTIME 25
        RBWARNTIME 100
        NOCOMMWARNTIME 60
        FINALDELAY -1
        FINALDELAY 0
        RUN_AS_USER nut
        CERTPATH /etc/nut/cert
        CERTIDENT name pass
        CERTIDENT onlyone
        CERTHOST host name 1 0
        CERTHOST host name 1
        CERTVERIFY 1
        FORCESSL 1
        DEBUG_MIN 2
        debug_min x
        DEBUG_MIN
        pollfreq 3
        FOO bar
        FOO \
          continued
        "quoted" directive
        BAR "x#y" trail
        SHUTDOWNCMD "multi
        line"
        NOTIFYMSG ONBATT "50#"
        LAST line

        """;

    const string Fatal = "FOO before\nMONITOR ups@host 1 user pass\nFOO after\nMONITOR a@h 1 u p primary\n";

    [Theory]
    [InlineData("everything", Everything)]
    [InlineData("fatal", Fatal)]
    [InlineData("empty", "")]
    public void DebiansUpsmonSaysTheSameAboutTheSameFile(string name, string text)
    {
        _ = name;
        using var dir = new TempDir("nut-oracle-upsmon");
        string path = dir.Write("upsmon.conf", text);
        var ours = UpsmonConf.Load(path);
        var r = DebianOracle.UpsmonCheck(dir, path);
        // DEBUG_MIN switches upsmon to debug output: time stamps in front, and a debug line of its own.
        var theirs = r.Stderr.Split('\n').Select(l => Regex.Replace(l, @"^ *\d+\.\d+\t", ""))
            .Where(l => l.Length > 0 && !IsUpsmonNoise(l)).ToList();
        Assert.Equal(Render(ours, File.ReadAllBytes(path)), theirs);
        Assert.Equal(1, r.ExitCode); // -K: 1 = no power-down flag; a fatal configuration is 1 too
    }

    /// <summary>What upsmon 2.8.0 prints while reading the file, rebuilt from our model: a line per MONITOR (and
    /// the splitaddr complaint), NUT's own warnings in file order, parse errors with NUT's line count.</summary>
    static List<string> Render(UpsmonConf conf, byte[] content)
    {
        var items = new List<(int Line, List<string> Texts)>();
        foreach (var m in conf.Monitors)
        {
            var texts = new List<string>
            {
                m.PowerValue == 0 ? $"UPS: {m.System} (monitoring only)" : $"UPS: {m.System} ({(m.IsPrimary ? "primary" : "secondary")}) (power value {m.PowerValue})",
            };
            if (m.AddressError is { } e)
                texts.AddRange([e, SystemName.SplitFailure(m.System)]);
            items.Add((m.Line, texts));
        }
        var tokenized = NutTokenizer.TokenizeFile(content);
        // upsmon announces the flag file as it reads the line (our upsmon prints it itself).
        foreach (var l in tokenized.Where(l => !l.IsError && l.Words is ["POWERDOWNFLAG", _, ..]))
            items.Add((l.LineNumber, [$"Using power down flag file {l.Words[1]}"]));
        var parseErrors = new Queue<TokenizedLine>(tokenized.Where(l => l.IsError));
        foreach (var d in conf.Diagnostics)
        {
            if (d.Message.StartsWith("Parse error: ", StringComparison.Ordinal))
            {
                var e = parseErrors.Dequeue();
                items.Add((d.Line, [$"Parse error: {d.File}:{e.NutLineNumber}: {e.Error}"]));
            }
            else if (d == conf.Fatal)
            {
                items.Add((d.Line, [d.Message, UpsmonConf.OldStyleMonitorHint, "Fatal error: unusable configuration"]));
            }
            else if (!d.Message.Contains("expected", StringComparison.Ordinal)) // "expected ..." warnings are ours alone
            {
                items.Add((d.Line, [d.Message]));
            }
        }
        return items.OrderBy(i => i.Line).SelectMany(i => i.Texts).ToList();
    }

    static bool IsUpsmonNoise(string line) =>
        line.StartsWith("fopen /run/nut/upsmon.pid", StringComparison.Ordinal)
        || line.StartsWith("Could not find PID file", StringComparison.Ordinal)
        || line.StartsWith("Power down flag is", StringComparison.Ordinal)
        || line.StartsWith("addchar: discarding", StringComparison.Ordinal)
        || line.StartsWith("[D1] debug level is", StringComparison.Ordinal);
}
