using System.Net.Sockets;

namespace Nut.Testing;

/// <summary>A driver's Unix socket (the one upsd talks to), for tests that speak the driver protocol themselves.</summary>
public static class DriverSocket
{
    /// <summary>
    /// Connects to the socket at <paramref name="path"/>, retrying while the driver is still starting (a driver
    /// opens its socket only after its first update, as NUT's do).
    /// </summary>
    public static Socket ConnectWhenListening(string path, double seconds = 30)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(path));
                return socket;
            }
            catch (SocketException) when (DateTime.UtcNow < end)
            {
                socket.Dispose();
                Thread.Sleep(50);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
