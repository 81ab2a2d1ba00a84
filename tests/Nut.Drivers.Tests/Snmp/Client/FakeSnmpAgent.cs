using System.Net;
using System.Net.Sockets;
using Nut.Drivers.Snmp;

namespace Nut.Drivers.Tests.Snmp.Client;

/// <summary>
/// An in-process v2c agent on 127.0.0.1 that misbehaves on purpose: for each request it asks <see cref="Behaviour"/>
/// what to send back (any datagrams, each after a delay), so tests can answer garbage, wrong request-ids, late
/// answers, nothing at all, or huge answers.
/// </summary>
sealed class FakeSnmpAgent : IDisposable
{
    readonly Socket _socket;
    readonly Thread _loop;
    volatile bool _stopping;
    int _requests;

    /// <summary>A well-formed answer to <paramref name="request"/>: string values echoing each OID.</summary>
    public static byte[] Answer(SnmpPdu request, int? requestId = null, string text = "ok") =>
        CommunityCodec.Encode(1, "public"u8.ToArray(), new SnmpPdu(SnmpPduType.Response, requestId ?? request.RequestId, 0, 0,
            request.VarBinds.Select(v => new SnmpVarBind(v.Oid, SnmpValue.String(text))).ToList()));

    /// <param name="address">127.0.0.1 unless given (::1 for the IPv6 test).</param>
    public FakeSnmpAgent(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        _socket.ReceiveTimeout = 100;
        Behaviour = (req, _) => [(Answer(req), TimeSpan.Zero)];
        // Dedicated threads, not the thread pool: under a loaded test run the pool may be slow to schedule.
        _loop = new Thread(Loop) { IsBackground = true, Name = "fake-snmp-agent" };
        _loop.Start();
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>(request, index of the request since start) → datagrams to send back, each after its delay.</summary>
    public Func<SnmpPdu, int, IEnumerable<(byte[] Datagram, TimeSpan Delay)>> Behaviour { get; set; }

    void Loop()
    {
        var codec = new CommunityCodec(SnmpVersion.V2c, "public");
        var buffer = new byte[70_000];
        while (!_stopping)
        {
            EndPoint from = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException)
            {
                continue; // receive time-out: look at _stopping again
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            SnmpPdu request;
            try
            {
                // The codec checks structure only, so it parses requests as well as answers.
                request = codec.Decode(buffer[..n]).Pdu;
            }
            catch (SnmpErrorException)
            {
                continue;
            }
            int index = Interlocked.Increment(ref _requests) - 1;
            var replies = Behaviour(request, index).ToList();
            if (replies.All(r => r.Delay == TimeSpan.Zero))
                Send(replies, from);
            else
                new Thread(() => Send(replies, from)) { IsBackground = true }.Start();
        }
    }

    void Send(List<(byte[] Datagram, TimeSpan Delay)> replies, EndPoint to)
    {
        foreach (var (datagram, delay) in replies)
        {
            if (delay > TimeSpan.Zero)
                Thread.Sleep(delay);
            try
            {
                _socket.SendTo(datagram, to);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _loop.Join(2000);
        _socket.Dispose();
    }
}
