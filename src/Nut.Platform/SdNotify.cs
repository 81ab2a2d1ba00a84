using System.Net.Sockets;
using System.Text;

namespace Nut.Platform;

/// <summary>
/// systemd's readiness protocol (sd_notify): one datagram such as <c>READY=1</c> to the Unix socket named by
/// <c>$NOTIFY_SOCKET</c>. Written by hand rather than taken from Microsoft.Extensions.Hosting.Systemd, which
/// needs the generic host our plain programs do not use. Without <c>$NOTIFY_SOCKET</c> (not started by a
/// <c>Type=notify</c> unit) every call does nothing, and a failed send is ignored: readiness reporting must
/// never stop a daemon from running.
/// </summary>
public static class SdNotify
{
    /// <summary>The daemon is up: listening, configuration loaded. systemd then starts the units ordered after it.</summary>
    public static void Ready() => Send("READY=1");

    /// <summary>The daemon is shutting down (so a stop is not mistaken for a crash while it finishes).</summary>
    public static void Stopping() => Send("STOPPING=1");

    /// <summary>Sends <paramref name="state"/> (newline-separated assignments); false when there is no socket or the send failed.</summary>
    public static bool Send(string state)
    {
        string? socketName = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(socketName))
            return false;
        // '@' marks a Linux abstract socket; its real name starts with a NUL byte.
        if (socketName[0] == '@')
            socketName = "\0" + socketName[1..];
        else if (socketName[0] != '/')
            return false; // systemd only ever passes absolute or abstract names
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(socketName));
            return true;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return false;
        }
    }
}
