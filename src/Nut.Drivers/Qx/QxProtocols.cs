using Nut.Drivers.Qx.Protocols;

namespace Nut.Drivers.Qx;

/// <summary>The Q* protocols in the order nutdrv_qx tries them when none is forced with <c>protocol=</c>.</summary>
public static class QxProtocols
{
    /// <summary>A fresh set, most specific first; Q1 (status line only) is the fallback.</summary>
    public static IReadOnlyList<QxProtocol> DetectionOrder() =>
    [
        new VoltronicProtocol(),
        VoltronicQsProtocol.Plain(),
        VoltronicQsProtocol.Hex(),
        StatusOnlyProtocol.Mustek(),
        StatusOnlyProtocol.MegatecOld(),
        new BestUpsProtocol(),
        new MecerProtocol(),
        new MegatecProtocol(),
        FirmwareQueryProtocol.Zinto(),
        new MasterguardProtocol(),
        FirmwareQueryProtocol.Hunnox(),
        new AblerexProtocol(),
        StatusOnlyProtocol.Q1(),
    ];

    /// <summary>True when <c>protocol=</c> names this protocol (its name without the version, any case).</summary>
    public static bool Matches(QxProtocol protocol, string requested) =>
        string.Equals(protocol.Name, requested, StringComparison.OrdinalIgnoreCase);
}
