using System.Net.Sockets;

namespace Nut.Core.Text;

/// <summary>The C library's wording of common socket errors, as NUT's programs print them ("Connection refused").</summary>
public static class SocketErrorText
{
    public static string Of(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.AddressNotAvailable => "No such file or directory",
        SocketError.AccessDenied => "Permission denied",
        SocketError.AddressAlreadyInUse => "Address already in use",
        SocketError.TimedOut => "Connection timed out",
        SocketError.HostUnreachable => "No route to host",
        SocketError.NetworkUnreachable => "Network is unreachable",
        SocketError.ConnectionReset => "Connection reset by peer",
        _ => e.Message,
    };
}
