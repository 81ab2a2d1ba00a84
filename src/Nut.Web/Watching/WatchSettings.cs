namespace Nut.Web.Watching;

/// <summary>How the pollers talk to upsd.</summary>
public sealed record WatchSettings
{
    /// <summary>Time between two LIST VAR of one UPS. Half a second keeps the dashboard within a second of
    /// upsd, at a cost upsd does not notice (one request per UPS per poll, on a connection kept open).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one request may take before the server counts as unreachable.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two connection attempts to a server that is down.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a <c>*@host</c> watch asks the server for its list of UPSes again.</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Send STARTTLS first, as NUT's clients try to; go on in clear when the server declines.</summary>
    public bool TryTls { get; init; }
}
