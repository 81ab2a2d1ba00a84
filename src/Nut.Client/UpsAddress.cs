using Nut.Core.Config;

namespace Nut.Client;

/// <summary>
/// A UPS as NUT's tools name it: <c>upsname[@hostname[:port]]</c>; the host defaults to localhost and the port
/// to 3493; an IPv6 literal goes in brackets (<c>ups@[::1]:3493</c>).
/// </summary>
public sealed record UpsAddress(string UpsName, string Host, int Port)
{
    public override string ToString() => $"{UpsName}@{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Parses an identifier; returns null with the reason when it is not valid.</summary>
    public static UpsAddress? TryParse(string text, out string? error)
    {
        error = null;
        int at = text.IndexOf('@');
        string ups = at < 0 ? text : text[..at];
        if (at < 0)
            return new UpsAddress(ups, "localhost", NutPaths.DefaultPort);
        var host = TryParseHost(text[(at + 1)..], out error);
        return host is null ? null : new UpsAddress(ups, host.Value.Host, host.Value.Port);
    }

    /// <summary>Parses <c>hostname[:port]</c> or <c>[v6]:port</c>.</summary>
    public static (string Host, int Port)? TryParseHost(string text, out string? error)
    {
        error = null;
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0) { error = "missing ']' after an IPv6 address"; return null; }
            host = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.StartsWith(':')) port = rest[1..];
            else if (rest.Length > 0) { error = "unexpected text after ']'"; return null; }
        }
        else
        {
            int colon = text.IndexOf(':');
            host = colon < 0 ? text : text[..colon];
            if (colon >= 0) port = text[(colon + 1)..];
        }
        int p = NutPaths.DefaultPort;
        if (port is not null && (!int.TryParse(port, out p) || p < 1 || p > 65535))
        {
            error = "upscli_splitaddr: no port specified after ':' separator";
            return null;
        }
        return (host.Length == 0 ? "localhost" : host, p);
    }
}
