using Nut.Testing;

namespace Nut.Server.Tests.Tls;

/// <summary>The installed upsd (our executable, not in-process) reads CERTFILE from upsd.conf at start-up.</summary>
[Collection(TlsCollection.Name)]
public sealed class UpsdProcessTlsTests(TestPki pki)
{
    static string Device => Path.Combine(Paths.TestData, "ddl", "APC", "APC__AP7724__snmp-ups__2.7.4.1__01.dev");

    [Fact]
    public async Task CertfileInUpsdConfTurnsStartTlsOn()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device)],
            extraUpsdConf: $"CERTFILE {pki.ServerPem}\nDISABLE_WEAK_SSL true\n").Start();
        using var c = new TlsLineClient(stack.Port);
        Assert.Equal("OK STARTTLS", await c.StartTlsAsync());
        Assert.Equal(pki.Server.Thumbprint, c.Tls!.RemoteCertificate!.GetCertHashString());
        Assert.StartsWith("VAR dev ups.status ", c.Request("GET VAR dev ups.status"));
    }

    [Fact]
    public void AMissingCertfileIsFatalAndNamed()
    {
        using var stack = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device)],
            extraUpsdConf: "CERTFILE /nonexistent/upsd.pem\n");
        var r = stack.Run(Paths.Ours("upsd"), "-u", "root", "-F");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("stat /nonexistent/upsd.pem: No such file or directory", r.Stderr);
    }
}
