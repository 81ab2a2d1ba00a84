namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Ablerex: Megatec's Q1 status line and I identity, with F reporting the output ratings. Recognised by Q1 and I
/// like Megatec, which is tried first, so it is reached only with <c>protocol=ablerex</c>.
/// </summary>
public sealed class AblerexProtocol : QxProtocol
{
    public override string Name => "Ablerex";
    public override string Version => "0.01";

    protected override IReadOnlyList<string> ClaimItems => ["input.voltage", "ups.firmware"];

    public override List<QxItem> CreateItems() =>
    [
        .. BlazerItems.StatusLine("Q1"),
        BlazerItems.Value("output.voltage.nominal", "F", 22, 1, 5, "%.1f", QxFlags.Static, '#'),
        BlazerItems.Value("output.current.nominal", "F", 22, 7, 9, "%.1f", QxFlags.Static, '#'),
        BlazerItems.Value("battery.voltage.nominal", "F", 22, 11, 15, "%.1f", QxFlags.Static, '#'),
        BlazerItems.Value("output.frequency.nominal", "F", 22, 17, 20, "%.1f", QxFlags.Static, '#'),
        .. BlazerItems.Identity(),
        .. BlazerItems.Commands(),
        .. BlazerItems.Delays(),
    ];

    public override void InitUps(QxEngine engine) => BlazerVariants.Configure(engine);
}
