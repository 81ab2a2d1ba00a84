using System.Net;
using System.Net.Sockets;

namespace Nut.Testing;

/// <summary>Picks a free TCP port on 127.0.0.1 (never assumes 3493 is free).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
