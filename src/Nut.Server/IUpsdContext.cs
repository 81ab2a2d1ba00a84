using Nut.Core.Config;

namespace Nut.Server;

/// <summary>What the protocol handler needs from the running server (a fake in unit tests).</summary>
public interface IUpsdContext
{
    /// <summary>The UPS with that name (case-insensitive), or null.</summary>
    UpsEntry? FindUps(string name);

    /// <summary>Served UPSes in ups.conf order.</summary>
    IReadOnlyList<UpsEntry> UpsList { get; }

    UpsdUsers Users { get; }
    CmdVarTab Descriptions { get; }
    TrackingTable Tracking { get; }

    /// <summary>Every connected client.</summary>
    IEnumerable<ClientState> Clients { get; }

    /// <summary>True when a certificate is configured, so STARTTLS can succeed.</summary>
    bool TlsConfigured { get; }
}
