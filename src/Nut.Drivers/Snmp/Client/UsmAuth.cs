using System.Security.Cryptography;

namespace Nut.Drivers.Snmp;

/// <summary>
/// USM message authentication: HMAC-MD5-96 and HMAC-SHA-96 (RFC 3414), HMAC-SHA-2 (RFC 7860: SHA-256 → 24 bytes,
/// SHA-384 → 32, SHA-512 → 48), computed over the whole message with the authentication parameters zeroed.
/// </summary>
public static class UsmAuth
{
    public static int MacLength(SnmpAuthProtocol p) => p switch
    {
        SnmpAuthProtocol.Md5 or SnmpAuthProtocol.Sha1 => 12,
        SnmpAuthProtocol.Sha256 => 24,
        SnmpAuthProtocol.Sha384 => 32,
        _ => 48,
    };

    public static byte[] Mac(SnmpAuthProtocol p, byte[] key, ReadOnlySpan<byte> message)
    {
        byte[] full = p switch
        {
            SnmpAuthProtocol.Md5 => HMACMD5.HashData(key, message),
            SnmpAuthProtocol.Sha1 => HMACSHA1.HashData(key, message),
            SnmpAuthProtocol.Sha256 => HMACSHA256.HashData(key, message),
            SnmpAuthProtocol.Sha384 => HMACSHA384.HashData(key, message),
            _ => HMACSHA512.HashData(key, message),
        };
        return full.AsSpan(0, MacLength(p)).ToArray();
    }

    /// <summary>Checks the MAC found at <paramref name="macOffset"/> of <paramref name="message"/>.</summary>
    public static bool Verify(SnmpAuthProtocol p, byte[] key, byte[] message, int macOffset, int macLength)
    {
        if (macLength != MacLength(p) || macOffset < 0 || macOffset + macLength > message.Length)
            return false;
        byte[] copy = (byte[])message.Clone();
        byte[] received = copy.AsSpan(macOffset, macLength).ToArray();
        copy.AsSpan(macOffset, macLength).Clear();
        return CryptographicOperations.FixedTimeEquals(Mac(p, key, copy), received);
    }
}
