using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Nut.Testing;

namespace Nut.Server.Tests.Tls;

/// <summary>
/// Certificates for the TLS tests, made fresh for each run: a test CA, a server certificate it signed for
/// localhost / 127.0.0.1, and an unrelated CA (to prove verification rejects a stranger). Written as PEM
/// files for our upsd (CERTFILE) and as NSS databases (certutil, pk12util from libnss3-tools) for Debian's
/// NSS-built upsd (CERTPATH/CERTIDENT) and clients (upsmon CERTPATH).
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string ServerNickname = "nutsharp-upsd";
    const string P12Password = "p12pass";

    public TestPki()
    {
        Dir = new TempDir("tls-pki");
        Ca = MakeCa("NutSharp Test CA");
        StrangerCa = MakeCa("Somebody Else's CA");
        using var serverKey = RSA.Create(2048);
        Server = Issue(Ca, "localhost", serverKey);
        File.WriteAllText(CaPem, Ca.ExportCertificatePem() + "\n");
        // CERTFILE as NUT's OpenSSL build wants it: the certificate, its chain, the key.
        File.WriteAllText(ServerPem, Server.ExportCertificatePem() + "\n" + Ca.ExportCertificatePem() + "\n" + serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(ServerPem, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using var strangerKey = RSA.Create(2048);
        using var stranger = Issue(StrangerCa, "localhost", strangerKey);
        File.WriteAllText(StrangerServerPem, stranger.ExportCertificatePem() + "\n" + strangerKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(StrangerServerPem, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Debian's upsd: its own certificate and key in an NSS database.
        MakeNssDb(ServerNssDb);
        File.WriteAllBytes(Dir["server.p12"], Server.ExportPkcs12(Pkcs12ExportPbeParameters.Pkcs12TripleDesSha1, P12Password));
        Nss("pk12util", "-i", Dir["server.p12"], "-d", "sql:" + ServerNssDb, "-W", P12Password, "-K", "");
        Nss("certutil", "-A", "-d", "sql:" + ServerNssDb, "-n", "ca", "-t", "CT,,", "-i", CaPem);
        ServerNssNickname = FindUserCertificate(ServerNssDb);

        // Clients that verify (upsmon CERTVERIFY 1): a database trusting our CA, and one trusting only the stranger.
        MakeNssDb(ClientNssDb);
        Nss("certutil", "-A", "-d", "sql:" + ClientNssDb, "-n", "ca", "-t", "CT,,", "-i", CaPem);
        File.WriteAllText(Dir["stranger-ca.pem"], StrangerCa.ExportCertificatePem() + "\n");
        MakeNssDb(StrangerNssDb);
        Nss("certutil", "-A", "-d", "sql:" + StrangerNssDb, "-n", "ca", "-t", "CT,,", "-i", Dir["stranger-ca.pem"]);
    }

    public TempDir Dir { get; }
    public X509Certificate2 Ca { get; }
    public X509Certificate2 StrangerCa { get; }
    public X509Certificate2 Server { get; }

    /// <summary>Server certificate + CA + key, mode 0600: a CERTFILE.</summary>
    public string ServerPem => Dir["server.pem"];
    /// <summary>A CERTFILE whose certificate was signed by the stranger CA.</summary>
    public string StrangerServerPem => Dir["stranger-server.pem"];
    public string CaPem => Dir["ca.pem"];
    public string ServerNssDb => Dir["server-nss"];
    public string ServerNssNickname { get; }
    public string ClientNssDb => Dir["client-nss"];
    public string StrangerNssDb => Dir["stranger-nss"];

    static X509Certificate2 MakeCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    /// <summary>A server certificate for <paramref name="host"/> and 127.0.0.1, signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, string host, AsymmetricAlgorithm key)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest($"CN={host}", ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA keys only", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var signed = request.Create(ca.SubjectName, SignerOf(ca), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        return key switch
        {
            RSA rsa => signed.CopyWithPrivateKey(rsa),
            _ => signed.CopyWithPrivateKey((ECDsa)key),
        };
    }

    /// <summary>An intermediate CA under <paramref name="parent"/>.</summary>
    public static X509Certificate2 IssueCa(X509Certificate2 parent, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(parent, true, false));
        using var signed = request.Create(parent.SubjectName, SignerOf(parent), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(3), RandomNumberGenerator.GetBytes(8));
        return signed.CopyWithPrivateKey(key);
    }

    static X509SignatureGenerator SignerOf(X509Certificate2 ca) =>
        X509SignatureGenerator.CreateForRSA(ca.GetRSAPrivateKey()!, RSASignaturePadding.Pkcs1);

    static void MakeNssDb(string dir)
    {
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Nss("certutil", "-N", "-d", "sql:" + dir, "--empty-password");
    }

    /// <summary>The nickname NSS gave the imported server certificate (the one with a key: trust "u,u,u").</summary>
    string FindUserCertificate(string db)
    {
        var listing = Nss("certutil", "-L", "-d", "sql:" + db).Stdout;
        foreach (var line in listing.Split('\n'))
        {
            string t = line.TrimEnd();
            if (t.EndsWith("u,u,u", StringComparison.Ordinal))
                return t[..^"u,u,u".Length].Trim();
        }
        throw new InvalidOperationException("pk12util imported no certificate with a key:\n" + listing);
    }

    static ProcResult Nss(string tool, params string[] args)
    {
        string path = "/usr/bin/" + tool;
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: run scripts/install-test-deps.sh (it installs libnss3-tools).");
        var r = Proc.Run(path, args, timeout: TimeSpan.FromSeconds(60));
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {r}");
        return r;
    }

    public void Dispose()
    {
        Ca.Dispose();
        StrangerCa.Dispose();
        Server.Dispose();
        Dir.Dispose();
    }
}

/// <summary>
/// Every TLS test shares one PKI and runs in one collection, one test at a time: the STARTTLS hook
/// (<see cref="ClientSession.TlsUpgrade"/>) is process-wide, and an in-process upsd sets it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TlsCollection : ICollectionFixture<TestPki>
{
    public const string Name = "upsd TLS";
}
