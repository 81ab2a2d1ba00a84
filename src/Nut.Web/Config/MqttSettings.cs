namespace Nut.Web.Config;

/// <summary>The MQTT bridge: where the broker is and what to publish. Off when <see cref="Host"/> is null.</summary>
public sealed record MqttSettings
{
    public string? Host { get; init; }
    public int Port { get; init; } = DefaultPort;
    public string? User { get; init; }
    public string? Password { get; init; }
    /// <summary>State topics go under <c>&lt;prefix&gt;/&lt;ups&gt;/...</c>.</summary>
    public string TopicPrefix { get; init; } = "nut";
    /// <summary>Home Assistant's discovery prefix; null turns discovery off.</summary>
    public string? DiscoveryPrefix { get; init; } = "homeassistant";
    /// <summary>Accept instant commands on <c>&lt;prefix&gt;/&lt;ups&gt;/command</c> (off by default: anyone who
    /// can publish to the broker could then turn the load off).</summary>
    public bool AcceptCommands { get; init; }
    public string ClientId { get; init; } = "upsweb-" + Environment.MachineName;

    public bool Enabled => Host is not null;

    public const int DefaultPort = 1883;

    /// <summary>These settings with the broker <c>host[:port]</c> (or <c>[v6]:port</c>); MQTT's port when none is
    /// given. Null with the reason when the text is not an address.</summary>
    public MqttSettings? WithBroker(string text, out string? error)
    {
        if (Nut.Client.UpsAddress.TryParseHost(text, out error) is not { } broker)
            return null;
        // TryParseHost fills in NUT's port when none is written: tell "host" from "host:3493" by the text.
        bool portGiven = text.StartsWith('[') ? text.Contains("]:", StringComparison.Ordinal) : text.Contains(':');
        return this with { Host = broker.Host, Port = portGiven ? broker.Port : DefaultPort };
    }
}
