using System.Diagnostics;
using Nut.Drivers.Snmp;

namespace Nut.Drivers.Tests.Snmp.Client;

/// <summary>What snmpd cannot do: an agent answering garbage, truncated BER, wrong request-ids, too late, never, or
/// hugely. The client throws only SnmpTimeoutException/SnmpErrorException and the next call works.</summary>
public sealed class ClientFakeAgentTests : IDisposable
{
    const string Oid = ".1.3.6.1.2.1.1.1.0";
    // Short tries keep the suite fast; 3 retries give a recovering call 1 s of slack on a loaded machine.
    static readonly TimeSpan Try = TimeSpan.FromMilliseconds(250);
    const int Retries = 3;
    readonly FakeSnmpAgent _agent = new();
    readonly ISnmpClient _client;

    public ClientFakeAgentTests() =>
        _client = SnmpClient.Create(new SnmpSettings($"127.0.0.1:{_agent.Port}", SnmpVersion.V2c, Timeout: Try, Retries: Retries));

    public void Dispose()
    {
        _client.Dispose();
        _agent.Dispose();
    }

    static IEnumerable<(byte[], TimeSpan)> Now(params byte[][] datagrams) => datagrams.Select(d => (d, TimeSpan.Zero));

    void Recovers()
    {
        _agent.Behaviour = (req, _) => Now(FakeSnmpAgent.Answer(req, text: "fine"));
        var vb = _client.Get([Oid]);
        Assert.Equal("fine", System.Text.Encoding.UTF8.GetString(vb[0].Value.Bytes!));
    }

    [Fact]
    public void GarbageIsAnErrorNamingWhatCameBackThenRecovers()
    {
        _agent.Behaviour = (_, _) => Now("this is not BER"u8.ToArray());
        var ex = Assert.Throws<SnmpErrorException>(() => _client.Get([Oid]));
        Assert.Contains("no valid answer", ex.Message);
        Assert.Contains("malformed SNMP message", ex.Message);
        Recovers();
    }

    [Fact]
    public void TruncatedBerIsAnErrorThenRecovers()
    {
        _agent.Behaviour = (req, _) => Now(FakeSnmpAgent.Answer(req)[..^3]);
        Assert.Throws<SnmpErrorException>(() => _client.Get([Oid]));
        Recovers();
    }

    [Fact]
    public void WrongRequestIdIsIgnoredAndTheRightOneAccepted()
    {
        // A foreign answer first, then the real one within the same try.
        _agent.Behaviour = (req, _) => Now(FakeSnmpAgent.Answer(req, req.RequestId + 1000, "foreign"), FakeSnmpAgent.Answer(req, text: "mine"));
        var vb = _client.Get([Oid]);
        Assert.Equal("mine", System.Text.Encoding.UTF8.GetString(vb[0].Value.Bytes!));
        // Only foreign answers: a time-out, not a wrong value.
        _agent.Behaviour = (req, _) => Now(FakeSnmpAgent.Answer(req, req.RequestId + 1000, "foreign"));
        Assert.Throws<SnmpTimeoutException>(() => _client.Get([Oid]));
        Recovers();
    }

    [Fact]
    public void NoAnswerTimesOutAfterOnePlusRetriesTries()
    {
        _agent.Behaviour = (_, _) => [];
        var sw = Stopwatch.StartNew();
        var ex = Assert.Throws<SnmpTimeoutException>(() => _client.Get([Oid]));
        Assert.Contains($"after {1 + Retries} tries", ex.Message);
        Assert.Equal(1 + Retries, _agent.Requests); // net-snmp counting: 1 try + snmp_retries
        Assert.True(sw.Elapsed >= Try * (1 + Retries) * 0.9, $"gave up after {sw.Elapsed}"); // it waited each try's full time-out
        Recovers();
    }

    [Fact]
    public void EachRetryUsesAFreshRequestIdAndALateAnswerToAnEarlierTryCounts()
    {
        var ids = new List<int>();
        // Try 1 is answered only after its time-out ran out (during try 2); try 2 is not answered.
        _agent.Behaviour = (req, n) =>
        {
            lock (ids) ids.Add(req.RequestId);
            return n == 0 ? [(FakeSnmpAgent.Answer(req, text: "late"), Try * 1.5)] : [];
        };
        var vb = _client.Get([Oid]);
        Assert.Equal("late", System.Text.Encoding.UTF8.GetString(vb[0].Value.Bytes!));
        lock (ids)
        {
            Assert.InRange(ids.Count, 2, 1 + Retries);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Fact]
    public void AnAnswerAfterTheCallGaveUpIsNotTakenForTheNextCall()
    {
        // Every try answered only after the whole call gave up: the stale answers arrive while the next call waits.
        _agent.Behaviour = (req, _) => [(FakeSnmpAgent.Answer(req, text: "stale"), Try * (Retries + 1.5))];
        Assert.Throws<SnmpTimeoutException>(() => _client.Get([Oid]));
        _agent.Behaviour = (req, _) => [(FakeSnmpAgent.Answer(req, text: "fresh"), Try * 0.5)];
        var vb = _client.Get([Oid]);
        Assert.Equal("fresh", System.Text.Encoding.UTF8.GetString(vb[0].Value.Bytes!));
    }

    [Fact]
    public void AHugeAnswerIsReadWhole()
    {
        string big = new('x', 60_000);
        _agent.Behaviour = (req, _) => Now(FakeSnmpAgent.Answer(req, text: big));
        var vb = _client.Get([Oid]);
        Assert.Equal(60_000, vb[0].Value.Bytes!.Length);
        Recovers();
    }

    [Fact]
    public void TooManyVarBindsAreRefused()
    {
        // 5000 tiny varbinds fit one datagram (40 kB) but exceed SnmpLimits.MaxVarBinds.
        _agent.Behaviour = (req, _) => Now(CommunityCodec.Encode(1, "public"u8.ToArray(), new SnmpPdu(SnmpPduType.Response, req.RequestId, 0, 0,
            Enumerable.Range(0, 5000).Select(_ => new SnmpVarBind(".1.3", new SnmpValue(SnmpValueType.Null))).ToList())));
        Assert.Contains("varbinds", Assert.Throws<SnmpErrorException>(() => _client.Get([Oid])).Message);
        Recovers();
    }

    [Fact]
    public void ErrorStatusAndWrongVarBindCountAreErrors()
    {
        _agent.Behaviour = (req, _) => Now(CommunityCodec.Encode(1, "public"u8.ToArray(), req with { Type = SnmpPduType.Response, ErrorStatus = 5, ErrorIndex = 1 }));
        var ex = Assert.Throws<SnmpErrorException>(() => _client.Get([Oid]));
        Assert.Equal(5, ex.ErrorStatus);
        Assert.Contains("genErr (5) at varbind 1 (" + Oid + ")", ex.Message);
        _agent.Behaviour = (req, _) => Now(CommunityCodec.Encode(1, "public"u8.ToArray(), req with { Type = SnmpPduType.Response, VarBinds = [] }));
        Assert.Contains("0 varbinds for 1", Assert.Throws<SnmpErrorException>(() => _client.Get([Oid])).Message);
        Recovers();
    }

    [Fact]
    public void AnAgentThatIsGoneTimesOut()
    {
        int port = _agent.Port;
        _agent.Dispose(); // nothing listens now: ICMP port unreachable, which must read as silence
        using var c = SnmpClient.Create(new SnmpSettings($"127.0.0.1:{port}", SnmpVersion.V1, Timeout: TimeSpan.FromMilliseconds(100), Retries: 2));
        Assert.Contains("after 3 tries", Assert.Throws<SnmpTimeoutException>(() => c.Get([Oid])).Message);
    }

    [Fact]
    public void Ipv6AgentsAreReachedThroughBrackets()
    {
        using var v6 = new FakeSnmpAgent(System.Net.IPAddress.IPv6Loopback);
        v6.Behaviour = (req, _) => Now(FakeSnmpAgent.Answer(req, text: "over v6"));
        using var c = SnmpClient.Create(new SnmpSettings($"[::1]:{v6.Port}", SnmpVersion.V2c, Timeout: TimeSpan.FromSeconds(1), Retries: 2));
        Assert.Equal("over v6", System.Text.Encoding.UTF8.GetString(c.Get([Oid])[0].Value.Bytes!));
    }
}
