namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The Megatec/Q1 protocol (testdata/serial/megatec.md): status from Q1, ratings from F, identity from I; the
/// device is recognised by a Q1 status line and an I identity.
/// </summary>
public sealed class MegatecProtocol : QxProtocol
{
    public override string Name => "Megatec";
    public override string Version => "0.06";

    protected override IReadOnlyList<string> ClaimItems => ["input.voltage", "ups.firmware"];

    public override List<QxItem> CreateItems() =>
    [
        .. BlazerItems.StatusLine("Q1"),
        .. BlazerItems.Ratings(),
        .. BlazerItems.Identity(),
        .. BlazerItems.Commands(),
        .. BlazerItems.Delays(),
    ];

    public override void InitUps(QxEngine engine) => BlazerVariants.Configure(engine);
}
