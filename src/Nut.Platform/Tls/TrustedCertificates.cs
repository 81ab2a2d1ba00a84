using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nut.Platform.Tls;

/// <summary>The certificates read from a CERTPATH, and a message for each file that could not be used.</summary>
public sealed record TrustedCertificatesResult(X509Certificate2Collection Certificates, IReadOnlyList<string> Problems);

/// <summary>
/// A client's trusted roots from CERTPATH, as NUT's OpenSSL build takes it: a directory of PEM certificates
/// (OpenSSL's hashed-name links included; every file is read, each certificate counted once) or a single PEM
/// file. NUT's NSS build points CERTPATH at an NSS database instead (cert9.db): that is reported as a problem,
/// since its contents cannot be read here. Never throws on bad files.
/// </summary>
public static class TrustedCertificates
{
    /// <summary>A CA bundle is a few hundred KiB; larger files are skipped, not read.</summary>
    public const int MaxFileBytes = 4 << 20;

    /// <summary>Enough for any CA directory; more files than this are not read.</summary>
    public const int MaxFiles = 4096;

    public static TrustedCertificatesResult Load(string path)
    {
        var certificates = new X509Certificate2Collection();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            LoadFile(path, certificates, problems, seen, reportEmpty: true);
        }
        else if (Directory.Exists(path))
        {
            if (File.Exists(Path.Combine(path, "cert9.db")) || File.Exists(Path.Combine(path, "cert8.db")))
                problems.Add($"{path}: an NSS certificate database; put the trusted CA certificates there as PEM files instead");
            int count = 0;
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                if (++count > MaxFiles)
                {
                    problems.Add($"{path}: more than {MaxFiles} files; the rest were not read");
                    break;
                }
                LoadFile(file, certificates, problems, seen, reportEmpty: false);
            }
            if (certificates.Count == 0)
                problems.Add($"{path}: no PEM certificate in this directory");
        }
        else
        {
            problems.Add($"{path}: No such file or directory");
        }
        return new TrustedCertificatesResult(certificates, problems);
    }

    static void LoadFile(string file, X509Certificate2Collection into, List<string> problems, HashSet<string> seen, bool reportEmpty)
    {
        try
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                problems.Add($"{file}: larger than {MaxFileBytes} bytes; not read");
                return;
            }
            var found = new X509Certificate2Collection();
            found.ImportFromPemFile(file);
            foreach (var c in found)
            {
                if (seen.Add(c.Thumbprint))
                    into.Add(c);
                else
                    c.Dispose();
            }
            if (found.Count == 0 && reportEmpty)
                problems.Add($"{file}: no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            // Not a certificate file (databases, notes, keys): skipped, and named so a typo is visible.
            if (reportEmpty || e is not CryptographicException)
                problems.Add($"{file}: {(e is UnauthorizedAccessException ? "Permission denied" : e.Message)}");
        }
    }
}
