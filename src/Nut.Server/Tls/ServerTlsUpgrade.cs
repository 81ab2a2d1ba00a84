using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Nut.Platform;

namespace Nut.Server.Tls;

/// <summary>
/// The server side of STARTTLS: after upsd has answered "OK STARTTLS", the TLS handshake on the same socket.
/// One instance serves every connection (the certificate context is shared, so a handshake costs no
/// certificate work). Plugged into <see cref="ClientSession.TlsUpgrade"/> by <see cref="UpsdTls"/>.
/// </summary>
/// <remarks>
/// NUT's NSS build does the handshake synchronously, so one client that says STARTTLS and then nothing
/// stalls the whole server; here each handshake is asynchronous and bounded by <see cref="HandshakeTimeout"/>.
/// A failed handshake closes that connection only, as in NUT (the peer gets the TLS alert, never a NUT reply).
/// </remarks>
public sealed class ServerTlsUpgrade
{
    /// <summary>How long a client may take to complete the handshake after "OK STARTTLS".</summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    readonly SslServerAuthenticationOptions _options;
    readonly TimeProvider _clock;

    /// <param name="certificate">The server certificate with its key and chain (CERTFILE).</param>
    /// <param name="disableWeakSsl">upsd.conf DISABLE_WEAK_SSL: TLS 1.2 and 1.3 only. Otherwise the system's
    /// OpenSSL policy decides (on Debian 12 that is also TLS 1.2 and up: SSLv3, TLS 1.0 and 1.1 are refused).</param>
    /// <param name="clock">Times the handshake (tests use virtual time).</param>
    /// <param name="handshakeTimeout">Defaults to <see cref="DefaultHandshakeTimeout"/>.</param>
    public ServerTlsUpgrade(SslStreamCertificateContext certificate, bool disableWeakSsl, TimeProvider clock, TimeSpan? handshakeTimeout = null)
    {
        _clock = clock;
        HandshakeTimeout = handshakeTimeout ?? DefaultHandshakeTimeout;
        _options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate,
            // NUT's OpenSSL build does not ask clients for certificates (SSL_VERIFY_NONE).
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            EnabledSslProtocols = disableWeakSsl ? SslProtocols.Tls12 | SslProtocols.Tls13 : SslProtocols.None,
            // Renegotiation would let a client restart the costly part of the handshake at will.
            AllowRenegotiation = false,
        };
    }

    public TimeSpan HandshakeTimeout { get; }

    /// <summary>
    /// Runs the handshake as server over <paramref name="inner"/> and returns the encrypted stream, which owns
    /// <paramref name="inner"/> from then on. Throws <see cref="IOException"/> when the handshake fails or
    /// times out (the caller drops the connection).
    /// </summary>
    public async Task<Stream> UpgradeAsync(Stream inner, CancellationToken ct)
    {
        string peer = PeerAddress(inner);
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(HandshakeTimeout, _clock);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await tls.AuthenticateAsServerAsync(_options, both.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            string reason = timeout.IsCancellationRequested ? $"no handshake within {HandshakeTimeout.TotalSeconds:0} s" : e.Message;
            NutLog.Debug(1, $"SSL handshake with client {peer} failed: {reason}");
            if (ct.IsCancellationRequested)
                throw;
            throw new IOException($"SSL handshake with client {peer} failed: {reason}", e);
        }
        // Debian's (NSS) upsd logs this line for every TLS client.
        NutLog.Info($"SSL handshake done successfully with client {peer}");
        NutLog.Debug(3, $"SSL connected ({tls.SslProtocol})");
        return tls;
    }

    static string PeerAddress(Stream inner)
    {
        try
        {
            if (inner is NetworkStream { Socket.RemoteEndPoint: IPEndPoint ip })
                return (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString();
        }
        catch (ObjectDisposedException) { }
        return "unknown";
    }
}
