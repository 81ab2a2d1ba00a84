using System.Security.Cryptography.X509Certificates;
using Nut.Client;
using Nut.Core.Config;
using Nut.Monitor.Common;
using Nut.Platform.Tls;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// upsmon's TLS policy from upsmon.conf: CERTVERIFY (check the server's certificate), FORCESSL (never talk in
/// clear), CERTPATH (the trusted roots: a PEM file or a directory of them, as NUT's OpenSSL build reads it)
/// and CERTHOST lines, which set both per server. STARTTLS is always tried, as NUT's TLS-enabled upsmon does;
/// a server without TLS is then used in clear unless FORCESSL applies to it.
/// </summary>
public sealed class UpsmonTls
{
    readonly bool _verify, _force;
    readonly X509Certificate2Collection? _roots;
    readonly List<(string Host, bool Verify, bool Force)> _hosts;

    UpsmonTls(bool verify, bool force, X509Certificate2Collection? roots, List<(string Host, bool Verify, bool Force)> hosts)
    {
        _verify = verify;
        _force = force;
        _roots = roots;
        _hosts = hosts;
    }

    /// <summary>Reads the TLS settings; each CERTPATH problem is logged (an NSS database cannot be read here).</summary>
    public static UpsmonTls From(UpsmonConf conf, IMonitorLog log)
    {
        X509Certificate2Collection? roots = null;
        if (conf.CertPath is { } path)
        {
            var loaded = TrustedCertificates.Load(path);
            foreach (var problem in loaded.Problems)
                log.Log(MonitorLogLevel.Warning, $"CERTPATH {path}: {problem}");
            if (loaded.Certificates.Count > 0)
                roots = loaded.Certificates;
            else if (conf.CertVerify || conf.CertHosts.Any(h => h.Verify))
                log.Log(MonitorLogLevel.Warning, $"CERTPATH {path}: no certificate to trust: servers are checked against the system's roots");
        }
        return new UpsmonTls(conf.CertVerify, conf.ForceSsl, roots,
            conf.CertHosts.Select(h => (h.Host, h.Verify, h.ForceSsl)).ToList());
    }

    /// <summary>For a connection to <paramref name="host"/>: whether TLS is required, and the handshake to use.</summary>
    public (bool Required, Func<NutConnection, string, CancellationToken, Task> Upgrade) For(string host)
    {
        bool verify = _verify, force = _force;
        foreach (var h in _hosts)
        {
            if (string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase))
            {
                verify = h.Verify;
                force = h.Force;
            }
        }
        var options = new TlsClientOptions(verify, _roots);
        return (force, NutClient.UpgradeWith(options));
    }
}
