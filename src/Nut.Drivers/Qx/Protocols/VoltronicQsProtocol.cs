using Nut.Platform;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Voltronic Power's QS dialect: M tells the protocol letter (V for the plain text status line; T or P for the
/// hexadecimal variant), QS gives the status line (output frequency where Megatec has input frequency), F the
/// output ratings. The hexadecimal variant's QS answer is binary (see <see cref="VoltronicQsHexAnswer"/>) and
/// carries the ratings itself; it has no F.
/// </summary>
public sealed class VoltronicQsProtocol : QxProtocol
{
    readonly bool _hex;

    VoltronicQsProtocol(bool hex) => _hex = hex;

    public static VoltronicQsProtocol Plain() => new(false);
    public static VoltronicQsProtocol Hex() => new(true);

    public override string Name => _hex ? "Voltronic-QS-Hex" : "Voltronic-QS";
    public override string Version => _hex ? "0.10" : "0.07";

    protected override IReadOnlyList<string> ClaimItems => ["ups.firmware.aux", "input.voltage"];

    public override List<QxItem> CreateItems()
    {
        var status = BlazerItems.StatusLine("QS");
        // QS reports the output frequency at the place Megatec's Q1 has the input frequency.
        var frequency = status.First(i => i.Name == "input.frequency");
        status[status.IndexOf(frequency)] = BlazerItems.Value("output.frequency", "QS", 47, frequency.From, frequency.To, frequency.Format);
        var quickTest = BlazerItems.Command("test.battery.start.quick", "T");
        if (_hex)
            quickTest.Flags |= QxFlags.Skip; // only T devices have it (see Protocol)
        return
        [
            new()
            {
                Name = "ups.firmware.aux", Command = "M", AnswerLength = 2, From = 0, To = 0, Flags = QxFlags.Static,
                Convert = Protocol,
            },
            .. _hex ? VoltronicQsHexItems.Status() : status,
            // The hex devices carry their ratings in the QS answer instead.
            .. _hex ? new List<QxItem>() : Ratings(),
            BlazerItems.Command("beeper.toggle", "Q"),
            BlazerItems.Command("load.off", "S00R0000"),
            BlazerItems.Command("load.on", "C"),
            .. BlazerItems.Commands().Where(c => c.Name is "shutdown.return" or "shutdown.stayoff"),
            BlazerItems.Command("shutdown.stop", "C"),
            quickTest,
            .. QsDelays(),
        ];
    }

    static List<QxItem> Ratings() =>
    [
        BlazerItems.Value("output.voltage.nominal", "F", 22, 1, 5, "%.0f", QxFlags.Static, '#'),
        BlazerItems.Value("output.current.nominal", "F", 22, 7, 9, "%.1f", QxFlags.Static, '#'),
        BlazerItems.Value("battery.voltage.nominal", "F", 22, 11, 15, "%.1f", QxFlags.Static, '#'),
        BlazerItems.Value("output.frequency.nominal", "F", 22, 17, 20, "%.0f", QxFlags.Static, '#'),
    ];

    static IEnumerable<QxItem> QsDelays()
    {
        var delays = BlazerItems.Delays(540);
        delays[0].RangeValues = (60, BlazerItems.MaxStartDelay);
        return delays;
    }

    /// <summary>
    /// The protocol letter: V for this protocol, T or P (any case) for the hexadecimal one. T devices also have the
    /// ratings byte in their QS answer and the quick battery test, which are enabled here as NUT does.
    /// </summary>
    string? Protocol(QxEngine engine, QxItem item, string value)
    {
        bool ok = _hex ? value.ToUpperInvariant() is "T" or "P" : value == "V";
        if (!ok)
        {
            NutLog.Debug(2, $"{(_hex ? "voltronic_qs_hex_protocol" : "voltronic_qs_protocol")}: invalid protocol [{value}]");
            return null;
        }
        if (_hex && value.ToUpperInvariant() == "T")
        {
            foreach (var unskip in new[]
            {
                engine.FindItem("test.battery.start.quick", QxFlags.Command), engine.FindItem("output.frequency.nominal", QxFlags.None),
                engine.FindItem("battery.voltage.nominal", QxFlags.None), engine.FindItem("output.voltage.nominal", QxFlags.None),
            })
            {
                if (unskip is null)
                    return null;
                unskip.Flags &= ~QxFlags.Skip;
            }
        }
        return "PM-" + value;
    }

    public override void InitUps(QxEngine engine)
    {
        BlazerVariants.Configure(engine);
        // The protocol query only serves recognition; NUT does not repeat it.
        engine.FindItem("ups.firmware.aux", QxFlags.None)!.Flags |= QxFlags.Skip;
    }
}
