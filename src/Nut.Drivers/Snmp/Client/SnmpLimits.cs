namespace Nut.Drivers.Snmp;

/// <summary>Sizes and defaults of the SNMP client, named once.</summary>
public static class SnmpLimits
{
    /// <summary>Standard SNMP agent port.</summary>
    public const int DefaultPort = 161;

    /// <summary>Largest UDP payload over IPv4 (65535 - 8 UDP - 20 IP): the receive buffer and our advertised
    /// msgMaxSize for v3, which is what net-snmp advertises as well.</summary>
    public const int MaxDatagram = 65507;

    /// <summary>Requests larger than this are refused before sending (one Ethernet frame is 1472; agents must
    /// accept at least 484 per RFC 3417; we allow up to a full datagram but never build one bigger).</summary>
    public const int MaxRequest = MaxDatagram;

    /// <summary>The most varbinds one answer may carry before we call it garbage (protects callers from a
    /// hostile agent sending a datagram full of tiny varbinds).</summary>
    public const int MaxVarBinds = 4096;

    /// <summary>snmp-ups' and net-snmp's defaults: 1 s per try, 5 retries (6 tries in all).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);
    public const int DefaultRetries = 5;
}
