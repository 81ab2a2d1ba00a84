namespace Nut.Drivers.Snmp;

/// <summary>RFC 1157/3416 error-status names, for messages.</summary>
public static class SnmpErrorStatus
{
    public const int NoError = 0, TooBig = 1, NoSuchName = 2, BadValue = 3, ReadOnly = 4, GenErr = 5, NoAccess = 6,
        NotWritable = 17;

    static readonly string[] Names =
    [
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType", "wrongLength",
        "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable", "commitFailed",
        "undoFailed", "authorizationError", "notWritable", "inconsistentName",
    ];

    public static string Name(int status) => status >= 0 && status < Names.Length ? Names[status] : $"error-status {status}";
}
