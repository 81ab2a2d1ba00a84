namespace Nut.Drivers.Snmp;

/// <summary>USM authentication protocols snmp-ups offers (authProtocol=MD5|SHA|SHA256|SHA384|SHA512).</summary>
public enum SnmpAuthProtocol { Md5, Sha1, Sha256, Sha384, Sha512 }

/// <summary>USM privacy protocols snmp-ups offers (privProtocol=DES|AES|AES192|AES256).</summary>
public enum SnmpPrivProtocol { Des, Aes128, Aes192, Aes256 }

/// <summary>Parses protocol names as snmp-ups' options and net-snmp's -a/-x spell them (case does not matter).</summary>
public static class SnmpProtocolNames
{
    public static bool TryParseAuth(string? name, out SnmpAuthProtocol protocol)
    {
        switch (Squash(name))
        {
            case "MD5": protocol = SnmpAuthProtocol.Md5; return true;
            case "SHA": case "SHA1": protocol = SnmpAuthProtocol.Sha1; return true;
            case "SHA256": protocol = SnmpAuthProtocol.Sha256; return true;
            case "SHA384": protocol = SnmpAuthProtocol.Sha384; return true;
            case "SHA512": protocol = SnmpAuthProtocol.Sha512; return true;
            default: protocol = default; return false;
        }
    }

    public static bool TryParsePriv(string? name, out SnmpPrivProtocol protocol)
    {
        switch (Squash(name))
        {
            case "DES": protocol = SnmpPrivProtocol.Des; return true;
            case "AES": case "AES128": protocol = SnmpPrivProtocol.Aes128; return true;
            case "AES192": protocol = SnmpPrivProtocol.Aes192; return true;
            case "AES256": protocol = SnmpPrivProtocol.Aes256; return true;
            default: protocol = default; return false;
        }
    }

    /// <summary>Throws SnmpErrorException naming the accepted values.</summary>
    public static SnmpAuthProtocol ParseAuth(string? name) => TryParseAuth(name, out var p)
        ? p
        : throw new SnmpErrorException($"authProtocol '{name}' is not supported (expected MD5, SHA, SHA256, SHA384 or SHA512)");

    /// <summary>Throws SnmpErrorException naming the accepted values.</summary>
    public static SnmpPrivProtocol ParsePriv(string? name) => TryParsePriv(name, out var p)
        ? p
        : throw new SnmpErrorException($"privProtocol '{name}' is not supported (expected DES, AES, AES192 or AES256)");

    /// <summary>snmp-ups' secLevel values (noAuthNoPriv, authNoPriv, authPriv; case does not matter).</summary>
    public static SnmpSecurityLevel ParseSecurityLevel(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "noauthnopriv" => SnmpSecurityLevel.NoAuthNoPriv,
        "authnopriv" => SnmpSecurityLevel.AuthNoPriv,
        "authpriv" => SnmpSecurityLevel.AuthPriv,
        _ => throw new SnmpErrorException($"secLevel '{name}' is not supported (expected noAuthNoPriv, authNoPriv or authPriv)"),
    };

    /// <summary>"SHA-256", "sha256", " AES-128 " all become the same key.</summary>
    static string Squash(string? name) => (name ?? "").Trim().Replace("-", "").Replace("_", "").ToUpperInvariant();
}
