using Nut.Core.Config;
using Nut.Platform;

namespace Nut.Server.Tls;

/// <summary>
/// upsd's TLS set-up (NUT's ssl_init), from upsd.conf: CERTFILE names one PEM file with the certificate chain
/// and the private key, as NUT's OpenSSL build reads it; DISABLE_WEAK_SSL limits the protocol versions. With a
/// usable CERTFILE, STARTTLS answers "OK STARTTLS" and the connection continues in TLS; without CERTFILE it
/// answers ERR FEATURE-NOT-CONFIGURED, as Debian's stock upsd does.
/// </summary>
/// <remarks>
/// Run once at start-up, after privileges are dropped (the key must be readable by upsd's user, as in NUT).
/// A reload does not change TLS, as in NUT. CERTPATH/CERTIDENT/CERTREQUEST belong to NUT's NSS build (an NSS
/// certificate database, which this upsd cannot read): they are named in a warning and otherwise ignored.
/// </remarks>
public static class UpsdTls
{
    public const string WeakSslWarning = "Warning: DISABLE_WEAK_SSL is not enabled. Please consider enabling to improve network security.";

    public const string NssDirectivesWarning =
        "CERTPATH/CERTIDENT configure an NSS certificate database (NUT's NSS build), which this upsd cannot read: "
        + "use CERTFILE with a PEM file holding the certificate and its private key. STARTTLS is not available.";

    /// <summary>
    /// Sets up TLS from <paramref name="conf"/> and installs (or removes) the STARTTLS hook. Returns null on
    /// success, or the fatal message (upsd exits with status 1 after logging it).
    /// </summary>
    public static string? Configure(UpsdConf conf, TimeProvider? clock = null)
    {
        ClientSession.TlsUpgrade = null;
        if (conf.CertFile is not { } certFile)
        {
            if (conf.CertPath is not null || conf.CertIdent is not null)
                NutLog.Warning(NssDirectivesWarning);
            return null;
        }

        // NUT's check_perms: the file must exist; others should not be able to read a private key.
        if (!File.Exists(certFile))
            return $"stat {certFile}: No such file or directory";
        if (IsReadableByOthers(certFile))
            NutLog.Warning($"{certFile} is world readable");
        if (!conf.DisableWeakSsl)
            NutLog.Warning(WeakSslWarning);

        var result = ServerCertificateFile.Load(certFile);
        if (!result.Ok)
        {
            NutLog.Error($"{certFile}: {result.Reason}");
            return result.Error;
        }
        var upgrade = new ServerTlsUpgrade(result.Context!, conf.DisableWeakSsl, clock ?? TimeProvider.System);
        ClientSession.TlsUpgrade = upgrade.UpgradeAsync;
        return null;
    }

    /// <summary>NUT warns when others may read or search the file (S_IROTH | S_IXOTH).</summary>
    static bool IsReadableByOthers(string path)
    {
        try
        {
            return (File.GetUnixFileMode(path) & (UnixFileMode.OtherRead | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
