using System.Globalization;
using Nut.Drivers.Host;

namespace Nut.Drivers.Snmp;

/// <summary>snmp-ups' ups.conf / -x settings, parsed and checked with NUT's messages (nut_snmp_init, upsdrv_initups).</summary>
public sealed record SnmpUpsOptions(SnmpSettings Snmp, string Mibs, int PollFreq, int SemistaticFreq, bool NoTransferOids,
    bool SymmetraThreePhase, int? OnDelay, int? OffDelay)
{
    public const int DefaultPollFreq = 30, DefaultSemistaticFreq = 10, DefaultRetries = 5, DefaultTimeoutSeconds = 1;

    /// <summary>The settings as <c>-h</c> and <c>-L</c> list them, in NUT's order and words.</summary>
    public static IReadOnlyList<DriverSetting> Table { get; } =
    [
        new("mibs", "NOTE: You can run the driver binary with '-x mibs=--list' for an up to date listing)\n"
            + "Set MIB compliance (default=ietf, allowed: mge,apcc,netvision,pw,cpqpower,...)", IsFlag: false),
        new("community", "Set community name (default=public)", IsFlag: false, Sensitive: true),
        new("snmp_version", "Set SNMP version (default=v1, allowed: v2c,v3)", IsFlag: false),
        new("pollfreq", "Set polling frequency in seconds, to reduce network flow (default=30)", IsFlag: false),
        new("semistaticfreq", "Set semistatic value update frequency in update cycles, to reduce network flow (default=10)", IsFlag: false),
        new("snmp_retries", "Specifies the number of Net-SNMP retries to be used in the requests (default=5)", IsFlag: false),
        new("snmp_timeout", "Specifies the Net-SNMP timeout in seconds between retries (default=1)", IsFlag: false),
        new("notransferoids", "Disable transfer OIDs (use on APCC Symmetras)", IsFlag: true),
        new("symmetrathreephase", "Enable APCC three phase Symmetra quirks (use on APCC three phase Symmetras)", IsFlag: true),
        new("secLevel", "Set the securityLevel used for SNMPv3 messages (default=noAuthNoPriv, allowed: authNoPriv,authPriv)", IsFlag: false),
        new("secName", "Set the securityName used for authenticated SNMPv3 messages (no default)", IsFlag: false, Sensitive: true),
        new("authPassword", "Set the authentication pass phrase used for authenticated SNMPv3 messages (no default)", IsFlag: false, Sensitive: true),
        new("privPassword", "Set the privacy pass phrase used for encrypted SNMPv3 messages (no default)", IsFlag: false, Sensitive: true),
        new("authProtocol", "Set the authentication protocol (MD5, SHA, SHA256, SHA384, SHA512) used for authenticated SNMPv3 messages (default=MD5 if available)", IsFlag: false),
        new("privProtocol", "Set the privacy protocol (DES, AES, AES192, AES256) used for encrypted SNMPv3 messages (default=DES if available)", IsFlag: false),
        new("ondelay", "Set start delay time after shutdown", IsFlag: false),
        new("offdelay", "Set delay time before shutdown ", IsFlag: false),
    ];

    static readonly string[] AuthProtocols = ["MD5", "SHA", "SHA256", "SHA384", "SHA512"];
    static readonly string[] PrivProtocols = ["DES", "AES", "AES192", "AES256"];

    /// <summary>Reads the settings; a bad one throws <see cref="DriverFatalException"/> with NUT's text.</summary>
    public static SnmpUpsOptions Parse(string port, Func<string, string?> get, Func<string, bool> flag)
    {
        int retries = get("snmp_retries") is { } r ? CAtoi(r) : DefaultRetries;
        long timeout = get("snmp_timeout") is { } t ? CAtoi(t) : DefaultTimeoutSeconds;
        string version = get("snmp_version") ?? "v1";
        var settings = new SnmpSettings(port, Retries: retries, Timeout: TimeSpan.FromSeconds(Math.Max(0, timeout)));
        switch (version)
        {
            case "v1" or "v2c":
                settings = settings with { Version = version == "v1" ? SnmpVersion.V1 : SnmpVersion.V2c, Community = get("community") ?? "public" };
                break;
            case "v3":
                settings = V3(settings, get);
                break;
            default:
                throw new DriverFatalException($"Bad SNMP version: {version}");
        }
        int pollfreq = get("pollfreq") is { } p ? CAtoi(p) : DefaultPollFreq;
        int semistatic = get("semistaticfreq") is { } s ? CAtoi(s) : DefaultSemistaticFreq;
        if (semistatic < 1)
            semistatic = DefaultSemistaticFreq; // NUT: "Bad semistaticfreq value provided, setting to default"
        int? on = get("ondelay") is { } o ? CAtoi(o) : null;
        int? off = get("offdelay") is { } f ? CAtoi(f) : null;
        return new SnmpUpsOptions(settings, get("mibs") ?? "auto", pollfreq, semistatic, flag("notransferoids"),
            flag("symmetrathreephase"), on, off);
    }

    static SnmpSettings V3(SnmpSettings s, Func<string, string?> get)
    {
        string? secLevel = get("secLevel");
        var level = secLevel switch
        {
            null or "noAuthNoPriv" => SnmpSecurityLevel.NoAuthNoPriv,
            "authNoPriv" => SnmpSecurityLevel.AuthNoPriv,
            "authPriv" => SnmpSecurityLevel.AuthPriv,
            _ => throw new DriverFatalException($"Bad SNMPv3 securityLevel: {secLevel}"),
        };
        string secName = get("secName") ?? throw new DriverFatalException("securityName is required for SNMPv3");
        string? auth = get("authPassword"), priv = get("privPassword");
        if (level == SnmpSecurityLevel.AuthNoPriv && auth is null)
            throw new DriverFatalException($"authPassword is required for SNMPv3 in {secLevel} mode");
        if (level == SnmpSecurityLevel.AuthPriv && (auth is null || priv is null))
            throw new DriverFatalException($"authPassword and privPassword are required for SNMPv3 in {secLevel} mode");
        string authProtocol = get("authProtocol") ?? "MD5";
        if (!AuthProtocols.Contains(authProtocol))
            throw new DriverFatalException($"Bad SNMPv3 authProtocol: {authProtocol}");
        string privProtocol = get("privProtocol") ?? "DES";
        if (!PrivProtocols.Contains(privProtocol))
            throw new DriverFatalException($"Bad SNMPv3 privProtocol: {privProtocol}");
        return s with
        {
            Version = SnmpVersion.V3, SecurityLevel = level, SecurityName = secName, AuthPassword = auth, PrivPassword = priv,
            AuthProtocol = authProtocol, PrivProtocol = privProtocol,
        };
    }

    /// <summary>C's atoi: leading digits with an optional sign, 0 when there are none.</summary>
    static int CAtoi(string s)
    {
        int i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        bool neg = i < s.Length && s[i] == '-';
        if (i < s.Length && s[i] is '+' or '-') i++;
        long v = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]) && v < int.MaxValue; i++)
            v = v * 10 + (s[i] - '0');
        return (int)Math.Clamp(neg ? -v : v, int.MinValue, int.MaxValue);
    }

    public static string Format(int v) => v.ToString(CultureInfo.InvariantCulture);
}
