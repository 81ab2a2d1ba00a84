namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The item table blazer_ser / blazer_usb use: a status line, the F ratings and an identity query, published
/// under blazer's names (ups.mfr, ups.model, ups.firmware), and the Megatec commands.
/// </summary>
public sealed class BlazerProtocol(string statusCommand, string vendorCommand) : QxProtocol
{
    public override string Name => "blazer";
    public override string Version => "1.58";

    public override List<QxItem> CreateItems()
    {
        var identity = BlazerItems.Identity(vendorCommand);
        return
        [
            .. BlazerItems.StatusLine(statusCommand),
            BlazerItems.SelftestFailedAlarm(statusCommand),
            .. BlazerItems.Ratings(),
            Renamed(identity[0], "ups.mfr"),
            Renamed(identity[1], "ups.model"),
            identity[2],
            .. BlazerItems.Commands(),
        ];
    }

    static QxItem Renamed(QxItem item, string name) => new()
    {
        Name = name, Command = item.Command, AnswerLength = item.AnswerLength, Leading = item.Leading,
        From = item.From, To = item.To, Format = item.Format, Flags = item.Flags,
    };
}
