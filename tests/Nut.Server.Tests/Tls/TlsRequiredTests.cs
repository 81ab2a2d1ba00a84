using Nut.Testing;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// Our own upsmon (the program, run as a process) with FORCESSL 1: whatever the server answers to STARTTLS,
/// it never logs in — nor sends its credentials — in clear. Against a upsd that refuses TLS it sends only
/// STARTTLS (and perhaps LOGOUT); against one that accepts, the bytes after STARTTLS are TLS records or
/// nothing. What crossed the wire is recorded by a <see cref="RecordingProxy"/>.
/// </summary>
[Collection(TlsCollection.Name)]
public sealed class TlsRequiredTests(TestPki pki) : IDisposable
{
    static string DeviceFile => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    readonly NutStack _drivers = new(Impl.Debian, Impl.Debian, [new StackUps("dev", DeviceFile)]);

    async Task<InProcessUpsd> Ours(string upsdConf)
    {
        _drivers.StartDriver("dev");
        var upsd = await InProcessUpsd.StartAsync(_drivers.Dir.FullPath, File.ReadAllText(_drivers.Dir["ups.conf"]), upsdConf);
        upsd.WaitForData("dev");
        return upsd;
    }

    [Fact]
    public async Task OurUpsmonWithForceSslSaysNothingButStartTlsToAUpsdWithoutTls()
    {
        await using var upsd = await Ours("");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartOurUpsmon(proxy.Port, "FORCESSL 1\n");
        WatchAttempts(upsd, proxy, upsmon, attempts: 1);
        // The newest attempt may have been caught before it sent anything.
        Assert.All(proxy.Sent, sent => Assert.Matches("^(STARTTLS\\n(LOGOUT\\n)?)?$", sent));
    }

    [Fact]
    public async Task OurUpsmonWithForceSslSendsOnlyTlsAfterOkStartTls()
    {
        await using var upsd = await Ours($"CERTFILE {pki.ServerPem}");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartOurUpsmon(proxy.Port, "FORCESSL 1\n");
        WatchAttempts(upsd, proxy, upsmon, attempts: 1);
        foreach (var sent in proxy.Sent)
        {
            Assert.StartsWith("STARTTLS\n", sent);
            string after = sent["STARTTLS\n".Length..];
            Assert.True(after.Length == 0 || after[0] == '\x16', $"clear text after OK STARTTLS: {after}");
        }
        // A login, if there is one (once our clients speak TLS), is a TLS one.
        Assert.All(upsd.Server.Clients.Where(c => c.Username is not null), c => Assert.True(c.IsTls));
    }

    Daemon StartOurUpsmon(int port, string tls)
    {
        var dir = _drivers.Dir;
        dir.Write("upsmon.conf", $"""
            MONITOR dev@localhost:{port} 1 mon monpw primary
            MINSUPPLIES 1
            SHUTDOWNCMD "/bin/touch {dir["shutdown-called"]}"
            POLLFREQ 1
            POLLFREQALERT 1
            DEADTIME 30
            POWERDOWNFLAG {dir["killpower"]}
            {tls}
            """);
        File.SetUnixFileMode(dir["upsmon.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = new Dictionary<string, string>(_drivers.Env) { ["NUT_PIDPATH"] = dir.FullPath };
        return Proc.Start(Paths.Ours("upsmon"), ["-F", "-p"], env, dir.FullPath);
    }

    /// <summary>Lets upsmon try <paramref name="attempts"/> times (and begin once more); no credentials ever travel in clear.</summary>
    static void WatchAttempts(InProcessUpsd upsd, RecordingProxy proxy, Daemon upsmon, int attempts)
    {
        var end = DateTime.UtcNow.AddSeconds(30);
        while (proxy.Connections < attempts + 1 && !upsd.Server.Clients.Any(c => c.LoggedInto is not null))
        {
            Assert.DoesNotContain(upsd.Server.Clients, c => c.Username is not null && !c.IsTls);
            if (upsmon.HasExited || DateTime.UtcNow > end)
                throw new TimeoutException($"our upsmon made {proxy.Connections} connection(s):\n{upsmon.Output}");
            Thread.Sleep(20);
        }
        Assert.DoesNotContain(upsd.Server.Clients, c => c.Username is not null && !c.IsTls);
        foreach (var sent in proxy.Sent)
        {
            Assert.DoesNotContain("USERNAME", sent);
            Assert.DoesNotContain("monpw", sent);
        }
    }

    public void Dispose() => _drivers.Dispose();
}
