namespace Nut.Web.Config;

/// <summary>The MQTT bridge: where the broker is and what to publish. Off when <see cref="Host"/> is null.</summary>
public sealed record MqttSettings
{
    public string? Host { get; init; }
    public int Port { get; init; } = 1883;
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
}
