namespace Nut.Core.Protocol;

/// <summary>The NUT release we are compatible with and the strings that carry it (peers compare them).</summary>
public static class NutVersion
{
    /// <summary>UPS_VERSION of the NUT build we stand in for (Debian bookworm ships 2.8.0).</summary>
    public const string Release = "2.8.0";
    /// <summary>Network protocol version (NETVER / PROTVER).</summary>
    public const string ProtocolVersion = "1.3";
    public const string Url = "http://www.networkupstools.org/";
    /// <summary>The VER reply and server.info value.</summary>
    public const string ServerInfo = "Network UPS Tools upsd " + Release + " - " + Url;
}
