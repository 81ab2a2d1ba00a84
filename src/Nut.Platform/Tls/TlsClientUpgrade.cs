using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Nut.Platform.Tls;

/// <summary>
/// How a NUT client checks the server's certificate (upsmon.conf CERTVERIFY / CERTPATH; NUT's clients default
/// to no verification, which is what upsc and upslog use).
/// </summary>
/// <param name="VerifyCertificate">CERTVERIFY 1: the certificate must chain to a trusted root and name the host
/// the client connected to. False: any certificate is accepted (encryption without authentication).</param>
/// <param name="TrustedRoots">The roots to trust when verifying (from CERTPATH, see
/// <see cref="TrustedCertificates"/>); null or empty: the system's roots.</param>
public sealed record TlsClientOptions(bool VerifyCertificate = false, X509Certificate2Collection? TrustedRoots = null)
{
    /// <summary>NUT's default: try TLS, accept whatever certificate the server shows.</summary>
    public static TlsClientOptions NoVerification { get; } = new();
}

/// <summary>
/// The client side of STARTTLS: after the server answered "OK STARTTLS", the TLS handshake over the same
/// connection. Generic over any stream so every client (Nut.Client's hook, tests, tools) shares one
/// implementation. A client that requires TLS must treat any exception here as the end of the connection:
/// nothing may follow in clear text.
/// </summary>
public static class TlsClientUpgrade
{
    /// <summary>
    /// Runs the handshake for <paramref name="host"/> (the name or address the client connected to: it is sent
    /// as SNI when it is a name and checked against the certificate when verifying). Returns the encrypted
    /// stream, which owns <paramref name="inner"/>. Throws <see cref="AuthenticationException"/> when the
    /// handshake fails or the certificate is rejected, <see cref="IOException"/> when the connection breaks,
    /// <see cref="OperationCanceledException"/> when <paramref name="ct"/> fires; <paramref name="inner"/> is
    /// disposed in every failure case.
    /// </summary>
    public static async Task<SslStream> UpgradeAsync(Stream inner, string host, TlsClientOptions options, CancellationToken ct = default)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        var sslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Accept(options, certificate, errors),
        };
        if (options.VerifyCertificate && options.TrustedRoots is { Count: > 0 } roots)
        {
            // Trust exactly the configured roots, not the system's, as NUT does with its own certificate store.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            sslOptions.CertificateChainPolicy = policy;
        }
        try
        {
            await tls.AuthenticateAsClientAsync(sslOptions, ct).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The verification decision. Without verification everything is accepted (NUT's CERTVERIFY 0); with it,
    /// any chain or name error rejects the server.
    /// </summary>
    public static bool Accept(TlsClientOptions options, X509Certificate? certificate, SslPolicyErrors errors) =>
        !options.VerifyCertificate || (certificate is not null && errors == SslPolicyErrors.None);
}
