using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nut.Drivers.Snmp;

/// <summary>
/// Parses where the agent is: "host", "host:port", "[v6]:port", a bare IPv6 address, with an optional net-snmp
/// style "udp:" / "udp6:" prefix; resolves names (IPv4 first, like net-snmp's "udp:" default).
/// </summary>
public static class SnmpEndpoint
{
    public static (string Host, int Port) Split(string text)
    {
        string s = text.Trim();
        if (s.StartsWith("udp6:", StringComparison.OrdinalIgnoreCase))
            s = s[5..];
        else if (s.StartsWith("udp:", StringComparison.OrdinalIgnoreCase))
            s = s[4..];
        if (s.Length == 0)
            throw new SnmpErrorException($"no agent address in '{text}' (expected host, host:port or [v6]:port)");
        if (s[0] == '[')
        {
            int close = s.IndexOf(']');
            if (close < 0)
                throw new SnmpErrorException($"'{text}': missing ']' after the IPv6 address");
            string host = s[1..close];
            string rest = s[(close + 1)..];
            if (rest.Length == 0)
                return (host, SnmpLimits.DefaultPort);
            if (rest[0] != ':')
                throw new SnmpErrorException($"'{text}': expected ':port' after ']'");
            return (host, ParsePort(rest[1..], text));
        }
        int colon = s.IndexOf(':');
        if (colon < 0)
            return (s, SnmpLimits.DefaultPort);
        if (s.IndexOf(':', colon + 1) >= 0)
            return (s, SnmpLimits.DefaultPort); // several colons: a bare IPv6 address
        return (s[..colon], ParsePort(s[(colon + 1)..], text));
    }

    static int ParsePort(string p, string text) =>
        int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? port
            : throw new SnmpErrorException($"'{text}': '{p}' is not a UDP port (1-65535)");

    public static IPEndPoint Resolve(string text)
    {
        var (host, port) = Split(text);
        if (IPAddress.TryParse(host, out var ip))
            return new IPEndPoint(ip, port);
        IPAddress[] all;
        try
        {
            all = Dns.GetHostAddresses(host);
        }
        catch (SocketException e)
        {
            throw new SnmpErrorException($"cannot resolve SNMP agent host '{host}': {e.Message}");
        }
        var pick = all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.FirstOrDefault()
            ?? throw new SnmpErrorException($"SNMP agent host '{host}' has no address");
        return new IPEndPoint(pick, port);
    }
}
