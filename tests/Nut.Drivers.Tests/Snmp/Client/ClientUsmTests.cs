using Nut.Drivers.Snmp;

namespace Nut.Drivers.Tests.Snmp.Client;

/// <summary>USM keys against the test vectors of RFC 3414 appendix A.3, and the option-name parser.</summary>
public sealed class ClientUsmTests
{
    static readonly byte[] EngineId = Convert.FromHexString("000000000000000000000002");

    [Fact]
    public void Md5KeyMatchesRfc3414A31()
    {
        byte[] ku = UsmKeys.PasswordToKey(SnmpAuthProtocol.Md5, "maplesyrup");
        Assert.Equal("9FAF3283884E92834EBC9847D8EDD963", Convert.ToHexString(ku));
        Assert.Equal("526F5EED9FCCE26F8964C2930787D82B", Convert.ToHexString(UsmKeys.Localize(SnmpAuthProtocol.Md5, ku, EngineId)));
    }

    [Fact]
    public void ShaKeyMatchesRfc3414A32()
    {
        byte[] ku = UsmKeys.PasswordToKey(SnmpAuthProtocol.Sha1, "maplesyrup");
        Assert.Equal("9FB5CC0381497B3793528939FF788D5D79145211", Convert.ToHexString(ku));
        Assert.Equal("6695FEBC9288E36282235FC7151F128497B38F3F", Convert.ToHexString(UsmKeys.Localize(SnmpAuthProtocol.Sha1, ku, EngineId)));
    }

    [Fact]
    public void KeyExtensionAppendsTheHashOfTheKeySoFar()
    {
        byte[] kul = UsmKeys.Localize(SnmpAuthProtocol.Md5, UsmKeys.PasswordToKey(SnmpAuthProtocol.Md5, "maplesyrup"), EngineId);
        byte[] extended = UsmKeys.Extend(SnmpAuthProtocol.Md5, kul, 24);
        Assert.Equal(kul, extended[..16]);
        Assert.Equal(System.Security.Cryptography.MD5.HashData(kul)[..8], extended[16..]);
        Assert.Equal(kul[..16], UsmKeys.Extend(SnmpAuthProtocol.Md5, kul, 16));
    }

    [Theory]
    [InlineData("MD5", SnmpAuthProtocol.Md5, 12)]
    [InlineData("sha", SnmpAuthProtocol.Sha1, 12)]
    [InlineData("SHA256", SnmpAuthProtocol.Sha256, 24)]
    [InlineData("SHA-384", SnmpAuthProtocol.Sha384, 32)]
    [InlineData("SHA512", SnmpAuthProtocol.Sha512, 48)]
    public void AuthNames(string name, SnmpAuthProtocol expected, int macLength)
    {
        Assert.Equal(expected, SnmpProtocolNames.ParseAuth(name));
        Assert.Equal(macLength, UsmAuth.MacLength(expected));
    }

    [Theory]
    [InlineData("DES", SnmpPrivProtocol.Des)]
    [InlineData("AES", SnmpPrivProtocol.Aes128)]
    [InlineData("aes192", SnmpPrivProtocol.Aes192)]
    [InlineData("AES-256", SnmpPrivProtocol.Aes256)]
    public void PrivNames(string name, SnmpPrivProtocol expected) => Assert.Equal(expected, SnmpProtocolNames.ParsePriv(name));

    [Fact]
    public void UnknownNamesAndBadSettingsAreClearErrors()
    {
        Assert.Contains("expected MD5, SHA, SHA256, SHA384 or SHA512", Assert.Throws<SnmpErrorException>(() => SnmpProtocolNames.ParseAuth("SHA1024")).Message);
        Assert.Contains("expected DES, AES, AES192 or AES256", Assert.Throws<SnmpErrorException>(() => SnmpProtocolNames.ParsePriv("3DES")).Message);
        Assert.Contains("secLevel 'high'", Assert.Throws<SnmpErrorException>(() => SnmpProtocolNames.ParseSecurityLevel("high")).Message);
        Assert.Equal(SnmpSecurityLevel.AuthPriv, SnmpProtocolNames.ParseSecurityLevel("authPriv"));
        Assert.Contains("secName", Assert.Throws<SnmpErrorException>(() => SnmpClient.Create(new SnmpSettings("127.0.0.1", SnmpVersion.V3))).Message);
        Assert.Contains("at least 8", Assert.Throws<SnmpErrorException>(() => SnmpClient.Create(new SnmpSettings("127.0.0.1", SnmpVersion.V3,
            SecurityLevel: SnmpSecurityLevel.AuthNoPriv, SecurityName: "u", AuthPassword: "short"))).Message);
        Assert.Contains("privPassword", Assert.Throws<SnmpErrorException>(() => SnmpClient.Create(new SnmpSettings("127.0.0.1", SnmpVersion.V3,
            SecurityLevel: SnmpSecurityLevel.AuthPriv, SecurityName: "u", AuthPassword: "long enough"))).Message);
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", 161)]
    [InlineData("10.0.0.1:1161", "10.0.0.1", 1161)]
    [InlineData("[::1]:1161", "::1", 1161)]
    [InlineData("[::1]", "::1", 161)]
    [InlineData("fe80::1", "fe80::1", 161)]
    [InlineData("udp:ups.example:162", "ups.example", 162)]
    public void HostForms(string text, string host, int port) => Assert.Equal((host, port), SnmpEndpoint.Split(text));

    [Fact]
    public void BadPortIsAClearError() =>
        Assert.Contains("not a UDP port", Assert.Throws<SnmpErrorException>(() => SnmpEndpoint.Split("host:99999")).Message);

    static UsmSecurity Security(SnmpSecurityLevel level, string auth = "SHA", string priv = "AES") =>
        new(new SnmpSettings("h", SnmpVersion.V3, SecurityLevel: level, SecurityName: "user", AuthProtocol: auth,
            AuthPassword: "auth-password", PrivProtocol: priv, PrivPassword: "priv-password"));

    static readonly SnmpPdu Response = new(SnmpPduType.Response, 7, 0, 0, [new(".1.3.6.1.2.1.1.5.0", SnmpValue.String("ups"))]);

    [Theory]
    [InlineData("MD5", "DES")]
    [InlineData("SHA", "AES")]
    [InlineData("MD5", "AES192")]
    [InlineData("SHA512", "AES256")]
    public void AuthPrivMessagesRoundTripAndTamperingIsCaught(string auth, string priv)
    {
        var codec = new UsmCodec(Security(SnmpSecurityLevel.AuthPriv, auth, priv), new UsmEngine(EngineId, 3, 1000));
        byte[] wire = codec.Encode(Response, 42);
        var back = codec.Decode(wire);
        Assert.Equal(42, back.MessageId);
        Assert.Equal(".1.3.6.1.2.1.1.5.0", back.Pdu.VarBinds.Single().Oid);
        Assert.Equal("ups"u8.ToArray(), back.Pdu.VarBinds[0].Value.Bytes);
        Assert.Equal(-1, wire.AsSpan().IndexOf("ups"u8)); // the value travels encrypted
        wire[^1] ^= 1;
        Assert.Contains("wrong digest", Assert.Throws<SnmpErrorException>(() => codec.Decode(wire)).Message);
    }

    [Fact]
    public void AnUnauthenticatedAnswerToAnAuthenticatedRequestIsRejectedUnlessItIsAReport()
    {
        var engine = new UsmEngine(EngineId, 3, 1000);
        var forger = new UsmCodec(Security(SnmpSecurityLevel.NoAuthNoPriv), engine);
        var codec = new UsmCodec(Security(SnmpSecurityLevel.AuthNoPriv), engine);
        Assert.Contains("below the requested security level", Assert.Throws<SnmpErrorException>(() => codec.Decode(forger.Encode(Response, 1))).Message);
        var report = Response with { Type = SnmpPduType.Report, VarBinds = [new(UsmReports.UnknownUserNames, new SnmpValue(SnmpValueType.Counter32, 1))] };
        Assert.Equal(SnmpPduType.Report, codec.Decode(forger.Encode(report, 2)).Pdu.Type);
    }
}
