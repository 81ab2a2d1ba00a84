using System.Net;

namespace Nut.Tools.Check;

/// <summary>Whether a host name in a MONITOR line means this machine (so its UPS must be in this ups.conf).</summary>
public static class LocalHost
{
    public static bool Is(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        if (IPAddress.TryParse(host, out var ip))
            return IPAddress.IsLoopback(ip);
        string me = Dns.GetHostName();
        return host.Equals(me, StringComparison.OrdinalIgnoreCase)
            || host.Equals(me.Split('.')[0], StringComparison.OrdinalIgnoreCase);
    }
}
