using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Runtime.InteropServices;
using System.Text;

namespace Nut.Drivers.Snmp;

/// <summary>The USM header fields of a received v3 message (RFC 3412 / RFC 3414).</summary>
public sealed record UsmHeader(int MessageId, byte Flags, byte[] EngineId, int Boots, int Time, string UserName)
{
    public bool Authenticated => (Flags & UsmCodec.FlagAuth) != 0;
}

/// <summary>
/// v3 messages with the User-based Security Model: SEQUENCE { 3, HeaderData, usmSecurityParameters, ScopedPduData }.
/// One codec per message level: engine discovery uses an unauthenticated one with an empty engine and user.
/// </summary>
public sealed class UsmCodec : ISnmpMessageCodec
{
    public const byte FlagAuth = 1, FlagPriv = 2, FlagReportable = 4;
    const int UsmSecurityModel = 3;

    readonly UsmSecurity _security;
    readonly UsmEngine? _engine;
    readonly bool _auth, _priv;
    long _salt = Random.Shared.NextInt64();

    /// <summary><paramref name="engine"/> null: the discovery probe (noAuthNoPriv, empty engine ID and user).</summary>
    public UsmCodec(UsmSecurity security, UsmEngine? engine)
    {
        _security = security;
        _engine = engine;
        _auth = engine is not null && security.Authenticates;
        _priv = engine is not null && security.Encrypts;
    }

    /// <summary>The header of the message last decoded (the one the exchanger returned when it matched).</summary>
    public UsmHeader? LastHeader { get; private set; }

    public byte[] Encode(SnmpPdu pdu, int messageId)
    {
        byte[] engineId = _engine?.Id ?? [];
        int boots = _engine?.Boots ?? 0, time = _engine?.EstimatedTime ?? 0;
        string user = _engine is null ? "" : _security.UserName;

        var scoped = new AsnWriter(AsnEncodingRules.BER);
        using (scoped.PushSequence())
        {
            scoped.WriteOctetString(engineId); // contextEngineID: the agent's engine
            scoped.WriteOctetString([]);       // contextName: default context
            SnmpBer.WritePdu(scoped, pdu);
        }
        byte[] msgData = scoped.Encode();
        byte[] privParams = [];
        if (_priv)
        {
            privParams = NextSalt(boots);
            byte[] cipher = UsmPrivacy.Encrypt(_security.PrivProtocol, _security.PrivKey(engineId), boots, time, privParams, msgData);
            var w = new AsnWriter(AsnEncodingRules.BER);
            w.WriteOctetString(cipher);
            msgData = w.Encode();
        }
        byte flags = (byte)(FlagReportable | (_auth ? FlagAuth : 0) | (_priv ? FlagPriv : 0));
        byte[] macHole = _auth ? new byte[UsmAuth.MacLength(_security.AuthProtocol)] : [];
        byte[] message = Wrap(messageId, flags, engineId, boots, time, user, macHole, privParams, msgData);
        if (!_auth)
            return message;
        // The MAC has a fixed length, so a second encoding with it in place is byte-identical but for those bytes.
        byte[] mac = UsmAuth.Mac(_security.AuthProtocol, _security.AuthKey(engineId), message);
        return Wrap(messageId, flags, engineId, boots, time, user, mac, privParams, msgData);
    }

    static byte[] Wrap(int messageId, byte flags, byte[] engineId, int boots, int time, string user, byte[] authParams,
        byte[] privParams, byte[] msgData)
    {
        var usm = new AsnWriter(AsnEncodingRules.BER);
        using (usm.PushSequence())
        {
            usm.WriteOctetString(engineId);
            usm.WriteInteger(boots);
            usm.WriteInteger(time);
            usm.WriteOctetString(Encoding.UTF8.GetBytes(user));
            usm.WriteOctetString(authParams);
            usm.WriteOctetString(privParams);
        }
        var w = new AsnWriter(AsnEncodingRules.BER);
        using (w.PushSequence())
        {
            w.WriteInteger(3);
            using (w.PushSequence())
            {
                w.WriteInteger(messageId);
                w.WriteInteger(SnmpLimits.MaxDatagram);
                w.WriteOctetString([flags]);
                w.WriteInteger(UsmSecurityModel);
            }
            w.WriteOctetString(usm.Encode());
            w.WriteEncodedValue(msgData);
        }
        return w.Encode();
    }

    byte[] NextSalt(int boots)
    {
        var salt = new byte[8];
        long n = Interlocked.Increment(ref _salt);
        if (_security.PrivProtocol == SnmpPrivProtocol.Des)
        {
            // RFC 3414 8.1.1.1: engineBoots then a local 32-bit counter.
            BinaryPrimitives.WriteInt32BigEndian(salt, boots);
            BinaryPrimitives.WriteInt32BigEndian(salt.AsSpan(4), (int)n);
        }
        else
            BinaryPrimitives.WriteInt64BigEndian(salt, n); // RFC 3826 3.1.2.1: a 64-bit counter
        return salt;
    }

    public SnmpDecoded Decode(byte[] datagram)
    {
        LastHeader = null;
        var (header, pdu) = SnmpBer.Guard(() => DecodeCore(datagram));
        LastHeader = header;
        return new SnmpDecoded(header.MessageId, pdu);
    }

    (UsmHeader, SnmpPdu) DecodeCore(byte[] datagram)
    {
        var msg = new AsnReader(datagram, AsnEncodingRules.BER).ReadSequence();
        int version = SnmpBer.ReadInt32(msg, "msgVersion");
        if (version != 3)
            throw SnmpBer.Malformed($"msgVersion {version}, expected 3");
        var global = msg.ReadSequence();
        int msgId = SnmpBer.ReadInt32(global, "msgID");
        SnmpBer.ReadInt32(global, "msgMaxSize");
        byte[] flagBytes = global.ReadOctetString();
        if (flagBytes.Length != 1)
            throw SnmpBer.Malformed($"msgFlags of {flagBytes.Length} bytes");
        int model = SnmpBer.ReadInt32(global, "msgSecurityModel");
        if (model != UsmSecurityModel)
            throw SnmpBer.Malformed($"security model {model}, expected USM (3)");
        byte flags = flagBytes[0];

        if (!msg.TryReadPrimitiveOctetString(out ReadOnlyMemory<byte> usmBytes))
            throw SnmpBer.Malformed("constructed msgSecurityParameters");
        var usm = new AsnReader(usmBytes, AsnEncodingRules.BER).ReadSequence();
        byte[] engineId = usm.ReadOctetString();
        int boots = SnmpBer.ReadInt32(usm, "msgAuthoritativeEngineBoots");
        int time = SnmpBer.ReadInt32(usm, "msgAuthoritativeEngineTime");
        string user = Encoding.UTF8.GetString(usm.ReadOctetString());
        if (!usm.TryReadPrimitiveOctetString(out ReadOnlyMemory<byte> authParams))
            throw SnmpBer.Malformed("constructed msgAuthenticationParameters");
        byte[] privParams = usm.ReadOctetString();
        var header = new UsmHeader(msgId, flags, engineId, boots, time, user);

        if ((flags & FlagAuth) != 0)
        {
            if (!_security.Authenticates || _engine is null)
                throw new SnmpErrorException("an authenticated answer to an unauthenticated request");
            if (!MemoryMarshal.TryGetArray(authParams, out ArraySegment<byte> seg) || seg.Array != datagram)
                throw SnmpBer.Malformed("authentication parameters outside the message");
            if (!UsmAuth.Verify(_security.AuthProtocol, _security.AuthKey(engineId), datagram, seg.Offset, seg.Count))
                throw new SnmpErrorException("wrong digest: the answer's authentication code does not match (authPassword/authProtocol)");
        }
        else if ((flags & FlagPriv) != 0)
            throw SnmpBer.Malformed("msgFlags privacy without authentication");

        AsnReader scoped;
        if ((flags & FlagPriv) != 0)
        {
            if (!_security.Encrypts)
                throw new SnmpErrorException("an encrypted answer to an unencrypted request");
            byte[] plain = UsmPrivacy.Decrypt(_security.PrivProtocol, _security.PrivKey(engineId), boots, time, privParams, msg.ReadOctetString());
            // DES leaves padding after the scoped PDU: read just the first value.
            scoped = new AsnReader(plain, AsnEncodingRules.BER).ReadSequence();
        }
        else
            scoped = msg.ReadSequence();
        scoped.ReadOctetString(); // contextEngineID
        scoped.ReadOctetString(); // contextName
        var pdu = SnmpBer.ReadPdu(scoped);
        // Only reports may come back below the level we asked for (RFC 3412 7.2.10): anything else could be forged.
        if (pdu.Type != SnmpPduType.Report && ((_auth && (flags & FlagAuth) == 0) || (_priv && (flags & FlagPriv) == 0)))
            throw new SnmpErrorException($"a {pdu.Type} below the requested security level (msgFlags {flags}) was ignored");
        return (header, pdu);
    }
}
