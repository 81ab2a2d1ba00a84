using Nut.Platform;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Mecer (Voltronic Power's protocol 98): Megatec's Q1/F/I, recognised by QPI answering "(PI98".
/// </summary>
public sealed class MecerProtocol : QxProtocol
{
    public override string Name => "Mecer";
    public override string Version => "0.07";

    protected override IReadOnlyList<string> ClaimItems => ["input.voltage", "ups.firmware.aux"];

    public override List<QxItem> CreateItems() =>
    [
        .. BlazerItems.StatusLine("Q1"),
        .. BlazerItems.Ratings(),
        .. BlazerItems.Identity(),
        new()
        {
            Name = "ups.firmware.aux", Command = "QPI", AnswerLength = 6, Leading = '(', From = 1, To = 4, Flags = QxFlags.Static,
            Convert = (_, _, v) =>
            {
                if (v == "PI98")
                    return "Voltronic Power P98";
                NutLog.Debug(2, $"mecer_process_protocol: invalid protocol [{v}]");
                return null;
            },
        },
        .. BlazerItems.Commands(),
        .. BlazerItems.Delays(),
    ];

    public override void InitUps(QxEngine engine)
    {
        BlazerVariants.Configure(engine);
        // The protocol query only serves recognition; NUT does not repeat it.
        engine.FindItem("ups.firmware.aux", QxFlags.None)!.Flags |= QxFlags.Skip;
    }
}
