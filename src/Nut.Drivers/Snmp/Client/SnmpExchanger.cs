using System.Diagnostics;

namespace Nut.Drivers.Snmp;

/// <summary>
/// Sends one request and waits for its answer the way net-snmp counts: one try plus <c>retries</c> more, each
/// waiting <c>timeout</c>, each with a fresh request-id; an answer to any earlier try of the same call is accepted,
/// anything else (stale answers of earlier calls, foreign or undecodable datagrams) is ignored.
/// </summary>
public sealed class SnmpExchanger(UdpChannel channel, TimeSpan timeout, int retries)
{
    int _nextId = Random.Shared.Next(1, int.MaxValue / 2);

    public UdpChannel Channel => channel;

    public int NextId()
    {
        _nextId = _nextId >= int.MaxValue - 1 ? 1 : _nextId + 1;
        return _nextId;
    }

    public SnmpPdu Exchange(ISnmpMessageCodec codec, SnmpPdu request)
    {
        var sent = new HashSet<int>();
        string? garbage = null;
        int tries = 1 + Math.Max(0, retries);
        channel.Drain();
        for (int t = 0; t < tries; t++)
        {
            int id = NextId();
            sent.Add(id);
            byte[] datagram = codec.Encode(request with { RequestId = id }, id);
            if (datagram.Length > SnmpLimits.MaxRequest)
                throw new SnmpErrorException($"SNMP request of {datagram.Length} bytes is larger than the {SnmpLimits.MaxRequest}-byte limit");
            channel.Send(datagram);
            long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (channel.Receive(deadline) is { } answer)
            {
                SnmpDecoded decoded;
                try
                {
                    decoded = codec.Decode(answer);
                }
                catch (SnmpErrorException e)
                {
                    garbage = e.Message;
                    continue;
                }
                if (sent.Contains(decoded.MessageId))
                    return decoded.Pdu;
            }
        }
        string where = channel.Agent.ToString();
        if (garbage is not null)
            throw new SnmpErrorException($"no valid answer from SNMP agent {where} after {tries} tries; it sent: {garbage}");
        throw new SnmpTimeoutException(
            $"no answer from SNMP agent {where} after {tries} tries of {timeout.TotalSeconds:0.###} s (snmp_timeout/snmp_retries)");
    }
}
