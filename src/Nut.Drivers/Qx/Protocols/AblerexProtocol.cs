namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Ablerex, as NUT 2.8.0's subdriver 0.01: Megatec's Q1 status line (battery voltage and charge from it, its own
/// reading of the bypass and failure bits), F polled with the status (ratings, battery low/high voltages), the
/// binary Q5 (output frequency and current, battery voltages, an error code), At (runtime) and TR (test result),
/// and I. Recognised by Q1 and I like Megatec, which is tried first, so it is reached only with
/// <c>protocol=ablerex</c>. The decoders are in <see cref="AblerexValues"/>.
/// </summary>
public sealed class AblerexProtocol : QxProtocol
{
    public override string Name => "Ablerex";
    public override string Version => "0.01";

    protected override IReadOnlyList<string> ClaimItems => ["input.voltage", "ups.firmware"];

    public override List<QxItem> CreateItems()
    {
        var status = BlazerItems.StatusLine("Q1");
        var bits = status.Where(i => i.From >= 38).ToList();
        QxItem Bit(int from) => bits.First(i => i.From == from);
        Bit(42).Flags |= QxFlags.Static; // the UPS type, read once at start-up as in NUT's table
        var ratings = new List<QxItem>
        {
            BlazerItems.Value("output.voltage.nominal", "F", 22, 1, 5, "%.1f", QxFlags.QuickPoll, '#'),
            BlazerItems.Value("output.current.nominal", "F", 22, 7, 9, "%.1f", QxFlags.QuickPoll, '#'),
            BlazerItems.Value("battery.voltage.nominal", "F", 22, 11, 15, "%.1f", QxFlags.QuickPoll, '#'),
            BlazerItems.Value("output.frequency.nominal", "F", 22, 17, 20, "%.1f", QxFlags.QuickPoll, '#'),
            Item("battery.voltage.low", "F", 22, '#', 1, 2, QxFlags.QuickPoll, AblerexValues.BatteryLimit),
            Item("battery.voltage.high", "F", 22, '#', 2, 3, QxFlags.QuickPoll, AblerexValues.BatteryLimit),
        };
        return
        [
            .. status.Where(i => i.From < 28),
            Item("battery.voltage", "Q1", 47, '(', 28, 31, QxFlags.None, AblerexValues.BatteryVoltage),
            Item("battery.charge", "Q1", 47, '(', 28, 31, QxFlags.None, AblerexValues.BatteryCharge),
            status.First(i => i.Name == "ups.temperature"),
            Bit(38),
            Bit(39),
            Item("ups.status", "Q1", 47, '(', 40, 42, QxFlags.QuickPoll, AblerexValues.BypassBits),
            Item("ups.status", "Q1", 47, '(', 41, 41, QxFlags.QuickPoll, AblerexValues.FailedBit),
            Item("ups.alarm", "Q1", 47, '(', 41, 41, QxFlags.None, BlazerItems.SelftestFailed),
            Bit(42),
            Bit(43),
            Bit(44),
            Bit(45),
            .. ratings,
            // NUT cuts the whole answer for these and then reads its raw bytes: the positions here cover those bytes.
            Item("output.frequency", "Q5", 22, '(', 1, 18, QxFlags.None, AblerexValues.Q5),
            Item("battery.runtime", "At", 0, '(', 0, 4, QxFlags.None, AblerexValues.Runtime, AblerexValues.RawAnswer),
            Item("ups.test.result", "TR", 0, '#', 0, 4, QxFlags.None, AblerexValues.TestResult, AblerexValues.RawAnswer),
            .. BlazerItems.Identity(),
            .. BlazerItems.Commands().Select(c => c.Name == "load.off" ? BlazerItems.Command("load.off", "S.2") : c),
            .. BlazerItems.Delays(),
        ];
    }

    static QxItem Item(string name, string command, int answerLength, char leading, int from, int to, QxFlags flags,
        QxValueHook convert, QxValueHook? checkAnswer = null) =>
        new()
        {
            Name = name, Command = command, AnswerLength = answerLength, Leading = leading, From = from, To = to, Flags = flags,
            Convert = convert, CheckAnswer = checkAnswer,
        };

    public override void InitUps(QxEngine engine) => BlazerVariants.Configure(engine);
}
