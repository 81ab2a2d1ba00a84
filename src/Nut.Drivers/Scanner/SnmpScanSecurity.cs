using Nut.Drivers.Snmp;

namespace Nut.Drivers.Scanner;

/// <summary>
/// The SNMP options of nut-scanner (-c, -l, -u, -w, -W, -x, -X) and how NUT turns them into a session: v1 with the
/// community (default public) unless -l is given without -c, then v3 checked as NUT checks it, with NUT's messages.
/// </summary>
public sealed record SnmpScanSecurity(string? Community = null, string? SecLevel = null, string? SecName = null,
    string? AuthPassword = null, string? PrivPassword = null, string? AuthProtocol = null, string? PrivProtocol = null)
{
    public bool IsV3 => Community is null && SecLevel is not null;

    static readonly string[] AuthProtocols = ["MD5", "SHA", "SHA256", "SHA384", "SHA512"];
    static readonly string[] PrivProtocols = ["DES", "AES", "AES192", "AES256"];

    /// <summary>The client settings for one agent, or null and the message NUT prints (once per address, as NUT does).</summary>
    public SnmpSettings? Settings(string peer, TimeSpan timeout, out string? error)
    {
        error = null;
        if (!IsV3)
            return new SnmpSettings(peer, SnmpVersion.V1, Community ?? "public", Timeout: timeout, Retries: 0);
        var level = SecLevel switch
        {
            "noAuthNoPriv" => SnmpSecurityLevel.NoAuthNoPriv,
            "authNoPriv" => SnmpSecurityLevel.AuthNoPriv,
            "authPriv" => SnmpSecurityLevel.AuthPriv,
            _ => (SnmpSecurityLevel?)null,
        };
        if (level is null)
            error = $"Bad SNMPv3 securityLevel: {SecLevel}";
        else if (SecName is null)
            error = "securityName is required for SNMPv3";
        else if (level == SnmpSecurityLevel.AuthNoPriv && AuthPassword is null)
            error = $"authPassword is required for SNMPv3 in {SecLevel} mode";
        else if (level == SnmpSecurityLevel.AuthPriv && (AuthPassword is null || PrivPassword is null))
            error = $"authPassword and privPassword are required for SNMPv3 in {SecLevel} mode";
        else if (level != SnmpSecurityLevel.NoAuthNoPriv && AuthProtocol is not null && !AuthProtocols.Contains(AuthProtocol))
            error = $"Bad SNMPv3 authProtocol: {AuthProtocol}";
        else if (level == SnmpSecurityLevel.AuthPriv && PrivProtocol is not null && !PrivProtocols.Contains(PrivProtocol))
            error = $"Bad SNMPv3 privProtocol: {PrivProtocol}";
        if (error is not null)
            return null;
        return new SnmpSettings(peer, SnmpVersion.V3, Community: "", SecurityLevel: level!.Value, SecurityName: SecName,
            AuthProtocol: AuthProtocol ?? "MD5", AuthPassword: AuthPassword, PrivProtocol: PrivProtocol ?? "DES",
            PrivPassword: PrivPassword, Timeout: timeout, Retries: 0);
    }

    /// <summary>The section lines after <c>mibs</c>: the v3 options given on the command line, or the community.</summary>
    public IEnumerable<(string Name, string? Value)> SectionOptions()
    {
        if (!IsV3)
        {
            yield return ("community", Community ?? "public");
            yield break;
        }
        yield return ("snmp_version", "v3");
        if (SecLevel is not null) yield return ("secLevel", SecLevel);
        if (SecName is not null) yield return ("secName", SecName);
        if (AuthPassword is not null) yield return ("authPassword", AuthPassword);
        if (PrivPassword is not null) yield return ("privPassword", PrivPassword);
        if (AuthProtocol is not null) yield return ("authProtocol", AuthProtocol);
        if (PrivProtocol is not null) yield return ("privProtocol", PrivProtocol);
    }
}
