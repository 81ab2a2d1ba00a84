using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// Debian's NSS-built clients against our upsd with CERTFILE: upsmon verifying our certificate against its
/// NSS database (CERTPATH, CERTVERIFY 1, FORCESSL 1) and monitoring through TLS; upslog logging through TLS;
/// and a client that demands TLS never saying anything in clear when TLS cannot be had. Every connection
/// goes through a <see cref="RecordingProxy"/>, so what crossed the wire in clear is known, not assumed.
/// </summary>
[Collection(TlsCollection.Name)]
public sealed class NssClientTests(TestPki pki, ITestOutputHelper output) : IDisposable
{
    static string DeviceFile => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    /// <summary>Debian's dummy-ups only: our upsd runs in-process on its socket.</summary>
    readonly NutStack _drivers = new(Impl.Debian, Impl.Debian, [new StackUps("dev", DeviceFile)]);

    Task<InProcessUpsd> Ours(string upsdConf)
    {
        _drivers.StartDriver("dev");
        return InProcessUpsd.StartAsync(_drivers.Dir.FullPath, File.ReadAllText(_drivers.Dir["ups.conf"]), upsdConf);
    }

    [Fact]
    public async Task DebiansUpsmonVerifiesOurCertificateAndMonitorsThroughTls()
    {
        await using var upsd = await Ours($"CERTFILE {pki.ServerPem}");
        upsd.WaitForData("dev");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartUpsmon(proxy.Port, $"CERTPATH {pki.ClientNssDb}\nCERTVERIFY 1\nFORCESSL 1\n");

        upsmon.WaitUntil(() => upsd.Server.Clients.Any(c => c.Username == "mon" && c.LoggedInto is not null), "upsmon to log in");
        var session = upsd.Server.Clients.Single(c => c.Username == "mon");
        Assert.True(session.IsTls, "upsmon logged in without TLS");

        // A power failure reaches upsmon through the encrypted session.
        using (var admin = new LineClient("127.0.0.1", upsd.Port))
        {
            Assert.Equal("OK", admin.Request("USERNAME admin"));
            Assert.Equal("OK", admin.Request("PASSWORD mypass"));
            Assert.Equal("OK", admin.Request("SET VAR dev ups.status OB"));
        }
        upsmon.WaitUntil(() => Notifications().Contains($"ONBATT dev@localhost:{proxy.Port}"), "ONBATT");

        Assert.Contains("Intend to authenticate server localhost : SUCCESS", upsmon.Output);
        Assert.Contains("Connected to NUT server localhost in SSL", upsmon.Output);
        foreach (var sent in proxy.Sent)
        {
            Assert.StartsWith("STARTTLS\n\x16", sent); // then TLS records only
            Assert.DoesNotContain("USERNAME", sent);
            Assert.DoesNotContain("monpw", sent);
        }
        output.WriteLine($"Debian's upsmon: verified our certificate, logged in over TLS, saw ONBATT; {proxy.Connections} connection(s), nothing in clear after STARTTLS");
    }

    [Fact]
    public async Task DebiansUpsmonRefusesACertificateItCannotVerifyAndSendsNothingInClear()
    {
        await using var upsd = await Ours($"CERTFILE {pki.ServerPem}");
        upsd.WaitForData("dev");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartUpsmon(proxy.Port, $"CERTPATH {pki.StrangerNssDb}\nCERTVERIFY 1\nFORCESSL 1\n");

        AssertNeverLogsIn(upsd, proxy, upsmon, attempts: 1);
        Assert.Contains("Intend to authenticate server localhost : FAILED", upsmon.Output);
        // Each attempt: STARTTLS, then TLS records only (the newest attempt may not have sent its hello yet).
        foreach (var sent in proxy.Sent)
            Assert.True(sent == "STARTTLS\n" || sent.StartsWith("STARTTLS\n\x16", StringComparison.Ordinal), $"clear text after STARTTLS: {sent}");
    }

    [Fact]
    public async Task DebiansUpsmonWithForceSslTalksNotAtAllToAUpsdWithoutTls()
    {
        await using var upsd = await Ours("");
        upsd.WaitForData("dev");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartUpsmon(proxy.Port, "FORCESSL 1\n");

        AssertNeverLogsIn(upsd, proxy, upsmon, attempts: 1);
        // STARTTLS refused: it only says goodbye.
        Assert.All(proxy.Sent, sent => Assert.Matches("^STARTTLS\n(LOGOUT\n)?$", sent));
    }

    [Fact]
    public async Task WithoutForceSslTheSameUpsmonGoesOnInClear()
    {
        // The control for the two tests above: the proxy does see a login in clear when one is made.
        await using var upsd = await Ours("");
        upsd.WaitForData("dev");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartUpsmon(proxy.Port, "");
        upsmon.WaitUntil(() => upsd.Server.Clients.Any(c => c.Username == "mon" && c.LoggedInto is not null), "upsmon to log in");
        Assert.Contains(proxy.Sent, sent => sent.StartsWith("STARTTLS\nUSERNAME mon\nPASSWORD monpw\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DebiansUpslogLogsThroughTls()
    {
        await using var upsd = await Ours($"CERTFILE {pki.ServerPem}");
        upsd.WaitForData("dev");
        using var proxy = new RecordingProxy(upsd.Port);
        string log = _drivers.Dir["upslog.txt"];
        using var upslog = Proc.Start(Paths.Debian("upslog"),
            ["-F", "-s", $"dev@localhost:{proxy.Port}", "-l", log, "-i", "1", "-f", "%VAR ups.status% %VAR device.type% %VAR ups.mfr.date%"], null, _drivers.Dir.FullPath);
        upslog.WaitUntil(() => File.Exists(log) && File.ReadAllText(log).Contains('\n'), "a line from upslog");
        Assert.StartsWith("OL ats 04/18/2015\n", File.ReadAllText(log));
        Assert.Contains("Connected to NUT server localhost in SSL", upslog.Output);
        Assert.StartsWith("STARTTLS\n\x16", proxy.Sent[0]);
        Assert.DoesNotContain("LIST", proxy.Sent[0]);
        Assert.DoesNotContain("GET", proxy.Sent[0]);
    }

    Daemon StartUpsmon(int port, string tls)
    {
        var dir = _drivers.Dir;
        dir.Write("notify.sh", $"#!/bin/sh\necho \"$NOTIFYTYPE $UPSNAME\" >> {dir["notify.log"]}\n");
        File.SetUnixFileMode(dir["notify.sh"], (UnixFileMode)Convert.ToInt32("755", 8));
        string flags = string.Join("", new[] { "ONLINE", "ONBATT", "LOWBATT", "FSD", "COMMOK", "COMMBAD", "SHUTDOWN", "NOCOMM" }
            .Select(t => $"NOTIFYFLAG {t} EXEC\n"));
        dir.Write("upsmon.conf", $"""
            MONITOR dev@localhost:{port} 1 mon monpw primary
            MINSUPPLIES 1
            SHUTDOWNCMD "/bin/touch {dir["shutdown-called"]}"
            NOTIFYCMD {dir["notify.sh"]}
            POLLFREQ 1
            POLLFREQALERT 1
            DEADTIME 30
            NOCOMMWARNTIME 300
            POWERDOWNFLAG {dir["killpower"]}
            {flags}{tls}
            """);
        File.SetUnixFileMode(dir["upsmon.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return DebianUpsmon.Start(dir["upsmon.conf"], dir.FullPath);
    }

    List<string> Notifications() => File.Exists(_drivers.Dir["notify.log"]) ? [.. File.ReadAllLines(_drivers.Dir["notify.log"])] : [];

    /// <summary>
    /// Watches <paramref name="attempts"/> connection attempts (upsmon retries every poll): no login ever
    /// reaches upsd, and no credentials cross the wire in clear.
    /// </summary>
    static void AssertNeverLogsIn(InProcessUpsd upsd, RecordingProxy proxy, Daemon upsmon, int attempts)
    {
        var end = DateTime.UtcNow.AddSeconds(30);
        while (proxy.Connections < attempts + 1) // the next attempt began, so the previous ones are complete
        {
            Assert.DoesNotContain(upsd.Server.Clients, c => c.Username is not null);
            if (upsmon.HasExited || DateTime.UtcNow > end)
                throw new TimeoutException($"upsmon made {proxy.Connections} connection(s):\n{upsmon.Output}");
            Thread.Sleep(20);
        }
        Assert.DoesNotContain(upsd.Server.Clients, c => c.Username is not null);
        foreach (var sent in proxy.Sent)
        {
            Assert.DoesNotContain("USERNAME", sent);
            Assert.DoesNotContain("monpw", sent);
        }
    }


    public void Dispose() => _drivers.Dispose();
}
