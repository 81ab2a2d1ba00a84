namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Masterguard, as NUT 2.8.0 ships it: listed (protocol=masterguard is accepted and it has its place in the
/// detection order) but its recognition sends nothing and never succeeds, so no device is ever driven with it —
/// observed on Debian's nutdrv_qx, which we match rather than guess at a protocol nobody could use. (Its
/// recognition first looks up an item named "series", which its table calls "experimental.series".) Tested on a
/// simulated A-series device in QxProtocolDifferentialTests.More.cs.
/// </summary>
public sealed class MasterguardProtocol : QxProtocol
{
    public override string Name => "Masterguard";
    public override string Version => "0.02";

    public override List<QxItem> CreateItems() => [];

    public override bool Claim(QxEngine engine) => false;
}
