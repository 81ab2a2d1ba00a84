using Nut.Client;

namespace Nut.Web.Watching;

/// <summary>
/// One entry of the watch list: a UPS on a NUT server (<c>ups@host:port</c>), or every UPS a server lists
/// (<c>*@host:port</c>, <see cref="UpsName"/> null). The credentials are optional: they are what MQTT
/// commands use (a browser logs in with its own, checked against upsd).
/// </summary>
public sealed record WatchTarget(string? UpsName, string Host, int Port, string? User = null, string? Password = null)
{
    public bool AllOnServer => UpsName is null;

    public string Server => (Host.Contains(':') ? $"[{Host}]" : Host) + ":" + Port;

    /// <summary>Parses <c>ups@host[:port]</c>, <c>ups</c> (localhost) or <c>*@host[:port]</c>.</summary>
    public static WatchTarget? TryParse(string text, out string? error)
    {
        if (text.StartsWith("*@", StringComparison.Ordinal) || text == "*")
        {
            string host = text.Length > 2 ? text[2..] : "localhost";
            if (UpsAddress.TryParseHost(host, out error) is not { } hp)
                return null;
            return new WatchTarget(null, hp.Host, hp.Port);
        }
        if (UpsAddress.TryParse(text, out error) is not { } address)
            return null;
        if (address.UpsName.Length == 0)
        {
            error = "no UPS name before '@' (write ups@host, or *@host for every UPS on that server)";
            return null;
        }
        return new WatchTarget(address.UpsName, address.Host, address.Port);
    }

    public override string ToString() => (UpsName ?? "*") + "@" + Server;
}
