using Nut.Core.Text;

namespace Nut.Core.Config;

/// <summary>
/// A UPS "system" name as upsmon.conf's MONITOR gives it: <c>upsname[@host[:port]]</c>, the host defaulting to
/// localhost and the port to 3493, an IPv6 literal in brackets. The rules are NUT 2.8.0's as observed from its
/// upsmon (upscli_splitname/splitaddr): the port is read like C's strtol (<c>:12abc</c> is port 12, <c>:+5</c>
/// is 5) and must be 1..65535; text after <c>]</c> that is not <c>:port</c> is ignored. A name NUT cannot split
/// is not a configuration error in NUT — upsmon keeps the UPS and fails each time it tries to connect — so the
/// reason is returned in <see cref="Error"/> (NUT's words) instead of throwing.
/// </summary>
public sealed record SystemName(string UpsName, string Host, int Port, string? Error)
{
    /// <summary>What upsmon prints after the splitaddr message when a name cannot be split.</summary>
    public static string SplitFailure(string system) => $"Error: unable to split UPS name [{system}]";

    public static SystemName Split(string text)
    {
        int at = text.IndexOf('@');
        if (at < 0)
            return new SystemName(text, "localhost", NutPaths.DefaultPort, null);
        string upsName = text[..at];
        string address = text[(at + 1)..];
        if (address.Length == 0)
            return new SystemName(upsName, "", NutPaths.DefaultPort, "upscli_splitaddr: can't parse empty string");

        string host;
        string? portText = null;
        if (address[0] == '[')
        {
            int close = address.IndexOf(']');
            if (close < 0)
                return new SystemName(upsName, address[1..], NutPaths.DefaultPort, "upscli_splitaddr: missing closing bracket in [domain literal]");
            host = address[1..close];
            if (close + 1 < address.Length && address[close + 1] == ':')
                portText = address[(close + 2)..];
        }
        else
        {
            int colon = address.IndexOf(':');
            host = colon < 0 ? address : address[..colon];
            if (colon >= 0)
                portText = address[(colon + 1)..];
        }
        if (portText is null)
            return new SystemName(upsName, host, NutPaths.DefaultPort, null);
        int port = CInt.Atoi(portText);
        return port is >= 1 and <= 65535
            ? new SystemName(upsName, host, port, null)
            : new SystemName(upsName, host, 0, "upscli_splitaddr: no port specified after ':' separator");
    }
}
