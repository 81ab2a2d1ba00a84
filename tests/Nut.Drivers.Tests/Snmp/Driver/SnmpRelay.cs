using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// A UDP relay in front of an agent. It records, in order, which of the watched OIDs each request names (found by
/// their BER encoding in the datagram, so only for v1/v2c, where requests are not encrypted): tests count what a
/// driver asks for instead of timing it. Its <see cref="Mode"/> makes it play a bad agent: answer garbage, or nothing.
/// </summary>
public sealed class SnmpRelay : IDisposable
{
    readonly UdpClient _front = new(new IPEndPoint(IPAddress.Loopback, 0));
    readonly IPEndPoint _agent;
    readonly (string Oid, byte[] Ber)[] _watched;
    readonly List<string> _seen = [];
    readonly Thread _thread;
    volatile bool _stop;

    public SnmpRelay(int agentPort, params string[] watched)
    {
        _agent = new IPEndPoint(IPAddress.Loopback, agentPort);
        _watched = [.. watched.Select(o => (o, Encode(o)))];
        _front.Client.ReceiveTimeout = 200;
        _thread = new Thread(Run) { IsBackground = true };
        _thread.Start();
    }

    public enum RelayMode { Forward, Garbage, Drop }

    public volatile RelayMode Mode = RelayMode.Forward;

    public int Port => ((IPEndPoint)_front.Client.LocalEndPoint!).Port;
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The watched OIDs named by the requests so far, in order.</summary>
    public List<string> Seen { get { lock (_seen) return [.. _seen]; } }

    public int Count(string oid) => Seen.Count(s => s == oid);

    void Run()
    {
        using var back = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        back.Client.ReceiveTimeout = 3000;
        while (!_stop)
        {
            IPEndPoint? from = null;
            byte[] request;
            try { request = _front.Receive(ref from); }
            catch (SocketException) { continue; }
            foreach (var (oid, ber) in _watched)
                if (request.AsSpan().IndexOf(ber) >= 0)
                    lock (_seen) _seen.Add(oid);
            switch (Mode)
            {
                case RelayMode.Drop:
                    break;
                case RelayMode.Garbage:
                    _front.Send([0x30, 0x03, 0x02, 0x01, 0xff, 0x00, 0x13, 0x37], 8, from);
                    _front.Send("not SNMP at all"u8.ToArray(), 15, from);
                    break;
                default:
                    back.Send(request, request.Length, _agent);
                    try
                    {
                        IPEndPoint? any = null;
                        var answer = back.Receive(ref any);
                        _front.Send(answer, answer.Length, from);
                    }
                    catch (SocketException) { }
                    break;
            }
        }
    }

    /// <summary>The OID as a BER OBJECT IDENTIFIER (tag, length, content), as it appears in a varbind.</summary>
    static byte[] Encode(string oid)
    {
        var arcs = oid.Trim('.').Split('.').Select(a => ulong.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var content = new List<byte> { (byte)(arcs[0] * 40 + arcs[1]) };
        foreach (var arc in arcs.Skip(2))
        {
            var groups = new Stack<byte>();
            ulong v = arc;
            groups.Push((byte)(v & 0x7f));
            while ((v >>= 7) != 0)
                groups.Push((byte)(0x80 | (v & 0x7f)));
            content.AddRange(groups);
        }
        return [0x06, (byte)content.Count, .. content];
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _front.Dispose();
    }
}
