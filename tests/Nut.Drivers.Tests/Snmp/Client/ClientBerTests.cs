using System.Formats.Asn1;
using Nut.Drivers.Snmp;

namespace Nut.Drivers.Tests.Snmp.Client;

/// <summary>Byte-exact encodings compared with what net-snmp 5.9.3's own tools sent (captured with <c>snmpget -d</c>),
/// and decoding that never throws anything but SnmpErrorException.</summary>
public sealed class ClientBerTests
{
    static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", ""));

    static SnmpVarBind Null(string oid) => new(oid, new SnmpValue(SnmpValueType.Null));

    [Fact]
    public void V1GetMatchesNetSnmp()
    {
        // snmpget -v1 -c public HOST .1.3.6.1.2.1.1.5.0 (request-id 0x2E347727)
        byte[] expected = Hex("30 29 02 01 00 04 06 70 75 62 6C 69 63 A0 1C 02 04 2E 34 77 27 02 01 00 02 01 00 30 0E 30 0C 06 08 2B 06 01 02 01 01 05 00 05 00");
        var pdu = new SnmpPdu(SnmpPduType.Get, 0x2E347727, 0, 0, [Null(".1.3.6.1.2.1.1.5.0")]);
        Assert.Equal(expected, new CommunityCodec(SnmpVersion.V1, "public").Encode(pdu, pdu.RequestId));
    }

    [Fact]
    public void V2cGetOfTwoOidsMatchesNetSnmp()
    {
        byte[] expected = Hex("30 37 02 01 01 04 06 70 75 62 6C 69 63 A0 2A 02 04 1F A3 46 5D 02 01 00 02 01 00 30 1C 30 0C 06 08 2B 06 01 02 01 01 02 00 05 00 30 0C 06 08 2B 06 01 02 01 01 03 00 05 00");
        var pdu = new SnmpPdu(SnmpPduType.Get, 0x1FA3465D, 0, 0, [Null(".1.3.6.1.2.1.1.2.0"), Null("1.3.6.1.2.1.1.3.0")]);
        Assert.Equal(expected, new CommunityCodec(SnmpVersion.V2c, "public").Encode(pdu, pdu.RequestId));
    }

    [Fact]
    public void V2cGetBulkMatchesNetSnmp()
    {
        // snmpbulkget -Cn1 -Cr3 ... .1.3.6.1.2.1.1.1.0 .1.3.6.1.2.1.1
        byte[] expected = Hex("30 35 02 01 01 04 06 70 75 62 6C 69 63 A5 28 02 04 37 78 9B 67 02 01 01 02 01 03 30 1A 30 0C 06 08 2B 06 01 02 01 01 01 00 05 00 30 0A 06 06 2B 06 01 02 01 01 05 00");
        var pdu = new SnmpPdu(SnmpPduType.GetBulk, 0x37789B67, 1, 3, [Null(".1.3.6.1.2.1.1.1.0"), Null(".1.3.6.1.2.1.1")]);
        Assert.Equal(expected, new CommunityCodec(SnmpVersion.V2c, "public").Encode(pdu, pdu.RequestId));
    }

    [Fact]
    public void V2cSetOfAStringMatchesNetSnmp()
    {
        byte[] expected = Hex("30 2D 02 01 01 04 07 70 72 69 76 61 74 65 A3 1F 02 04 7A C7 3E 01 02 01 00 02 01 00 30 11 30 0F 06 08 2B 06 01 02 01 01 06 00 04 03 6C 61 62");
        var pdu = new SnmpPdu(SnmpPduType.Set, 0x7AC73E01, 0, 0, [new(".1.3.6.1.2.1.1.6.0", SnmpValue.String("lab"))]);
        Assert.Equal(expected, new CommunityCodec(SnmpVersion.V2c, "private").Encode(pdu, pdu.RequestId));
    }

    [Fact]
    public void DecodesNetSnmpsAnswer()
    {
        // snmpd's answer to the two-OID GET above: an OID and TimeTicks 527.
        byte[] answer = Hex("30 43 02 01 01 04 06 70 75 62 6C 69 63 A2 36 02 04 1F A3 46 5D 02 01 00 02 01 00 30 28 30 16 06 08 2B 06 01 02 01 01 02 00 06 0A 2B 06 01 04 01 BF 08 03 02 0A 30 0E 06 08 2B 06 01 02 01 01 03 00 43 02 02 0F");
        var decoded = new CommunityCodec(SnmpVersion.V2c, "public").Decode(answer);
        Assert.Equal(0x1FA3465D, decoded.MessageId);
        Assert.Equal(SnmpPduType.Response, decoded.Pdu.Type);
        Assert.Equal(".1.3.6.1.2.1.1.2.0", decoded.Pdu.VarBinds[0].Oid);
        Assert.Equal(SnmpValue.Oid(".1.3.6.1.4.1.8072.3.2.10"), decoded.Pdu.VarBinds[0].Value);
        Assert.Equal(new SnmpValue(SnmpValueType.TimeTicks, 527), decoded.Pdu.VarBinds[1].Value);
    }

    public static TheoryData<SnmpValue, string> Values() => new()
    {
        { SnmpValue.Int(-1), "02 01 FF" },
        { SnmpValue.Int(2147483647), "02 04 7F FF FF FF" },
        { new SnmpValue(SnmpValueType.Counter32, 4294967295), "41 05 00 FF FF FF FF" },
        { new SnmpValue(SnmpValueType.Gauge32, 128), "42 02 00 80" },
        { new SnmpValue(SnmpValueType.TimeTicks, 252000), "43 03 03 D8 60" },
        { new SnmpValue(SnmpValueType.IpAddress, Bytes: [127, 0, 0, 1]), "40 04 7F 00 00 01" },
        { new SnmpValue(SnmpValueType.Opaque, Bytes: [1, 2]), "44 02 01 02" },
        { new SnmpValue(SnmpValueType.Counter64, -1), "46 09 00 FF FF FF FF FF FF FF FF" },
        { new SnmpValue(SnmpValueType.NoSuchObject), "80 00" },
        { new SnmpValue(SnmpValueType.NoSuchInstance), "81 00" },
        { new SnmpValue(SnmpValueType.EndOfMibView), "82 00" },
        { new SnmpValue(SnmpValueType.Null), "05 00" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void ValuesEncodeAndDecodeExactly(SnmpValue value, string hex)
    {
        var w = new AsnWriter(AsnEncodingRules.BER);
        SnmpBer.WriteValue(w, value);
        Assert.Equal(Hex(hex), w.Encode());
        var back = SnmpBer.ReadValue(new AsnReader(Hex(hex), AsnEncodingRules.BER));
        Assert.Equal(value.Type, back.Type);
        Assert.Equal(value.Number, back.Number);
        Assert.Equal(value.Bytes, back.Bytes);
    }

    [Fact]
    public void UnsignedWithoutLeadingZeroKeepsTheLow32Bits()
    {
        // Some agents send Counter32 4294967295 as 41 04 FF FF FF FF (a negative INTEGER on the wire).
        var v = SnmpBer.ReadValue(new AsnReader(Hex("41 04 FF FF FF FF"), AsnEncodingRules.BER));
        Assert.Equal(4294967295, v.Number);
    }

    [Fact]
    public void EveryTruncationAndBitFlipIsSnmpErrorOrAValidMessage()
    {
        byte[] good = Hex("30 43 02 01 01 04 06 70 75 62 6C 69 63 A2 36 02 04 1F A3 46 5D 02 01 00 02 01 00 30 28 30 16 06 08 2B 06 01 02 01 01 02 00 06 0A 2B 06 01 04 01 BF 08 03 02 0A 30 0E 06 08 2B 06 01 02 01 01 03 00 43 02 02 0F");
        var codec = new CommunityCodec(SnmpVersion.V2c, "public");
        int errors = 0;
        for (int n = 0; n < good.Length; n++)
        {
            var ex = Assert.Throws<SnmpErrorException>(() => codec.Decode(good[..n]));
            Assert.StartsWith("malformed SNMP message", ex.Message);
        }
        var rng = new Random(8);
        for (int i = 0; i < 3000; i++)
        {
            byte[] bad = (byte[])good.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--)
                bad[rng.Next(bad.Length)] = (byte)rng.Next(256);
            try
            {
                codec.Decode(bad);
            }
            catch (SnmpErrorException)
            {
                errors++;
            }
        }
        Assert.True(errors > 0);
        var usm = new UsmCodec(new UsmSecurity(new SnmpSettings("h", SnmpVersion.V3, SecurityName: "u")), null);
        for (int n = 0; n < good.Length; n++)
            Assert.Throws<SnmpErrorException>(() => usm.Decode(good[..n]));
    }

    [Fact]
    public void BadOidsFromTheCallerAreArgumentErrors()
    {
        Assert.Throws<ArgumentException>(() => SnmpOid.ToAsn(".1.3.x"));
        Assert.Throws<ArgumentException>(() => SnmpOid.ToAsn("1..3"));
        Assert.Throws<ArgumentException>(() => SnmpOid.ToAsn("3.1"));
        Assert.Equal("1.3.6.1", SnmpOid.ToAsn(".1.3.6.1"));
    }
}
