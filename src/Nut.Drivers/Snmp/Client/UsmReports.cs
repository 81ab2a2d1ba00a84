namespace Nut.Drivers.Snmp;

/// <summary>The counters an agent names in a v3 Report PDU (RFC 3414 usmStats, RFC 3412 snmpMPDStats), as messages.</summary>
public static class UsmReports
{
    public const string UnsupportedSecLevels = ".1.3.6.1.6.3.15.1.1.1.0";
    public const string NotInTimeWindows = ".1.3.6.1.6.3.15.1.1.2.0";
    public const string UnknownUserNames = ".1.3.6.1.6.3.15.1.1.3.0";
    public const string UnknownEngineIds = ".1.3.6.1.6.3.15.1.1.4.0";
    public const string WrongDigests = ".1.3.6.1.6.3.15.1.1.5.0";
    public const string DecryptionErrors = ".1.3.6.1.6.3.15.1.1.6.0";

    public static string Describe(string oid, UsmSecurity s) => oid switch
    {
        UnsupportedSecLevels => $"unsupported security level: user '{s.UserName}' is not configured for secLevel {s.Level} on the agent",
        NotInTimeWindows => "not in time window: the agent keeps rejecting our engine boots/time",
        UnknownUserNames => $"unknown user name '{s.UserName}' (secName)",
        UnknownEngineIds => "unknown engine ID",
        WrongDigests => $"wrong digest: authPassword or authProtocol ({s.AuthProtocol}) do not match the agent's for user '{s.UserName}'",
        DecryptionErrors => $"decryption error: privPassword or privProtocol ({s.PrivProtocol}) do not match the agent's for user '{s.UserName}'",
        ".1.3.6.1.6.3.11.2.1.1.0" => "unknown security model",
        ".1.3.6.1.6.3.11.2.1.2.0" => "invalid message (the agent could not parse our request; privPassword/privProtocol?)",
        ".1.3.6.1.6.3.11.2.1.3.0" => "unknown PDU handler",
        _ => $"the agent sent report {oid}",
    };
}
