using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Nut.Drivers.Snmp;

/// <summary>
/// One connected UDP socket to the agent. Connecting makes the kernel drop datagrams from any other address,
/// so only the agent's (possibly stale) answers reach us.
/// </summary>
public sealed class UdpChannel : IDisposable
{
    readonly Socket _socket;
    readonly byte[] _buffer = new byte[SnmpLimits.MaxDatagram + 1];

    public UdpChannel(IPEndPoint agent)
    {
        _socket = new Socket(agent.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Connect(agent);
        Agent = agent;
    }

    public IPEndPoint Agent { get; }

    public void Send(byte[] datagram)
    {
        try
        {
            _socket.Send(datagram);
        }
        catch (SocketException)
        {
            // An ICMP error from an earlier datagram may surface here; the try simply times out like a lost datagram.
        }
    }

    /// <summary>Next datagram before <paramref name="deadline"/> (Stopwatch ticks), or null when time is up.</summary>
    public byte[]? Receive(long deadline)
    {
        while (true)
        {
            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
                return null;
            long micros = Math.Max(1, left * 1_000_000 / Stopwatch.Frequency);
            try
            {
                if (!_socket.Poll((int)Math.Min(micros, int.MaxValue), SelectMode.SelectRead))
                    continue;
                int n = _socket.Receive(_buffer);
                if (n > SnmpLimits.MaxDatagram)
                    continue;
                return _buffer.AsSpan(0, n).ToArray();
            }
            catch (SocketException)
            {
                // ICMP port unreachable and friends: net-snmp ignores them and keeps waiting for the time-out.
                continue;
            }
        }
    }

    /// <summary>Drops whatever is queued (late answers to earlier calls) before a new request.</summary>
    public void Drain()
    {
        try
        {
            while (_socket.Available > 0)
                _socket.Receive(_buffer);
        }
        catch (SocketException)
        {
        }
    }

    public void Dispose() => _socket.Dispose();
}
