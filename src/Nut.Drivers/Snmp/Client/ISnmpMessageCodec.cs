namespace Nut.Drivers.Snmp;

/// <summary>A decoded answer: the id the client matches on (request-id for v1/v2c, msgID for v3) and the PDU.</summary>
public sealed record SnmpDecoded(int MessageId, SnmpPdu Pdu);

/// <summary>Wraps PDUs into messages of one SNMP version/security model and unwraps answers.</summary>
public interface ISnmpMessageCodec
{
    byte[] Encode(SnmpPdu pdu, int messageId);

    /// <summary>Throws only SnmpErrorException (malformed, failed authentication, decryption error).</summary>
    SnmpDecoded Decode(byte[] datagram);
}
