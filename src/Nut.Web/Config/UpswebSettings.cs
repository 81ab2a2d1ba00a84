using System.Net;
using Nut.Web.Watching;

namespace Nut.Web.Config;

/// <summary>One address the web server listens on.</summary>
public sealed record ListenEndpoint(string Address, int Port)
{
    public const int DefaultPort = 8080;

    public override string ToString() => (Address.Contains(':') ? $"[{Address}]" : Address) + ":" + Port;

    /// <summary>Parses <c>address[:port]</c>, <c>[v6]:port</c> or a bare <c>:port</c> (all addresses).</summary>
    public static ListenEndpoint? TryParse(string text, out string? error)
    {
        error = null;
        string address = text, port = DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0) { error = $"'{text}': missing ']' after the IPv6 address"; return null; }
            address = text[1..close];
            if (text.Length > close + 1)
            {
                if (text[close + 1] != ':') { error = $"'{text}': expected ':port' after ']'"; return null; }
                port = text[(close + 2)..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':');
            address = text[..colon];
            port = text[(colon + 1)..];
        }
        if (!int.TryParse(port, out int p) || p < 0 || p > 65535)
        {
            error = $"'{text}': expected a port number from 0 to 65535";
            return null;
        }
        if (address.Length == 0)
            address = "0.0.0.0";
        return new ListenEndpoint(address, p);
    }

    public IPAddress[] Resolve() =>
        IPAddress.TryParse(Address, out var ip) ? [ip]
        : Address == "localhost" ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
        : Dns.GetHostAddresses(Address);
}

/// <summary>Everything upsweb runs with, from its config file and command line.</summary>
public sealed record UpswebSettings
{
    public const string DefaultHistoryFile = "/var/lib/nut/upsweb.db";

    public List<ListenEndpoint> Listen { get; init; } = [];
    public List<WatchTarget> Targets { get; init; } = [];
    public WatchSettings Watch { get; init; } = new();
    /// <summary>The SQLite file that keeps the history; null: in memory only (lost on restart).</summary>
    public string? HistoryFile { get; init; } = DefaultHistoryFile;
    /// <summary>True when HISTORY or --history named the file: then failing to open it is an error, not a fallback to memory.</summary>
    public bool HistoryFileGiven { get; init; }
    public TimeSpan HistoryInterval { get; init; } = TimeSpan.FromSeconds(10);
    public int HistoryDays { get; init; } = 35;
    public MqttSettings Mqtt { get; init; } = new();
    /// <summary>upsmon.conf, read for SHUTDOWNTIME and SHUTDOWNRULE lines (the battery-health budget).</summary>
    public string? UpsmonConf { get; init; } = Nut.Core.Config.NutPaths.ConfFile("upsmon.conf");

    /// <summary>How long a browser login lasts without use.</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromMinutes(30);


    public IEnumerable<ListenEndpoint> EffectiveListen => Listen.Count > 0 ? Listen : [new ListenEndpoint("127.0.0.1", ListenEndpoint.DefaultPort)];
}
