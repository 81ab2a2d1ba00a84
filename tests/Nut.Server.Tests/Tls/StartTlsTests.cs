using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Nut.Core.Config;
using Nut.Platform.Tls;
using Nut.Server.Tls;
using Nut.Testing;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// STARTTLS on our upsd (in-process, set up from upsd.conf as at start-up): the reply, the handshake, the
/// protocol inside TLS, and what happens to clients that do not complete a handshake.
/// </summary>
[Collection(TlsCollection.Name)]
public sealed class StartTlsTests(TestPki pki) : IDisposable
{
    readonly TempDir _state = new("tls-state");

    const string UpsConf = "[dev]\n\tdriver = dummy-ups\n\tport = dev.dev\n";

    FakeDriver Driver() => new(Path.Combine(_state.FullPath, "dummy-ups-dev"),
        "SETINFO ups.status \"OL\"\nSETINFO battery.charge \"100\"\nSETINFO ups.mfr \"Test\"\nADDCMD load.off\n");

    Task<InProcessUpsd> Upsd(string conf, TimeProvider? clock = null) => InProcessUpsd.StartAsync(_state.FullPath, UpsConf, conf, clock);

    [Fact]
    public async Task WithoutCertfileStartTlsIsNotConfigured()
    {
        using var driver = Driver();
        await using var upsd = await Upsd("");
        upsd.WaitForData("dev");
        Assert.Null(ClientSession.TlsUpgrade);
        using var c = new TlsLineClient(upsd.Port);
        Assert.Equal("ERR FEATURE-NOT-CONFIGURED", await c.StartTlsAsync());
        Assert.Equal("VAR dev ups.status \"OL\"", c.Request("GET VAR dev ups.status"));
    }

    [Fact]
    public async Task NssDirectivesAloneLeaveTlsOff()
    {
        // Debian's own upsd.conf for its NSS build: our upsd keeps answering as an unconfigured one.
        using var driver = Driver();
        await using var upsd = await Upsd($"CERTPATH {pki.ServerNssDb}\nCERTIDENT {pki.ServerNssNickname} \"\"");
        using var c = new TlsLineClient(upsd.Port);
        Assert.Equal("ERR FEATURE-NOT-CONFIGURED", await c.StartTlsAsync());
    }

    [Fact]
    public async Task StartTlsThenTheWholeProtocolInsideTls()
    {
        using var driver = Driver();
        await using var upsd = await Upsd($"CERTFILE {pki.ServerPem}");
        upsd.WaitForData("dev");
        using var c = new TlsLineClient(upsd.Port);
        Assert.Equal("OK STARTTLS", await c.StartTlsAsync());
        Assert.NotNull(c.Tls);
        Assert.Equal(pki.Server.Thumbprint, c.Tls!.RemoteCertificate!.GetCertHashString());
        Assert.Equal("ERR ALREADY-SSL-MODE", c.Request("STARTTLS"));
        Assert.Equal("VAR dev ups.status \"OL\"", c.Request("GET VAR dev ups.status"));
        Assert.Equal("BEGIN LIST CMD dev\nCMD dev load.off\nEND LIST CMD dev\n", c.Exchange("LIST CMD dev"));
        Assert.Equal("OK", c.Request("USERNAME mon"));
        Assert.Equal("OK", c.Request("PASSWORD monpw"));
        Assert.Equal("OK", c.Request("LOGIN dev"));
        var client = Assert.Single(upsd.Server.Clients, s => s.Username == "mon");
        Assert.True(client.IsTls);
        Assert.Equal("OK Goodbye", c.Request("LOGOUT"));
        Assert.Equal("", c.ReadToEnd());
    }

    [Fact]
    public async Task VerifyingClientAcceptsTheCertificateForLocalhostAndTheAddress()
    {
        using var driver = Driver();
        await using var upsd = await Upsd($"CERTFILE {pki.ServerPem}");
        upsd.WaitForData("dev");
        var trusting = new TlsClientOptions(VerifyCertificate: true, TrustedRoots: [pki.Ca]);
        foreach (string host in new[] { "localhost", "127.0.0.1" })
        {
            using var c = new TlsLineClient(upsd.Port);
            Assert.Equal("OK STARTTLS", await c.StartTlsAsync(trusting, host));
            Assert.Equal("VAR dev ups.mfr \"Test\"", c.Request("GET VAR dev ups.mfr"));
        }
    }

    [Fact]
    public async Task VerifyingClientRejectsAStrangerOrTheWrongName()
    {
        using var driver = Driver();
        await using var upsd = await Upsd($"CERTFILE {pki.ServerPem}");
        var trustsStranger = new TlsClientOptions(VerifyCertificate: true, TrustedRoots: [pki.StrangerCa]);
        using (var c = new TlsLineClient(upsd.Port))
            await Assert.ThrowsAsync<AuthenticationException>(() => c.StartTlsAsync(trustsStranger));
        var trusting = new TlsClientOptions(VerifyCertificate: true, TrustedRoots: [pki.Ca]);
        using (var c = new TlsLineClient(upsd.Port))
            await Assert.ThrowsAsync<AuthenticationException>(() => c.StartTlsAsync(trusting, "ups.example.net"));
        // The server is unharmed.
        using var d = new TlsLineClient(upsd.Port);
        Assert.Equal("OK STARTTLS", await d.StartTlsAsync(trusting));
    }

    [Fact]
    public async Task PlainTextAfterOkStartTlsEndsTheConnectionWithoutAReply()
    {
        using var driver = Driver();
        await using var upsd = await Upsd($"CERTFILE {pki.ServerPem}");
        using var c = new LineClient("127.0.0.1", upsd.Port);
        Assert.Equal("OK STARTTLS", c.Request("STARTTLS"));
        c.Send("LIST UPS\n");
        var rest = new MemoryStream();
        c.Stream.CopyTo(rest); // until the server closes
        string text = Encoding.Latin1.GetString(rest.ToArray());
        Assert.DoesNotContain("UPS", text);
        Assert.True(rest.Length == 0 || rest.ToArray()[0] == 0x15, "expected nothing or a TLS alert record"); // as Debian's upsd
        using var d = new TlsLineClient(upsd.Port);
        Assert.Equal("OK STARTTLS", await d.StartTlsAsync());
    }

    [Fact]
    public async Task AClientStalledInTheHandshakeHoldsUpNobody()
    {
        using var driver = Driver();
        var clock = new ManualClock();
        await using var upsd = await Upsd($"CERTFILE {pki.ServerPem}", clock);
        upsd.WaitForData("dev");
        using var stalled = new LineClient("127.0.0.1", upsd.Port);
        Assert.Equal("OK STARTTLS", stalled.Request("STARTTLS"));
        // NUT's NSS build would block every client now; ours goes on serving.
        using var c = new TlsLineClient(upsd.Port);
        Assert.Equal("OK STARTTLS", await c.StartTlsAsync());
        Assert.Equal("VAR dev ups.status \"OL\"", c.Request("GET VAR dev ups.status"));
        // After the handshake time-out (virtual time) the stalled one is dropped.
        clock.Advance(ServerTlsUpgrade.DefaultHandshakeTimeout + TimeSpan.FromSeconds(1));
        stalled.Stream.ReadTimeout = 10_000;
        Assert.Equal(0, stalled.Stream.Read(new byte[16]));
    }

    [Fact]
    public async Task DisableWeakSslStillServesTls12AndTls13()
    {
        using var driver = Driver();
        await using var upsd = await Upsd($"CERTFILE {pki.ServerPem}\nDISABLE_WEAK_SSL 1");
        using var c = new TlsLineClient(upsd.Port);
        Assert.Equal("OK STARTTLS", await c.StartTlsAsync());
        Assert.True(c.Tls!.SslProtocol is SslProtocols.Tls12 or SslProtocols.Tls13, c.Tls.SslProtocol.ToString());
        using var raw = new TcpClient("127.0.0.1", upsd.Port);
        var stream = raw.GetStream();
        stream.Write("STARTTLS\n"u8);
        Assert.Equal("OK STARTTLS\n", ReadLine(stream));
        using var tls12 = new System.Net.Security.SslStream(stream, false, (_, _, _, _) => true);
        await tls12.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = SslProtocols.Tls12,
        });
        Assert.Equal(SslProtocols.Tls12, tls12.SslProtocol);
    }

    [Fact]
    public void ConfigureReportsAMissingCertfileAsNutDoes()
    {
        var conf = UpsdConf.Parse("upsd.conf", "CERTFILE /nonexistent/upsd.pem\n"u8);
        Assert.Equal("stat /nonexistent/upsd.pem: No such file or directory", UpsdTls.Configure(conf));
        Assert.Null(ClientSession.TlsUpgrade);
    }

    [Fact]
    public void ConfigureRefusesAnUnusableCertfile()
    {
        string path = _state.Write("cert-only.pem", pki.Server.ExportCertificatePem());
        var conf = UpsdConf.Parse("upsd.conf", Encoding.UTF8.GetBytes($"CERTFILE {path}\n"));
        Assert.Equal($"SSL_CTX_use_PrivateKey_file({path}) failed", UpsdTls.Configure(conf));
        Assert.Null(ClientSession.TlsUpgrade);
    }

    static string ReadLine(Stream s)
    {
        var sb = new StringBuilder();
        int b;
        while ((b = s.ReadByte()) >= 0)
        {
            sb.Append((char)b);
            if (b == '\n') break;
        }
        return sb.ToString();
    }

    public void Dispose() => _state.Dispose();
}
