using System.Text;
using Nut.Testing;
using Nut.Web.Config;

namespace Nut.Web.Tests;

/// <summary>upsweb.conf and the command line: every directive, and a clear error (file, line, what was expected) for every mistake.</summary>
public sealed class ConfigTests
{
    // Files end with a newline: NUT's reader (and so ours) drops a last one-word line that has none.
    static (UpswebSettings Settings, List<Nut.Core.Config.ConfigDiagnostic> Diagnostics) Parse(string text) =>
        UpswebConf.Parse("upsweb.conf", Encoding.UTF8.GetBytes(text + "\n"));

    [Fact]
    public void EveryDirectiveIsRead()
    {
        var (s, diags) = Parse("""
            # the dashboard for the rack
            LISTEN 127.0.0.1 8081
            LISTEN ::1 8082
            MONITOR bessie@ups1:3493 admin "pass word"
            MONITOR *@ups2
            POLLINTERVAL 0.25
            TIMEOUT 3
            STARTTLS yes
            HISTORY /var/lib/upsweb/h.db
            HISTORYINTERVAL 30
            HISTORYDAYS 90
            SESSIONTIMEOUT 600
            MQTT broker.lan:1884
            MQTTUSER ha
            MQTTPASSWORD secret
            MQTTPREFIX ups/
            MQTTDISCOVERY off
            MQTTCOMMANDS on
            MQTTCLIENTID rack-web
            """);
        Assert.Empty(diags);
        Assert.Equal(["127.0.0.1:8081", "[::1]:8082"], s.Listen.Select(l => l.ToString()));
        Assert.Equal(["bessie@ups1:3493", "*@ups2:3493"], s.Targets.Select(t => t.ToString()));
        Assert.Equal(("admin", "pass word"), (s.Targets[0].User, s.Targets[0].Password));
        Assert.True(s.Targets[1].AllOnServer);
        Assert.Equal(TimeSpan.FromMilliseconds(250), s.Watch.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Watch.Timeout);
        Assert.True(s.Watch.TryTls);
        Assert.Equal("/var/lib/upsweb/h.db", s.HistoryFile);
        Assert.True(s.HistoryFileGiven);
        Assert.Equal(TimeSpan.FromSeconds(30), s.HistoryInterval);
        Assert.Equal(90, s.HistoryDays);
        Assert.Equal(TimeSpan.FromMinutes(10), s.SessionIdle);
        Assert.Equal(("broker.lan", 1884, "ha", "secret", "ups", null, true, "rack-web"),
            (s.Mqtt.Host, s.Mqtt.Port, s.Mqtt.User, s.Mqtt.Password, s.Mqtt.TopicPrefix, s.Mqtt.DiscoveryPrefix, s.Mqtt.AcceptCommands, s.Mqtt.ClientId));
    }

    [Theory]
    [InlineData("broker", "broker", 1883)]
    [InlineData("broker:1884", "broker", 1884)]
    [InlineData("[::1]", "::1", 1883)]
    [InlineData("[::1]:1885", "::1", 1885)]
    public void TheBrokerPortIsMqttsUnlessGiven(string text, string host, int port)
    {
        var (s, diags) = Parse("MQTT " + text);
        Assert.Empty(diags);
        Assert.Equal((host, port), (s.Mqtt.Host, s.Mqtt.Port));
    }

    [Fact]
    public void DefaultsAreWhatTheDocsSay()
    {
        var (s, diags) = Parse("MONITOR bessie\nMQTT broker\n");
        Assert.Empty(diags);
        Assert.Equal(["127.0.0.1:8080"], s.EffectiveListen.Select(l => l.ToString()));
        Assert.Equal("bessie@localhost:3493", s.Targets.Single().ToString());
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.Watch.PollInterval);
        Assert.Equal(UpswebSettings.DefaultHistoryFile, s.HistoryFile);
        Assert.False(s.HistoryFileGiven);
        Assert.Equal(35, s.HistoryDays);
        Assert.Equal((1883, "nut", "homeassistant", false), (s.Mqtt.Port, s.Mqtt.TopicPrefix, s.Mqtt.DiscoveryPrefix, s.Mqtt.AcceptCommands));
    }

    [Theory]
    [InlineData("LISTEN 127.0.0.1 99999", 1, "LISTEN '127.0.0.1:99999': expected a port number from 0 to 65535")]
    [InlineData("MONITOR", 1, "MONITOR: expected MONITOR <ups>@<host>[:<port>] [<user> <password>] (or *@<host> for every UPS there)")]
    [InlineData("MONITOR a@b user", 1, "MONITOR: a user needs a password too: MONITOR <ups>@<host> <user> <password>")]
    [InlineData("MONITOR @host", 1, "MONITOR @host: no UPS name before '@' (write ups@host, or *@host for every UPS on that server)")]
    [InlineData("MONITOR a@b:x", 1, "MONITOR a@b:x: upscli_splitaddr: no port specified after ':' separator")]
    [InlineData("# ok\nPOLLINTERVAL fast", 2, "POLLINTERVAL fast: expected a number of seconds from 0.05 to 3600")]
    [InlineData("HISTORYDAYS 0", 1, "HISTORYDAYS 0: expected a number of days from 1 to 3650")]
    [InlineData("STARTTLS maybe", 1, "STARTTLS maybe: expected yes or no")]
    [InlineData("MQTTPREFIX a/+", 1, "MQTTPREFIX a/+: expected a topic without + or #")]
    [InlineData("MONITR a@b", 1, "unknown directive MONITR: expected one of LISTEN, MONITOR,")]
    [InlineData("MONITOR \"a#b\"", 1, "Parse error: ")]
    public void EachMistakeIsReportedWithItsLine(string text, int line, string message)
    {
        var (_, diags) = Parse(text);
        // A parse error is reported where it happens; like NUT, reading resumes after it (which may report more).
        Assert.NotEmpty(diags);
        Assert.All(diags, x => Assert.Equal(line, x.Line));
        var d = diags[0];
        Assert.True(d.IsError);
        Assert.Equal(line, d.Line);
        Assert.StartsWith(message, d.Message);
        Assert.StartsWith($"upsweb.conf:{line}: ", d.ToString());
    }

    [Fact]
    public void TheProgramRefusesABrokenFileAndNamesTheLine()
    {
        using var dir = new TempDir("upswebconf");
        dir.Write("upsweb.conf", "MONITOR bessie@localhost\nPOLLINTERVAL 0\n");
        var r = Proc.Run(Paths.Ours("upsweb"), ["-c", dir["upsweb.conf"]]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"upsweb: {dir["upsweb.conf"]}:2: POLLINTERVAL 0: expected a number of seconds from 0.05 to 3600\n", r.Stderr);

        dir.Write("good.conf", "MONITOR bessie@localhost\nLISTEN 127.0.0.1 8099\n");
        var check = Proc.Run(Paths.Ours("upsweb"), ["-c", dir["good.conf"], "--check"]);
        Assert.Equal(0, check.ExitCode);
        Assert.Equal("upsweb: configuration OK: 1 watch entries, listening on 127.0.0.1:8099\n", check.Stdout);

        var nothing = Proc.Run(Paths.Ours("upsweb"), [], new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath + "/none" });
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("upsweb.conf: stat ", nothing.Stderr);
        Assert.Contains("No such file or directory (give --ups, or -c with a config file)", nothing.Stderr);

        var badOption = Proc.Run(Paths.Ours("upsweb"), ["--ups"]);
        Assert.Equal(1, badOption.ExitCode);
        Assert.StartsWith("upsweb: --ups needs a value\n", badOption.Stderr);
    }

    [Fact]
    public void AListenAddressInUseIsAClearErrorAtStart()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var r = Proc.Run(Paths.Ours("upsweb"), ["--listen", $"127.0.0.1:{port}", "--ups", "bessie@127.0.0.1:1", "--history", "none"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"upsweb: cannot listen: ", r.Stderr);
        Assert.Contains($"127.0.0.1:{port}", r.Stderr);
    }
}
