namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Megatec variants recognised by their status line alone: the status query differs (Q1, QS for Mustek, D for
/// the old Megatec firmware), everything else is Megatec's.
/// </summary>
public sealed class StatusOnlyProtocol(string name, string version, string statusCommand, bool ratingsAndIdentity) : QxProtocol
{
    /// <summary>Mustek: status from QS.</summary>
    public static StatusOnlyProtocol Mustek() => new("Mustek", "0.07", "QS", true);

    /// <summary>Old Megatec firmware: status from D.</summary>
    public static StatusOnlyProtocol MegatecOld() => new("Megatec/old", "0.07", "D", true);

    /// <summary>The fallback for anything that answers Q1: the status line only.</summary>
    public static StatusOnlyProtocol Q1() => new("Q1", "0.07", "Q1", false);

    public override string Name => name;
    public override string Version => version;

    protected override IReadOnlyList<string> ClaimItems => ["input.voltage"];

    public override List<QxItem> CreateItems() => ratingsAndIdentity
        ?
        [
            .. BlazerItems.StatusLine(statusCommand),
            .. BlazerItems.Ratings(),
            .. BlazerItems.Identity(),
            .. BlazerItems.Commands(),
            .. BlazerItems.Delays(),
        ]
        :
        [
            .. BlazerItems.StatusLine(statusCommand),
            .. BlazerItems.Commands(),
            .. BlazerItems.Delays(),
        ];

    public override void InitUps(QxEngine engine) => BlazerVariants.Configure(engine);
}
