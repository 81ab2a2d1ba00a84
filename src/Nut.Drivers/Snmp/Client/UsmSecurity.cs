namespace Nut.Drivers.Snmp;

/// <summary>
/// A v3 user's settings, checked once: security level, protocols, and the password keys (Ku), which cost a 1 MiB
/// hash each and so are computed once per client; keys localized to an engine are cached per engine ID.
/// </summary>
public sealed class UsmSecurity
{
    byte[]? _localizedFor;
    byte[] _authKey = [];
    byte[] _privKey = [];
    readonly byte[]? _authKu;
    readonly byte[]? _privKu;

    public UsmSecurity(SnmpSettings s)
    {
        Level = s.SecurityLevel;
        UserName = s.SecurityName is { Length: > 0 } n
            ? n
            : throw new SnmpErrorException("SNMPv3 needs a user name (secName)");
        AuthProtocol = SnmpProtocolNames.ParseAuth(s.AuthProtocol);
        PrivProtocol = SnmpProtocolNames.ParsePriv(s.PrivProtocol);
        if (Level >= SnmpSecurityLevel.AuthNoPriv)
            _authKu = UsmKeys.PasswordToKey(AuthProtocol, CheckPassword(s.AuthPassword, "authPassword"));
        if (Level == SnmpSecurityLevel.AuthPriv)
            _privKu = UsmKeys.PasswordToKey(AuthProtocol, CheckPassword(s.PrivPassword, "privPassword"));
    }

    public SnmpSecurityLevel Level { get; }
    public string UserName { get; }
    public SnmpAuthProtocol AuthProtocol { get; }
    public SnmpPrivProtocol PrivProtocol { get; }
    public bool Authenticates => Level >= SnmpSecurityLevel.AuthNoPriv;
    public bool Encrypts => Level == SnmpSecurityLevel.AuthPriv;

    public byte[] AuthKey(byte[] engineId)
    {
        LocalizeFor(engineId);
        return _authKey;
    }

    public byte[] PrivKey(byte[] engineId)
    {
        LocalizeFor(engineId);
        return _privKey;
    }

    void LocalizeFor(byte[] engineId)
    {
        if (_localizedFor is not null && _localizedFor.AsSpan().SequenceEqual(engineId))
            return;
        _authKey = _authKu is null ? [] : UsmKeys.Localize(AuthProtocol, _authKu, engineId);
        _privKey = _privKu is null
            ? []
            : UsmKeys.Extend(AuthProtocol, UsmKeys.Localize(AuthProtocol, _privKu, engineId), UsmPrivacy.KeyLength(PrivProtocol));
        _localizedFor = engineId;
    }

    static string CheckPassword(string? password, string option)
    {
        if (string.IsNullOrEmpty(password))
            throw new SnmpErrorException($"SNMPv3 secLevel needs {option}");
        if (password.Length < UsmKeys.MinPasswordLength)
            throw new SnmpErrorException($"{option} must be at least {UsmKeys.MinPasswordLength} characters (net-snmp's minimum)");
        return password;
    }
}
