using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Nut.Server.Tls;

/// <summary>
/// The outcome of reading upsd.conf's CERTFILE: the certificate (with its key and chain) ready for the TLS
/// handshake, or NUT's fatal message plus a reason a person can act on.
/// </summary>
public sealed record ServerCertificateResult(SslStreamCertificateContext? Context, string? Error, string? Reason)
{
    public bool Ok => Context is not null;

    public static ServerCertificateResult Success(SslStreamCertificateContext context) => new(context, null, null);
    public static ServerCertificateResult Failure(string error, string reason) => new(null, error, reason);
}

/// <summary>
/// CERTFILE as NUT's OpenSSL build reads it: one PEM file holding the server certificate, then any
/// intermediate certificates (SSL_CTX_use_certificate_chain_file: the first certificate is the server's), and
/// the private key (SSL_CTX_use_PrivateKey_file on the same file: the first key block, wherever it sits).
/// Failures carry NUT's fatal messages, which name the OpenSSL step, plus the reason in plain words.
/// Bad input never throws.
/// </summary>
public static class ServerCertificateFile
{
    /// <summary>A certificate chain and key are a few KiB; anything this big is not a certificate file.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>More certificates than any real chain has; stops a hostile file from costing much.</summary>
    public const int MaxChainCertificates = 16;

    const string RsaOid = "1.2.840.113549.1.1.1";
    const string EcOid = "1.2.840.10045.2.1";

    static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

    public static ServerCertificateResult Load(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                return ServerCertificateResult.Failure($"stat {path}: No such file or directory", "CERTFILE names a file that does not exist");
            if (info.Length > MaxFileBytes)
                return ChainFailure(path, $"the file is {info.Length} bytes long; a certificate file is at most {MaxFileBytes}");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ChainFailure(path, e is UnauthorizedAccessException ? "Permission denied" : e.Message);
        }
        return Parse(path, bytes);
    }

    /// <summary>Reads the PEM text of a CERTFILE; <paramref name="path"/> only names it in messages.</summary>
    public static ServerCertificateResult Parse(string path, ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxFileBytes)
            return ChainFailure(path, $"the file is {content.Length} bytes long; a certificate file is at most {MaxFileBytes}");
        string text = Encoding.Latin1.GetString(content);

        var certificates = new List<(byte[] Der, int Line)>();
        (string Label, string Pem, int Line)? key = null;
        int offset = 0;
        while (offset < text.Length && PemEncoding.TryFind(text.AsSpan(offset), out PemFields fields))
        {
            var block = text.AsSpan(offset);
            string label = block[fields.Label].ToString();
            int line = LineOf(text, offset + fields.Location.Start.Value);
            if (label == "CERTIFICATE")
            {
                if (certificates.Count == MaxChainCertificates)
                    return ChainFailure(path, $"line {line}: more than {MaxChainCertificates} certificates");
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(block[fields.Base64Data], der, out _))
                    return ChainFailure(path, $"line {line}: the certificate's base64 data does not decode");
                certificates.Add((der, line));
            }
            else if (key is null && Array.IndexOf(KeyLabels, label) >= 0)
            {
                key = (label, block[fields.Location].ToString(), line);
            }
            offset += fields.Location.End.Value;
        }

        if (certificates.Count == 0)
            return ChainFailure(path, "no certificate: expected a -----BEGIN CERTIFICATE----- block (the server's certificate first, then its chain)");

        var chain = new X509Certificate2Collection();
        X509Certificate2? leaf = null;
        try
        {
            foreach (var (der, line) in certificates)
            {
                try
                {
                    var certificate = X509CertificateLoader.LoadCertificate(der);
                    if (leaf is null) leaf = certificate;
                    else chain.Add(certificate);
                }
                catch (CryptographicException e)
                {
                    return ChainFailure(path, $"line {line}: not a valid X.509 certificate ({e.Message})");
                }
            }

            if (key is not { } k)
                return KeyFailure(path, "no private key: expected a -----BEGIN PRIVATE KEY----- block (or RSA/EC PRIVATE KEY)");
            if (k.Label == "ENCRYPTED PRIVATE KEY")
                return KeyFailure(path, $"line {k.Line}: the private key is encrypted, and upsd has no way to ask for a passphrase; store it unencrypted, readable only by upsd's user");

            var withKey = Pair(path, leaf!, k.Pem, k.Line, out var failure);
            if (withKey is null)
                return failure!;
            return ServerCertificateResult.Success(SslStreamCertificateContext.Create(withKey, chain, offline: true));
        }
        catch (CryptographicException e)
        {
            return ChainFailure(path, e.Message);
        }
        finally
        {
            leaf?.Dispose();
        }
    }

    /// <summary>Joins the key to the server certificate; null (and a failure) when it is unusable or not its key.</summary>
    static X509Certificate2? Pair(string path, X509Certificate2 leaf, string keyPem, int keyLine, out ServerCertificateResult? failure)
    {
        failure = null;
        string algorithm = leaf.GetKeyAlgorithm();
        if (algorithm is not (RsaOid or EcOid))
        {
            failure = ChainFailure(path, $"the certificate's key algorithm ({algorithm}) is not supported: use an RSA or ECDSA certificate");
            return null;
        }
        using AsymmetricAlgorithm? key = ImportKey(keyPem, algorithm == RsaOid);
        if (key is null)
        {
            // OpenSSL reads a key of any type and only then finds it is not the certificate's.
            using var other = ImportKey(keyPem, algorithm != RsaOid);
            failure = other is null
                ? KeyFailure(path, $"line {keyLine}: the private key cannot be read (expected an unencrypted RSA or EC key)")
                : CheckFailure(path, $"line {keyLine}: the private key does not belong to the first certificate (a key of another type)");
            return null;
        }
        try
        {
            return key is RSA rsa ? leaf.CopyWithPrivateKey(rsa) : leaf.CopyWithPrivateKey((ECDsa)key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            failure = CheckFailure(path, $"line {keyLine}: the private key does not belong to the first certificate");
            return null;
        }
    }

    /// <summary>The key as RSA or ECDSA; null when the PEM block is not a key of that kind.</summary>
    static AsymmetricAlgorithm? ImportKey(string keyPem, bool rsa)
    {
        AsymmetricAlgorithm key = rsa ? RSA.Create() : ECDsa.Create();
        try
        {
            key.ImportFromPem(keyPem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    static int LineOf(string text, int index)
    {
        int line = 1;
        for (int i = 0; i < index && i < text.Length; i++)
            if (text[i] == '\n') line++;
        return line;
    }

    static ServerCertificateResult ChainFailure(string path, string reason) =>
        ServerCertificateResult.Failure($"SSL_CTX_use_certificate_chain_file({path}) failed", reason);

    static ServerCertificateResult KeyFailure(string path, string reason) =>
        ServerCertificateResult.Failure($"SSL_CTX_use_PrivateKey_file({path}) failed", reason);

    static ServerCertificateResult CheckFailure(string path, string reason) =>
        ServerCertificateResult.Failure($"SSL_CTX_check_private_key({path}) failed", reason);
}
