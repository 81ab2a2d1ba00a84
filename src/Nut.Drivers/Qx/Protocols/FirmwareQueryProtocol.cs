namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Megatec variants whose identity comes from "FW?" instead of I (Zinto, Hunnox): recognised by a Q1 status line
/// and an FW? answer. Hunnox devices start with other delays (restart at once, shut down after a minute).
/// </summary>
public sealed class FirmwareQueryProtocol(string name, string version, string defaultOnDelay, string defaultOffDelay) : QxProtocol
{
    public static FirmwareQueryProtocol Zinto() => new("Zinto", "0.06", "180", "30");
    public static FirmwareQueryProtocol Hunnox() => new("Hunnox", "0.01", "0", "60");

    public override string Name => name;
    public override string Version => version;

    protected override IReadOnlyList<string> ClaimItems => ["input.voltage", "ups.firmware"];

    public override List<QxItem> CreateItems() =>
    [
        .. BlazerItems.StatusLine("Q1"),
        .. BlazerItems.Ratings(),
        .. BlazerItems.Identity("FW?"),
        .. BlazerItems.Commands(),
        .. BlazerItems.Delays(),
    ];

    public override void InitUps(QxEngine engine) => BlazerVariants.Configure(engine, defaultOnDelay, defaultOffDelay);
}
