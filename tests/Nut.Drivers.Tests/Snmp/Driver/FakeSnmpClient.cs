using Nut.Drivers.Snmp;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// An in-memory SNMP agent for mapping tests: a table of OIDs and values, GET/GETNEXT/SET as an agent would answer
/// them (v2c exceptions for missing objects), the SETs it received, and a switch to make it stop answering.
/// </summary>
public sealed class FakeSnmpClient(SnmpVersion version = SnmpVersion.V2c) : ISnmpClient
{
    public Dictionary<string, SnmpValue> Values { get; } = [];
    public List<SnmpVarBind> Sets { get; } = [];
    /// <summary>OIDs whose SET the agent refuses (notWritable).</summary>
    public HashSet<string> ReadOnly { get; } = [];
    public bool TimesOut { get; set; }
    public int Requests { get; private set; }

    public SnmpSettings Settings { get; } = new("fake", version);

    public FakeSnmpClient With(string oid, SnmpValue v) { Values[oid] = v; return this; }
    public FakeSnmpClient Int(string oid, long v) => With(oid, SnmpValue.Int(v));
    public FakeSnmpClient Str(string oid, string v) => With(oid, SnmpValue.String(v));
    public FakeSnmpClient Gauge(string oid, long v) => With(oid, new SnmpValue(SnmpValueType.Gauge32, v));
    public FakeSnmpClient Ticks(string oid, long v) => With(oid, new SnmpValue(SnmpValueType.TimeTicks, v));

    void Answering()
    {
        Requests++;
        if (TimesOut)
            throw new SnmpTimeoutException("fake agent: no answer");
    }

    public IReadOnlyList<SnmpVarBind> Get(IReadOnlyList<string> oids)
    {
        Answering();
        return oids.Select(o => new SnmpVarBind(o, Values.TryGetValue(o, out var v) ? v : new SnmpValue(SnmpValueType.NoSuchObject))).ToList();
    }

    public IReadOnlyList<SnmpVarBind> GetNext(IReadOnlyList<string> oids)
    {
        Answering();
        var sorted = Values.Keys.OrderBy(k => k, OidComparer.Instance).ToList();
        return oids.Select(o =>
        {
            string? next = sorted.FirstOrDefault(k => OidComparer.Instance.Compare(k, o) > 0);
            return next is null ? new SnmpVarBind(o, new SnmpValue(SnmpValueType.EndOfMibView)) : new SnmpVarBind(next, Values[next]);
        }).ToList();
    }

    public IReadOnlyList<SnmpVarBind> GetBulk(IReadOnlyList<string> oids, int nonRepeaters, int maxRepetitions) => GetNext(oids);

    public IReadOnlyList<SnmpVarBind> Set(IReadOnlyList<SnmpVarBind> values)
    {
        Answering();
        foreach (var vb in values)
        {
            if (ReadOnly.Contains(vb.Oid) || !Values.ContainsKey(vb.Oid))
                throw new SnmpErrorException("notWritable", 17, 1);
            Sets.Add(vb);
            Values[vb.Oid] = vb.Value;
        }
        return values;
    }

    public void Dispose() { }

    sealed class OidComparer : IComparer<string>
    {
        public static readonly OidComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = x!.Trim('.').Split('.').Select(long.Parse).ToArray();
            var b = y!.Trim('.').Split('.').Select(long.Parse).ToArray();
            for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
                if (a[i] != b[i])
                    return a[i].CompareTo(b[i]);
            return a.Length.CompareTo(b.Length);
        }
    }
}
