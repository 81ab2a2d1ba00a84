using System.Formats.Asn1;
using System.Text;

namespace Nut.Drivers.Snmp;

/// <summary>v1/v2c messages (RFC 1157 / RFC 1901): SEQUENCE { version, community, PDU }. The message id is the PDU's request-id.</summary>
public sealed class CommunityCodec(SnmpVersion version, string community) : ISnmpMessageCodec
{
    readonly int _wireVersion = version == SnmpVersion.V1 ? 0 : 1;
    readonly byte[] _community = Encoding.UTF8.GetBytes(community);

    public byte[] Encode(SnmpPdu pdu, int messageId) => Encode(_wireVersion, _community, pdu);

    public static byte[] Encode(int wireVersion, byte[] community, SnmpPdu pdu)
    {
        var w = new AsnWriter(AsnEncodingRules.BER);
        using (w.PushSequence())
        {
            w.WriteInteger(wireVersion);
            w.WriteOctetString(community);
            SnmpBer.WritePdu(w, pdu);
        }
        return w.Encode();
    }

    public SnmpDecoded Decode(byte[] datagram) => SnmpBer.Guard(() =>
    {
        var outer = new AsnReader(datagram, AsnEncodingRules.BER);
        var msg = outer.ReadSequence();
        int v = SnmpBer.ReadInt32(msg, "version");
        if (v != _wireVersion)
            throw SnmpBer.Malformed($"version {v}, expected {_wireVersion}");
        msg.ReadOctetString(); // community: agents echo it; a foreign one simply fails request-id matching
        var pdu = SnmpBer.ReadPdu(msg);
        msg.ThrowIfNotEmpty();
        return new SnmpDecoded(pdu.RequestId, pdu);
    });
}
