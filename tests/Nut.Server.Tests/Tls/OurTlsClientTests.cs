using Nut.Testing;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// Our clients speaking TLS: upsmon verifying the server against CERTPATH (CERTVERIFY, FORCESSL) and
/// monitoring through TLS, refusing a server it cannot verify without a word in clear; upsc reading
/// through TLS from our upsd and from Debian's NSS upsd. Every connection goes through a
/// <see cref="RecordingProxy"/>, so what crossed the wire in clear is known.
/// </summary>
[Collection(TlsCollection.Name)]
public sealed class OurTlsClientTests(TestPki pki) : IDisposable
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

    Daemon StartOurUpsmon(int port, string tls)
    {
        var dir = _drivers.Dir;
        dir.Write("notify.sh", $"#!/bin/sh\necho \"$NOTIFYTYPE\" >> {dir["notify.log"]}\n");
        File.SetUnixFileMode(dir["notify.sh"], (UnixFileMode)Convert.ToInt32("755", 8));
        dir.Write("upsmon.conf", $"""
            MONITOR dev@localhost:{port} 1 mon monpw primary
            SHUTDOWNCMD "/bin/touch {dir["shutdown-called"]}"
            NOTIFYCMD {dir["notify.sh"]}
            NOTIFYFLAG ONBATT EXEC
            POLLFREQ 1
            POLLFREQALERT 1
            POWERDOWNFLAG {dir["killpower"]}
            {tls}
            """);
        File.SetUnixFileMode(dir["upsmon.conf"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = new Dictionary<string, string>(_drivers.Env) { ["NUT_PIDPATH"] = dir.FullPath };
        return Proc.Start(Paths.Ours("upsmon"), ["-F", "-p", "-f", dir["upsmon.conf"]], env, dir.FullPath);
    }


    [Fact]
    public async Task OurUpsmonVerifiesTheServerAndMonitorsThroughTls()
    {
        await using var upsd = await Ours($"CERTFILE {pki.ServerPem}");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartOurUpsmon(proxy.Port, $"CERTPATH {pki.CaPem}\nCERTVERIFY 1\nFORCESSL 1\n");
        upsmon.WaitUntil(() => upsd.Server.Clients.Any(c => c.Username == "mon" && c.LoggedInto is not null), "upsmon to log in");
        Assert.True(upsd.Server.Clients.Single(c => c.Username == "mon").IsTls, "upsmon logged in without TLS");

        using (var admin = new LineClient("127.0.0.1", upsd.Port))
        {
            Assert.Equal("OK", admin.Request("USERNAME admin"));
            Assert.Equal("OK", admin.Request("PASSWORD mypass"));
            Assert.Equal("OK", admin.Request("SET VAR dev ups.status OB"));
        }
        string log = _drivers.Dir["notify.log"];
        upsmon.WaitUntil(() => File.Exists(log) && File.ReadAllText(log).Contains("ONBATT"), "ONBATT through TLS");
        foreach (var sent in proxy.Sent)
        {
            Assert.StartsWith("STARTTLS\n\x16", sent); // then TLS records only
            Assert.DoesNotContain("monpw", sent);
        }
    }

    [Fact]
    public async Task OurUpsmonRefusesAServerItCannotVerifyAndSaysNothingInClear()
    {
        // The server's certificate comes from another CA than the one upsmon trusts.
        await using var upsd = await Ours($"CERTFILE {pki.StrangerServerPem}");
        using var proxy = new RecordingProxy(upsd.Port);
        using var upsmon = StartOurUpsmon(proxy.Port, $"CERTPATH {pki.CaPem}\nCERTVERIFY 1\nFORCESSL 1\n");
        var end = DateTime.UtcNow.AddSeconds(30);
        while (proxy.Connections < 3)
        {
            Assert.DoesNotContain(upsd.Server.Clients, c => c.Username is not null);
            if (upsmon.HasExited || DateTime.UtcNow > end)
                throw new TimeoutException($"our upsmon made {proxy.Connections} connection(s):\n{upsmon.Output}");
            Thread.Sleep(20);
        }
        Assert.DoesNotContain(upsd.Server.Clients, c => c.Username is not null);
        foreach (var sent in proxy.Sent)
        {
            Assert.DoesNotContain("USERNAME", sent);
            Assert.DoesNotContain("monpw", sent);
        }
        Assert.Contains("SSL handshake failed", upsmon.Output);
    }

    [Fact]
    public async Task OurUpscReadsThroughTlsFromOurUpsd()
    {
        await using var upsd = await Ours($"CERTFILE {pki.ServerPem}");
        using var proxy = new RecordingProxy(upsd.Port);
        var r = Proc.Run(Paths.Ours("upsc"), [$"dev@localhost:{proxy.Port}", "device.type"], timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("ats\n", r.Stdout);
        Assert.StartsWith("STARTTLS\n\x16", Assert.Single(proxy.Sent));
        Assert.DoesNotContain("GET VAR", proxy.Sent[0]);
    }

    [Fact]
    public void OurUpscReadsThroughTlsFromDebiansNssUpsd()
    {
        using var stack = new NutStack(Impl.Debian, Impl.Debian, [new StackUps("dev", DeviceFile)],
            extraUpsdConf: $"CERTPATH {pki.ServerNssDb}\nCERTIDENT \"{pki.ServerNssNickname}\" \"\"\n").Start();
        using var proxy = new RecordingProxy(stack.Port);
        var ours = Proc.Run(Paths.Ours("upsc"), [$"dev@localhost:{proxy.Port}"], timeout: TimeSpan.FromSeconds(20));
        var debians = Proc.Run(Paths.Debian("upsc"), [$"dev@localhost:{stack.Port}"], timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(debians.Stdout, ours.Stdout);
        Assert.StartsWith("STARTTLS\n\x16", Assert.Single(proxy.Sent));
        Assert.DoesNotContain("LIST VAR", proxy.Sent[0]);
    }

    public void Dispose() => _drivers.Dispose();
}
