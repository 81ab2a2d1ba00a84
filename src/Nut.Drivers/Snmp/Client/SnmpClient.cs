namespace Nut.Drivers.Snmp;

/// <summary>
/// The SNMP manager session (v1, v2c, v3/USM) behind <see cref="ISnmpClient"/>. One agent, one UDP socket,
/// calls serialised by a lock. See docs/snmp.md "SNMP client".
/// </summary>
public sealed class SnmpClient : ISnmpClient
{
    readonly object _lock = new();
    readonly CommunityCodec? _community;
    UsmSession? _usm;
    SnmpExchanger? _exchanger;
    UdpChannel? _channel;
    bool _disposed;

    SnmpClient(SnmpSettings settings)
    {
        Settings = settings;
        if (settings.Version == SnmpVersion.V3)
            _ = new UsmSecurity(settings); // validates protocol names and passwords now, so bad settings fail at start-up
        else
            _community = new CommunityCodec(settings.Version, settings.Community);
    }

    /// <summary>Checks the settings (protocol names, v3 passwords) and returns a session; no network traffic yet,
    /// the agent's address is resolved on the first call.</summary>
    public static ISnmpClient Create(SnmpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SnmpClient(settings);
    }

    public SnmpSettings Settings { get; }

    /// <summary>v3 only, after the first call: the agent's engine as discovered (ID, boots, estimated time); for diagnostics.</summary>
    public UsmEngine? Engine => _usm?.Engine;

    public IReadOnlyList<SnmpVarBind> Get(IReadOnlyList<string> oids)
    {
        var answer = Request(SnmpPduType.Get, Nulls(oids), 0, 0);
        if (answer.ErrorStatus == SnmpErrorStatus.NoSuchName && Settings.Version == SnmpVersion.V1)
            return oids.Select(o => new SnmpVarBind(SnmpOid.Normalize(o), new SnmpValue(SnmpValueType.NoSuchObject))).ToList();
        ThrowOnError(answer, "GET", oids);
        ExpectCount(answer, oids.Count, "GET");
        return answer.VarBinds;
    }

    public IReadOnlyList<SnmpVarBind> GetNext(IReadOnlyList<string> oids)
    {
        var answer = Request(SnmpPduType.GetNext, Nulls(oids), 0, 0);
        // v1 says "end of the tree" with noSuchName; give callers the v2 shape.
        if (answer.ErrorStatus == SnmpErrorStatus.NoSuchName && Settings.Version == SnmpVersion.V1)
            return oids.Select(o => new SnmpVarBind(SnmpOid.Normalize(o), new SnmpValue(SnmpValueType.EndOfMibView))).ToList();
        ThrowOnError(answer, "GETNEXT", oids);
        ExpectCount(answer, oids.Count, "GETNEXT");
        return answer.VarBinds;
    }

    public IReadOnlyList<SnmpVarBind> GetBulk(IReadOnlyList<string> oids, int nonRepeaters, int maxRepetitions)
    {
        if (Settings.Version == SnmpVersion.V1)
            return GetNext(oids); // v1 has no GETBULK: one repetition per call
        var answer = Request(SnmpPduType.GetBulk, Nulls(oids), Math.Max(0, nonRepeaters), Math.Max(0, maxRepetitions));
        ThrowOnError(answer, "GETBULK", oids);
        return answer.VarBinds;
    }

    public IReadOnlyList<SnmpVarBind> Set(IReadOnlyList<SnmpVarBind> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("SET needs at least one varbind", nameof(values));
        var answer = Request(SnmpPduType.Set, values, 0, 0);
        ThrowOnError(answer, "SET", values.Select(v => v.Oid).ToList());
        return answer.VarBinds;
    }

    SnmpPdu Request(SnmpPduType type, IReadOnlyList<SnmpVarBind> binds, int a, int b)
    {
        if (binds.Count == 0 && type != SnmpPduType.Set)
            throw new ArgumentException("at least one OID is needed", nameof(binds));
        foreach (var vb in binds)
            SnmpOid.ToAsn(vb.Oid); // a caller's bad OID is an ArgumentException before anything is sent
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var exchanger = Open();
            var request = new SnmpPdu(type, 0, a, b, binds);
            SnmpPdu answer = _usm is not null ? _usm.Exchange(exchanger, request) : exchanger.Exchange(_community!, request);
            if (answer.Type != SnmpPduType.Response)
                throw new SnmpErrorException($"SNMP agent {exchanger.Channel.Agent} answered with a {answer.Type} PDU instead of a Response");
            return answer;
        }
    }

    SnmpExchanger Open()
    {
        if (_exchanger is not null)
            return _exchanger;
        var endpoint = SnmpEndpoint.Resolve(Settings.Host);
        _channel = new UdpChannel(endpoint);
        _exchanger = new SnmpExchanger(_channel, Settings.Timeout ?? SnmpLimits.DefaultTimeout, Settings.Retries);
        if (Settings.Version == SnmpVersion.V3)
            _usm = new UsmSession(new UsmSecurity(Settings));
        return _exchanger;
    }

    void ThrowOnError(SnmpPdu answer, string op, IReadOnlyList<string> oids)
    {
        if (answer.ErrorStatus == SnmpErrorStatus.NoError)
            return;
        int i = answer.ErrorIndex;
        string at = i >= 1 && i <= oids.Count ? $" at varbind {i} ({SnmpOid.Normalize(oids[i - 1])})" : "";
        throw new SnmpErrorException(
            $"SNMP {op} {SnmpOid.Join(oids)}: agent {_channel?.Agent} answered {SnmpErrorStatus.Name(answer.ErrorStatus)} ({answer.ErrorStatus}){at}",
            answer.ErrorStatus, answer.ErrorIndex);
    }

    void ExpectCount(SnmpPdu answer, int count, string op)
    {
        if (answer.VarBinds.Count != count)
            throw new SnmpErrorException($"SNMP {op}: agent {_channel?.Agent} answered {answer.VarBinds.Count} varbinds for {count} requested");
    }

    static List<SnmpVarBind> Nulls(IReadOnlyList<string> oids) =>
        oids.Select(o => new SnmpVarBind(SnmpOid.Normalize(o), new SnmpValue(SnmpValueType.Null))).ToList();

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _channel?.Dispose();
        }
    }
}
