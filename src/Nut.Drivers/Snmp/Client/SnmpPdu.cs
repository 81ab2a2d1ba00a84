namespace Nut.Drivers.Snmp;

/// <summary>The PDU kinds of RFC 3416 with their context tag numbers ([0]..[8]; [4] is the v1 trap, never sent by us).</summary>
public enum SnmpPduType
{
    Get = 0, GetNext = 1, Response = 2, Set = 3, GetBulk = 5, InformRequest = 6, TrapV2 = 7, Report = 8,
}

/// <summary>
/// One PDU. For GETBULK, <see cref="ErrorStatus"/> and <see cref="ErrorIndex"/> carry non-repeaters and
/// max-repetitions, as on the wire.
/// </summary>
public sealed record SnmpPdu(SnmpPduType Type, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<SnmpVarBind> VarBinds);
