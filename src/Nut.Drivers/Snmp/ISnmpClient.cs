namespace Nut.Drivers.Snmp;

/// <summary>SNMP protocol versions, as snmp-ups' <c>snmp_version</c> option names them (v1, v2c, v3).</summary>
public enum SnmpVersion { V1, V2c, V3 }

/// <summary>The value types an SNMP agent returns, plus the three v2 exceptions.</summary>
public enum SnmpValueType
{
    Integer, OctetString, Null, ObjectId, IpAddress, Counter32, Gauge32, TimeTicks, Opaque, Counter64,
    NoSuchObject, NoSuchInstance, EndOfMibView,
}

/// <summary>
/// One SNMP value. Numbers (Integer, Counter32, Gauge32, TimeTicks, Counter64) are in <see cref="Number"/>;
/// OctetString/Opaque/IpAddress keep their raw bytes in <see cref="Bytes"/>; ObjectId is dotted text with a
/// leading dot in <see cref="Text"/>.
/// </summary>
public sealed record SnmpValue(SnmpValueType Type, long Number = 0, byte[]? Bytes = null, string? Text = null)
{
    public bool IsException => Type is SnmpValueType.NoSuchObject or SnmpValueType.NoSuchInstance or SnmpValueType.EndOfMibView;

    public static SnmpValue Int(long v) => new(SnmpValueType.Integer, v);
    public static SnmpValue String(string s) => new(SnmpValueType.OctetString, Bytes: System.Text.Encoding.UTF8.GetBytes(s));
    public static SnmpValue Oid(string oid) => new(SnmpValueType.ObjectId, Text: oid);
}

/// <summary>An OID (dotted, leading dot: ".1.3.6.1.2.1.1.2.0") and its value.</summary>
public sealed record SnmpVarBind(string Oid, SnmpValue Value);

/// <summary>USM security level (snmp-ups' <c>secLevel</c>).</summary>
public enum SnmpSecurityLevel { NoAuthNoPriv, AuthNoPriv, AuthPriv }

/// <summary>How to reach an agent and authenticate: snmp-ups' options, parsed.</summary>
/// <param name="Host">Host name or address; "host:port" and "[v6]:port" are accepted, default port 161.</param>
public sealed record SnmpSettings(
    string Host,
    SnmpVersion Version = SnmpVersion.V1,
    string Community = "public",
    SnmpSecurityLevel SecurityLevel = SnmpSecurityLevel.NoAuthNoPriv,
    string? SecurityName = null,
    string AuthProtocol = "MD5",
    string? AuthPassword = null,
    string PrivProtocol = "DES",
    string? PrivPassword = null,
    TimeSpan? Timeout = null,
    int Retries = 5);

/// <summary>The agent did not answer in time after every retry.</summary>
public sealed class SnmpTimeoutException(string message) : Exception(message);

/// <summary>
/// The agent answered with an error-status (noSuchName 2, badValue 3, readOnly 4, genErr 5, noAccess 6,
/// notWritable 17, ...), or a v3 report (unknown user, wrong digest, ...), or an answer that cannot be decoded.
/// </summary>
public sealed class SnmpErrorException(string message, int errorStatus = 0, int errorIndex = 0) : Exception(message)
{
    public int ErrorStatus { get; } = errorStatus;
    public int ErrorIndex { get; } = errorIndex;
}

/// <summary>
/// A synchronous SNMP manager session with one agent (drivers poll from one thread). Every call either returns the
/// agent's answer or throws <see cref="SnmpTimeoutException"/> / <see cref="SnmpErrorException"/>; it never throws
/// anything else on bad input from the network.
/// </summary>
public interface ISnmpClient : IDisposable
{
    SnmpSettings Settings { get; }

    /// <summary>GET: one varbind per OID, in order (v2c/v3 exceptions come back as NoSuchObject/NoSuchInstance values;
    /// a v1 noSuchName error is turned into NoSuchObject values for every OID of the request so callers see one shape).</summary>
    IReadOnlyList<SnmpVarBind> Get(IReadOnlyList<string> oids);

    /// <summary>GETNEXT: the next OID after each given one (EndOfMibView at the end of the agent's tree).</summary>
    IReadOnlyList<SnmpVarBind> GetNext(IReadOnlyList<string> oids);

    /// <summary>GETBULK (v2c/v3; on v1 it falls back to GETNEXT, one repetition per call).</summary>
    IReadOnlyList<SnmpVarBind> GetBulk(IReadOnlyList<string> oids, int nonRepeaters, int maxRepetitions);

    /// <summary>SET of one or more varbinds; returns what the agent echoed.</summary>
    IReadOnlyList<SnmpVarBind> Set(IReadOnlyList<SnmpVarBind> values);
}
