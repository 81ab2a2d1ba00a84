using System.Security.Cryptography;
using System.Text;
using Nut.Server.Tls;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// CERTFILE as NUT's OpenSSL build reads it: certificate first, chain after, key anywhere in the same PEM file;
/// and the fatal message for each way it can be unusable (naming the OpenSSL step, as NUT does), with a reason.
/// </summary>
[Collection(TlsCollection.Name)]
public sealed class ServerCertificateFileTests(TestPki pki)
{
    const string File = "/etc/nut/upsd.pem";

    static ServerCertificateResult Parse(string pem) => ServerCertificateFile.Parse(File, Encoding.ASCII.GetBytes(pem));

    [Fact]
    public void CertificateChainThenKey()
    {
        var r = ServerCertificateFile.Load(pki.ServerPem);
        Assert.True(r.Ok, r.Reason);
        Assert.Equal(pki.Server.Thumbprint, r.Context!.TargetCertificate.Thumbprint);
        Assert.True(r.Context.TargetCertificate.HasPrivateKey);
    }

    [Fact]
    public void KeyBeforeCertificateAndPkcs1RsaKey()
    {
        using var key = RSA.Create(2048);
        using var cert = TestPki.Issue(pki.Ca, "localhost", key);
        var r = Parse(key.ExportRSAPrivateKeyPem() + "\n" + cert.ExportCertificatePem() + "\n");
        Assert.True(r.Ok, r.Reason);
        Assert.Equal(cert.Thumbprint, r.Context!.TargetCertificate.Thumbprint);
    }

    [Fact]
    public void EcdsaCertificateWithSec1Key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.Issue(pki.Ca, "localhost", key);
        var r = Parse(cert.ExportCertificatePem() + "\n" + key.ExportECPrivateKeyPem() + "\n");
        Assert.True(r.Ok, r.Reason);
    }

    [Fact]
    public void TextAroundTheBlocksIsIgnored()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.Issue(pki.Ca, "localhost", key);
        var r = Parse("Bag Attributes\n  friendlyName: upsd\nsubject=CN=localhost\n" + cert.ExportCertificatePem()
            + "\n# the key\n" + key.ExportPkcs8PrivateKeyPem() + "\ntrailing words\n");
        Assert.True(r.Ok, r.Reason);
    }

    [Fact]
    public void MissingFile()
    {
        var r = ServerCertificateFile.Load("/nonexistent/upsd.pem");
        Assert.False(r.Ok);
        Assert.Equal("stat /nonexistent/upsd.pem: No such file or directory", r.Error);
    }

    [Fact]
    public void NoCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var r = Parse(key.ExportPkcs8PrivateKeyPem());
        Assert.Equal($"SSL_CTX_use_certificate_chain_file({File}) failed", r.Error);
        Assert.Contains("no certificate", r.Reason);
        Assert.Equal(r.Error, Parse("").Error);
        Assert.Equal(r.Error, Parse("not a PEM file at all\n\x01\x02").Error);
    }

    [Fact]
    public void DamagedCertificate()
    {
        var r = Parse("-----BEGIN CERTIFICATE-----\nTWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu\n-----END CERTIFICATE-----\n");
        Assert.Equal($"SSL_CTX_use_certificate_chain_file({File}) failed", r.Error);
        Assert.Contains("line 1: not a valid X.509 certificate", r.Reason);
    }

    [Fact]
    public void NoKey()
    {
        var r = Parse(pki.Server.ExportCertificatePem());
        Assert.Equal($"SSL_CTX_use_PrivateKey_file({File}) failed", r.Error);
        Assert.Contains("no private key", r.Reason);
    }

    [Fact]
    public void EncryptedKeyIsRefusedWithAReason()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.Issue(pki.Ca, "localhost", key);
        string encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("secret",
            new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));
        var r = Parse(cert.ExportCertificatePem() + "\n" + encrypted);
        Assert.Equal($"SSL_CTX_use_PrivateKey_file({File}) failed", r.Error);
        Assert.Contains("encrypted", r.Reason);
    }

    [Fact]
    public void KeyOfAnotherCertificate()
    {
        using var other = RSA.Create(2048);
        var r = Parse(pki.Server.ExportCertificatePem() + "\n" + other.ExportPkcs8PrivateKeyPem());
        Assert.Equal($"SSL_CTX_check_private_key({File}) failed", r.Error);
        Assert.Contains("does not belong to the first certificate", r.Reason);
    }

    [Fact]
    public void KeyOfAnotherType()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var r = Parse(pki.Server.ExportCertificatePem() + "\n" + ec.ExportPkcs8PrivateKeyPem());
        Assert.Equal($"SSL_CTX_check_private_key({File}) failed", r.Error);
    }

    [Fact]
    public void CertificateOrderMatters()
    {
        // The chain file's first certificate is the server's: the CA first means the key belongs to the wrong one.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.Issue(pki.Ca, "localhost", key);
        var r = Parse(pki.Ca.ExportCertificatePem() + "\n" + cert.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        Assert.Equal($"SSL_CTX_check_private_key({File}) failed", r.Error);
    }

    [Fact]
    public void UnreadableKey()
    {
        var r = Parse(pki.Server.ExportCertificatePem() + "\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Assert.Equal($"SSL_CTX_use_PrivateKey_file({File}) failed", r.Error);
        Assert.Contains("line ", r.Reason);
    }

    [Fact]
    public void OversizedFile()
    {
        var r = ServerCertificateFile.Parse(File, new byte[ServerCertificateFile.MaxFileBytes + 1]);
        Assert.Equal($"SSL_CTX_use_certificate_chain_file({File}) failed", r.Error);
    }

    [Fact]
    public void TooManyCertificates()
    {
        var pem = new StringBuilder();
        for (int i = 0; i <= ServerCertificateFile.MaxChainCertificates; i++)
            pem.Append(pki.Ca.ExportCertificatePem()).Append('\n');
        var r = Parse(pem.ToString());
        Assert.Equal($"SSL_CTX_use_certificate_chain_file({File}) failed", r.Error);
        Assert.Contains($"more than {ServerCertificateFile.MaxChainCertificates} certificates", r.Reason);
    }

    [Fact]
    public void IntermediatesAreSentInTheHandshake()
    {
        using var intermediate = TestPki.IssueCa(pki.Ca, "NutSharp Intermediate");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = TestPki.Issue(intermediate, "localhost", key);
        var r = Parse(cert.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n" + pki.Ca.ExportCertificatePem()
            + "\n" + key.ExportPkcs8PrivateKeyPem());
        Assert.True(r.Ok, r.Reason);
        // The self-signed root is left out: a client must already have it to trust it.
        Assert.Equal([intermediate.Thumbprint], r.Context!.IntermediateCertificates.Select(c => c.Thumbprint));
    }
}
