using System.Formats.Asn1;
using System.Numerics;

namespace Nut.Drivers.Snmp;

/// <summary>
/// BER of SNMP values, varbinds and PDUs (RFC 3416 / RFC 2578 application types) over System.Formats.Asn1.
/// Readers throw only <see cref="SnmpErrorException"/>: every Asn1/format failure is wrapped by <see cref="Guard{T}"/>.
/// </summary>
public static class SnmpBer
{
    // RFC 2578 application types.
    static readonly Asn1Tag IpAddressTag = new(TagClass.Application, 0);
    static readonly Asn1Tag Counter32Tag = new(TagClass.Application, 1);
    static readonly Asn1Tag Gauge32Tag = new(TagClass.Application, 2);
    static readonly Asn1Tag TimeTicksTag = new(TagClass.Application, 3);
    static readonly Asn1Tag OpaqueTag = new(TagClass.Application, 4);
    static readonly Asn1Tag Counter64Tag = new(TagClass.Application, 6);
    // RFC 3416 varbind exceptions: context-specific primitive NULLs.
    static readonly Asn1Tag NoSuchObjectTag = new(TagClass.ContextSpecific, 0);
    static readonly Asn1Tag NoSuchInstanceTag = new(TagClass.ContextSpecific, 1);
    static readonly Asn1Tag EndOfMibViewTag = new(TagClass.ContextSpecific, 2);

    public static Asn1Tag PduTag(SnmpPduType type) => new(TagClass.ContextSpecific, (int)type, isConstructed: true);

    public static void WritePdu(AsnWriter w, SnmpPdu pdu)
    {
        using (w.PushSequence(PduTag(pdu.Type)))
        {
            w.WriteInteger(pdu.RequestId);
            w.WriteInteger(pdu.ErrorStatus);
            w.WriteInteger(pdu.ErrorIndex);
            using (w.PushSequence())
                foreach (var vb in pdu.VarBinds)
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(SnmpOid.ToAsn(vb.Oid));
                        WriteValue(w, vb.Value);
                    }
        }
    }

    public static void WriteValue(AsnWriter w, SnmpValue v)
    {
        switch (v.Type)
        {
            case SnmpValueType.Integer: w.WriteInteger(v.Number); break;
            case SnmpValueType.OctetString: w.WriteOctetString(v.Bytes ?? []); break;
            case SnmpValueType.Null: w.WriteNull(); break;
            case SnmpValueType.ObjectId: w.WriteObjectIdentifier(SnmpOid.ToAsn(v.Text ?? "")); break;
            case SnmpValueType.IpAddress:
                if (v.Bytes is not { Length: 4 })
                    throw new ArgumentException("an IpAddress value needs exactly 4 bytes");
                w.WriteOctetString(v.Bytes, IpAddressTag);
                break;
            case SnmpValueType.Counter32: w.WriteInteger((long)(uint)v.Number, Counter32Tag); break;
            case SnmpValueType.Gauge32: w.WriteInteger((long)(uint)v.Number, Gauge32Tag); break;
            case SnmpValueType.TimeTicks: w.WriteInteger((long)(uint)v.Number, TimeTicksTag); break;
            case SnmpValueType.Opaque: w.WriteOctetString(v.Bytes ?? [], OpaqueTag); break;
            case SnmpValueType.Counter64: w.WriteInteger(unchecked((ulong)v.Number), Counter64Tag); break;
            case SnmpValueType.NoSuchObject: w.WriteNull(NoSuchObjectTag); break;
            case SnmpValueType.NoSuchInstance: w.WriteNull(NoSuchInstanceTag); break;
            case SnmpValueType.EndOfMibView: w.WriteNull(EndOfMibViewTag); break;
            default: throw new ArgumentException($"unknown SNMP value type {v.Type}");
        }
    }

    /// <summary>Reads a PDU ([0]..[8] except the v1 trap); throws SnmpErrorException on anything malformed.</summary>
    public static SnmpPdu ReadPdu(AsnReader r) => Guard(() =>
    {
        Asn1Tag tag = r.PeekTag();
        if (tag.TagClass != TagClass.ContextSpecific || !tag.IsConstructed || tag.TagValue is < 0 or > 8 or 4)
            throw Malformed($"expected a PDU tag [0]..[8], got {tag}");
        var type = (SnmpPduType)tag.TagValue;
        var pdu = r.ReadSequence(tag);
        int requestId = ReadInt32(pdu, "request-id");
        int errorStatus = ReadInt32(pdu, "error-status");
        int errorIndex = ReadInt32(pdu, "error-index");
        var list = pdu.ReadSequence();
        var binds = new List<SnmpVarBind>();
        while (list.HasData)
        {
            if (binds.Count >= SnmpLimits.MaxVarBinds)
                throw Malformed($"more than {SnmpLimits.MaxVarBinds} varbinds");
            var vb = list.ReadSequence();
            string oid = SnmpOid.FromAsn(vb.ReadObjectIdentifier());
            var value = ReadValueCore(vb);
            vb.ThrowIfNotEmpty();
            binds.Add(new SnmpVarBind(oid, value));
        }
        pdu.ThrowIfNotEmpty();
        return new SnmpPdu(type, requestId, errorStatus, errorIndex, binds);
    });

    /// <summary>Reads one value; throws SnmpErrorException on anything malformed.</summary>
    public static SnmpValue ReadValue(AsnReader r) => Guard(() => ReadValueCore(r));

    static SnmpValue ReadValueCore(AsnReader r)
    {
        Asn1Tag tag = r.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.Integer:
                    {
                        BigInteger n = r.ReadInteger();
                        if (n < long.MinValue || n > long.MaxValue)
                            throw Malformed("INTEGER out of range");
                        return new SnmpValue(SnmpValueType.Integer, (long)n);
                    }
                case UniversalTagNumber.OctetString:
                    return new SnmpValue(SnmpValueType.OctetString, Bytes: r.ReadOctetString());
                case UniversalTagNumber.Null:
                    r.ReadNull();
                    return new SnmpValue(SnmpValueType.Null);
                case UniversalTagNumber.ObjectIdentifier:
                    return new SnmpValue(SnmpValueType.ObjectId, Text: SnmpOid.FromAsn(r.ReadObjectIdentifier()));
            }
        }
        else if (tag.TagClass == TagClass.Application && !tag.IsConstructed)
        {
            switch (tag.TagValue)
            {
                case 0:
                    {
                        byte[] ip = r.ReadOctetString(IpAddressTag);
                        if (ip.Length != 4)
                            throw Malformed($"IpAddress of {ip.Length} bytes");
                        return new SnmpValue(SnmpValueType.IpAddress, Bytes: ip);
                    }
                // Some agents encode unsigned 32-bit values without the leading zero octet; like net-snmp we keep the low 32 bits.
                case 1: return new SnmpValue(SnmpValueType.Counter32, (long)(uint)ReadUnsigned(r));
                case 2: return new SnmpValue(SnmpValueType.Gauge32, (long)(uint)ReadUnsigned(r));
                case 3: return new SnmpValue(SnmpValueType.TimeTicks, (long)(uint)ReadUnsigned(r));
                case 4: return new SnmpValue(SnmpValueType.Opaque, Bytes: r.ReadOctetString(OpaqueTag));
                case 6: return new SnmpValue(SnmpValueType.Counter64, unchecked((long)ReadUnsigned(r)));
            }
        }
        else if (tag.TagClass == TagClass.ContextSpecific && !tag.IsConstructed && tag.TagValue is >= 0 and <= 2)
        {
            r.ReadNull(tag);
            return new SnmpValue(tag.TagValue switch
            {
                0 => SnmpValueType.NoSuchObject,
                1 => SnmpValueType.NoSuchInstance,
                _ => SnmpValueType.EndOfMibView,
            });
        }
        throw Malformed($"unknown value type {tag}");
    }

    public static int ReadInt32(AsnReader r, string what)
    {
        if (!r.TryReadInt32(out int v))
            throw Malformed($"{what} is not a 32-bit INTEGER");
        return v;
    }

    /// <summary>
    /// The low 64 bits of an unsigned application integer. Read from the raw content octets rather than as an ASN.1
    /// INTEGER because agents in the field send non-minimal forms (FF FF FF FF for 4294967295, 00 00 05) that strict
    /// decoders reject; net-snmp accepts them, so do we.
    /// </summary>
    static ulong ReadUnsigned(AsnReader r)
    {
        ReadOnlyMemory<byte> encoded = r.ReadEncodedValue();
        AsnDecoder.ReadEncodedValue(encoded.Span, AsnEncodingRules.BER, out int offset, out int length, out _);
        if (length == 0)
            throw Malformed("empty unsigned integer");
        ulong v = 0;
        foreach (byte b in encoded.Span.Slice(offset, length))
            v = (v << 8) | b;
        return v;
    }

    public static SnmpErrorException Malformed(string what) => new("malformed SNMP message: " + what);

    /// <summary>Runs a decoding step and turns every failure from System.Formats.Asn1 (or our own checks) into SnmpErrorException.</summary>
    public static T Guard<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (SnmpErrorException)
        {
            throw;
        }
        catch (Exception e) when (e is AsnContentException or FormatException or ArgumentException or OverflowException
                                      or InvalidOperationException or IndexOutOfRangeException or System.Security.Cryptography.CryptographicException)
        {
            throw Malformed(e.Message);
        }
    }
}
