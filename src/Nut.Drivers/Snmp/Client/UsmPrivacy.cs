using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Nut.Drivers.Snmp;

/// <summary>
/// USM privacy: CBC-DES (RFC 3414 8.1: key = first 8 bytes of the localized key, IV = its last 8 XOR the salt)
/// and CFB128-AES (RFC 3826: IV = engineBoots || engineTime || 64-bit salt; AES-192/256 use the extended key).
/// </summary>
public static class UsmPrivacy
{
    public static int KeyLength(SnmpPrivProtocol p) => p switch
    {
        SnmpPrivProtocol.Des => 16, // 8 key + 8 pre-IV
        SnmpPrivProtocol.Aes128 => 16,
        SnmpPrivProtocol.Aes192 => 24,
        _ => 32,
    };

    public static byte[] Encrypt(SnmpPrivProtocol p, byte[] key, int boots, int time, byte[] salt, byte[] plain)
    {
        if (p == SnmpPrivProtocol.Des)
        {
            // DES needs whole 8-byte blocks; the receiver ignores trailing bytes after the scoped PDU.
            byte[] padded = new byte[(plain.Length + 7) / 8 * 8];
            plain.CopyTo(padded, 0);
            using var des = DES.Create();
            des.Key = key.AsSpan(0, 8).ToArray();
            return des.EncryptCbc(padded, DesIv(key, salt), PaddingMode.None);
        }
        return Cfb(p, key, boots, time, salt, plain, encrypt: true);
    }

    /// <summary>
    /// CFB128 is a stream mode: RFC 3826 sends exactly as many bytes as the plaintext has. .NET wants whole blocks,
    /// so the input is zero-padded to one and the output cut back (each output block depends only on the blocks before).
    /// </summary>
    static byte[] Cfb(SnmpPrivProtocol p, byte[] key, int boots, int time, byte[] salt, byte[] input, bool encrypt)
    {
        byte[] padded = new byte[(input.Length + 15) / 16 * 16];
        input.CopyTo(padded, 0);
        using var aes = Aes.Create();
        aes.Key = key.AsSpan(0, KeyLength(p)).ToArray();
        byte[] iv = AesIv(boots, time, salt);
        byte[] output = encrypt ? aes.EncryptCfb(padded, iv, PaddingMode.None, 128) : aes.DecryptCfb(padded, iv, PaddingMode.None, 128);
        return output.AsSpan(0, input.Length).ToArray();
    }

    /// <summary>Throws SnmpErrorException("decryption error ...") when the ciphertext cannot be decrypted.</summary>
    public static byte[] Decrypt(SnmpPrivProtocol p, byte[] key, int boots, int time, byte[] salt, byte[] cipher)
    {
        if (salt.Length != 8)
            throw new SnmpErrorException($"decryption error: privacy parameters of {salt.Length} bytes, expected 8");
        try
        {
            if (p == SnmpPrivProtocol.Des)
            {
                if (cipher.Length % 8 != 0)
                    throw new SnmpErrorException($"decryption error: DES ciphertext of {cipher.Length} bytes is not whole 8-byte blocks");
                using var des = DES.Create();
                des.Key = key.AsSpan(0, 8).ToArray();
                return des.DecryptCbc(cipher, DesIv(key, salt), PaddingMode.None);
            }
            return Cfb(p, key, boots, time, salt, cipher, encrypt: false);
        }
        catch (CryptographicException e)
        {
            throw new SnmpErrorException("decryption error: " + e.Message);
        }
    }

    static byte[] DesIv(byte[] key, byte[] salt)
    {
        var iv = new byte[8];
        for (int i = 0; i < 8; i++)
            iv[i] = (byte)(key[8 + i] ^ salt[i]);
        return iv;
    }

    static byte[] AesIv(int boots, int time, byte[] salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(iv, boots);
        BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), time);
        salt.CopyTo(iv, 8);
        return iv;
    }
}
