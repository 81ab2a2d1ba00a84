using System.Security.Cryptography;
using System.Text;

namespace Nut.Drivers.Snmp;

/// <summary>
/// USM key material: RFC 3414 A.2 password-to-key (hash of the password repeated to 1 MiB), localisation
/// Kul = H(Ku || engineID || Ku), and the key extension for AES-192/256. net-snmp 5.9 (Debian's, as shipped with
/// AES-192/AES-256 in its -x list) extends short keys as draft-blumenthal-aes-usm-04 says: append H(key so far)
/// until long enough; the Cisco/Reeder variant (net-snmp's "AES-192-C") is not offered by snmp-ups.
/// </summary>
public static class UsmKeys
{
    /// <summary>net-snmp refuses pass phrases shorter than this (USM_LENGTH_P_MIN); so do we, with a clear message.</summary>
    public const int MinPasswordLength = 8;

    const int PasswordExpansion = 1 << 20;

    public static byte[] Hash(SnmpAuthProtocol p, ReadOnlySpan<byte> data) => p switch
    {
        SnmpAuthProtocol.Md5 => MD5.HashData(data),
        SnmpAuthProtocol.Sha1 => SHA1.HashData(data),
        SnmpAuthProtocol.Sha256 => SHA256.HashData(data),
        SnmpAuthProtocol.Sha384 => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    public static HashAlgorithmName HashName(SnmpAuthProtocol p) => p switch
    {
        SnmpAuthProtocol.Md5 => HashAlgorithmName.MD5,
        SnmpAuthProtocol.Sha1 => HashAlgorithmName.SHA1,
        SnmpAuthProtocol.Sha256 => HashAlgorithmName.SHA256,
        SnmpAuthProtocol.Sha384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    /// <summary>Ku: the hash of the password repeated to 1 MiB.</summary>
    public static byte[] PasswordToKey(SnmpAuthProtocol p, string password)
    {
        byte[] pw = Encoding.UTF8.GetBytes(password);
        if (pw.Length == 0)
            throw new SnmpErrorException("an SNMPv3 password must not be empty");
        using var h = IncrementalHash.CreateHash(HashName(p));
        byte[] chunk = new byte[64 * 1024];
        // 64 KiB is not a multiple of every password length, so each chunk is built from the running offset.
        long done = 0;
        while (done < PasswordExpansion)
        {
            int n = (int)Math.Min(chunk.Length, PasswordExpansion - done);
            for (int i = 0; i < n; i++)
                chunk[i] = pw[(int)((done + i) % pw.Length)];
            h.AppendData(chunk, 0, n);
            done += n;
        }
        return h.GetHashAndReset();
    }

    /// <summary>Kul = H(Ku || engineID || Ku).</summary>
    public static byte[] Localize(SnmpAuthProtocol p, byte[] ku, byte[] engineId)
    {
        var buf = new byte[ku.Length * 2 + engineId.Length];
        ku.CopyTo(buf, 0);
        engineId.CopyTo(buf, ku.Length);
        ku.CopyTo(buf, ku.Length + engineId.Length);
        return Hash(p, buf);
    }

    /// <summary>Blumenthal extension to <paramref name="length"/> bytes (a no-op when the key is long enough).</summary>
    public static byte[] Extend(SnmpAuthProtocol p, byte[] kul, int length)
    {
        var key = new List<byte>(kul);
        while (key.Count < length)
            key.AddRange(Hash(p, key.ToArray()));
        return key.Take(length).ToArray();
    }
}
