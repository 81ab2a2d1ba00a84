using Nut.Platform;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Voltronic Power's P30/P31-family protocol (NUT's "voltronic" subdriver, version 0.06 in NUT 2.8.0): status from
/// QGS, ratings from QRI/QMD/F, identity from QMF/QVFW/QID/I, battery from QBV, working mode from QMOD, warnings
/// from QWS, device options from QFLAG. A device is recognised by a QGS status line with an input voltage and a
/// QPI protocol id NUT supports. Multi-phase units (PI03, PI09, PI10) also tell per-phase values (Q3**); optional
/// parts follow QFLAG: programmable outlets (QSKn), ECO limits (QHE, QFRE).
/// </summary>
public sealed class VoltronicProtocol : QxProtocol
{
    /// <summary>The protocol ids (QPI "PInn") the driver accepts.</summary>
    public static readonly IReadOnlySet<int> SupportedIds = new HashSet<int> { 0, 1, 2, 3, 8, 9, 10, 13, 14, 31, 99 };

    /// <summary>Scratch key of the device's protocol number (from QPI).</summary>
    public const string ProtocolKey = "voltronic.protocol";

    public override string Name => "Voltronic";
    public override string Version => "0.06";

    // NUT asks the status first, then the protocol id.
    protected override IReadOnlyList<string> ClaimItems => ["input.voltage", "ups.firmware.aux"];

    public override List<QxItem> CreateItems() =>
    [
        Query("ups.firmware.aux", "QPI", 6, 1, 4, "%s", QxFlags.Static, ProtocolId),
        // QRI: "(230.0 004 024.0 50.0"
        Query("output.voltage.nominal", "QRI", 22, 1, 5, "%.1f", QxFlags.Static),
        Query("output.current.nominal", "QRI", 22, 7, 9, "%.0f", QxFlags.Static),
        // Per battery pack: changes with the number of batteries, so re-read after a SET.
        Query("battery.voltage.nominal", "QRI", 22, 11, 15, "%.1f", QxFlags.SemiStatic),
        Query("output.frequency.nominal", "QRI", 22, 17, 20, "%.1f", QxFlags.Static),
        // QMD: "(#######OLHVT1K0 ###1000 80 1/1 230 230 02 12.0" (hashes or spaces as padding)
        Query("device.model", "QMD", 48, 1, 15, "%s", QxFlags.Static, TrimPadding),
        Query("ups.power.nominal", "QMD", 48, 17, 23, "%s", QxFlags.Static, TrimPadding),
        Query("output.powerfactor", "QMD", 48, 25, 26, "%.1f", QxFlags.Static, PowerFactor),
        Query("input.phases", "QMD", 48, 28, 28, "%.0f", QxFlags.Static),
        Query("output.phases", "QMD", 48, 30, 30, "%.0f", QxFlags.Static),
        Query("input.voltage.nominal", "QMD", 48, 32, 34, "%.1f", QxFlags.Static),
        Query("output.voltage.nominal", "QMD", 48, 36, 38, "%.1f", QxFlags.Static),
        // F: the Megatec ratings, "#220.0 000 024.0 50.0"
        Query("input.voltage.nominal", "F", 22, 1, 5, "%.1f", QxFlags.Static, leading: '#'),
        Query("input.current.nominal", "F", 22, 7, 9, "%.1f", QxFlags.Static, leading: '#'),
        Query("battery.voltage.nominal", "F", 22, 11, 15, "%.1f", QxFlags.Static, leading: '#'),
        Query("input.frequency.nominal", "F", 22, 17, 20, "%.1f", QxFlags.Static, leading: '#'),
        // Answers of no fixed length: the value runs to the end of the answer.
        Query("device.mfr", "QMF", 2, 1, ToEnd, "%s", QxFlags.Static, TrimPadding),
        Query("ups.firmware", "QVFW", 16, 7, 14, "%s", QxFlags.Static),
        Query("device.serial", "QID", 2, 1, ToEnd, "%s", QxFlags.Static, SerialNumber),
        // I: the Megatec identity, "#-------------   ------     VT12046Q  "
        Query("device.mfr", "I", 39, 1, 15, "%s", QxFlags.Static, TrimPadding, '#'),
        Query("device.model", "I", 39, 17, 26, "%s", QxFlags.Static, TrimPadding, '#'),
        Query("ups.firmware", "I", 39, 28, 37, "%s", QxFlags.Static, TrimPadding, '#'),
        .. VoltronicStatus.StatusItems(),
        // QBV: "(026.5 02 01 068 255" voltage, batteries per pack, packs, charge, runtime (minutes)
        Query("battery.voltage", "QBV", 21, 1, 5, "%.2f"),
        Query("battery_number", "QBV", 21, 7, 9, "%d", QxFlags.SemiStatic | QxFlags.Range | QxFlags.NoNut, VoltronicSettings.BatteryNumber),
        WithRange(Query("battery.packs", "QBV", 21, 10, 11, "%.0f", QxFlags.SemiStatic | QxFlags.Range), 1, 99),
        Query("battery.charge", "QBV", 21, 13, 15, "%.0f"),
        Query("battery.runtime", "QBV", 21, 17, 19, "%.0f", QxFlags.None, Minutes),
        // QLDL: lowest and highest load seen, "(021 023"
        Query("output.power.minimum.percent", "QLDL", 9, 1, 3, "%.0f"),
        Query("output.power.maximum.percent", "QLDL", 9, 5, 7, "%.0f"),
        .. VoltronicPhases.Items(),
        .. VoltronicCapabilities.Items(),
        .. VoltronicOutlets.Items(),
        .. VoltronicEco.Items(),
        .. VoltronicSettings.Items(),
        .. VoltronicCommands.Items(),
    ];

    /// <summary>A To that means "up to the end of the answer" (NUT's to = 0 for answers of no fixed length).</summary>
    const int ToEnd = 4096;

    /// <summary>A query item: the answer starts with '(' (or <paramref name="leading"/>) and is not a NAK.</summary>
    internal static QxItem Query(string name, string command, int answerLength, int from, int to, string format,
        QxFlags flags = QxFlags.None, QxValueHook? convert = null, char leading = '(') => new()
    {
        Name = name, Command = command, AnswerLength = answerLength, Leading = leading, From = from, To = to,
        Format = format, Flags = flags, Convert = (e, i, v) => KeepFirst(e, i) ?? (convert ?? Plain)(e, i, v),
        CheckAnswer = RejectNak,
    };

    /// <summary>Scratch key present during the start-up walk.</summary>
    const string InitKey = "voltronic.init";

    /// <summary>
    /// At start-up nutdrv_qx keeps the first source of a variable several answers carry (QRI before QMD before F,
    /// QMF before I, QGS before QBV): a later one publishes the value already there.
    /// </summary>
    static string? KeepFirst(QxEngine e, QxItem item) =>
        e.Scratch.ContainsKey(InitKey) && item.Name is not ("ups.status" or "ups.alarm") && !item.Has(QxFlags.NoNut)
            ? e.State.GetInfo(item.Name)
            : null;

    /// <summary>The engine's own formatting, for items without a conversion of their own.</summary>
    static string? Plain(QxEngine e, QxItem item, string value) =>
        item.Format == "%s" || IsNumber(value) ? CNumber.Format(item.Format, value) : null;

    internal static QxItem WithRange(QxItem item, int min, int max)
    {
        item.RangeValues = (min, max);
        return item;
    }

    /// <summary>"(NAK" is how these devices refuse a query: never a value (NUT's subdriver "rejected" answer).</summary>
    static string? RejectNak(QxEngine engine, QxItem item, string answer)
    {
        if (answer.TrimEnd('\r') != "(NAK")
            return answer;
        NutLog.Debug(2, $"qx_process_answer: {item.Name} - rejected by the UPS");
        return null;
    }

    /// <summary>The device's protocol number, as QPI told it (-1 before).</summary>
    internal static int ProtocolNumber(QxEngine engine) =>
        engine.Scratch.TryGetValue(ProtocolKey, out string? p) ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : -1;

    /// <summary>"PInn" with nn one of <see cref="SupportedIds"/> gives "Pnn"; everything else refuses the device.</summary>
    static string? ProtocolId(QxEngine engine, QxItem item, string value)
    {
        if (!value.StartsWith("PI", StringComparison.OrdinalIgnoreCase))
        {
            NutLog.Debug(2, $"voltronic_protocol: invalid start characters [{value[..Math.Min(2, value.Length)]}]");
            return null;
        }
        string digits = value[2..];
        // NUT accepts only the digits its supported ids are made of.
        if (digits.Length == 0 || digits.Any(c => !"0123489".Contains(c)))
        {
            NutLog.Error($"Protocol [{value}] is not supported by this driver");
            return null;
        }
        int id = (int)CNumber.Strtol(digits);
        if (!SupportedIds.Contains(id))
        {
            NutLog.Error($"Protocol [PI{id:00}] is not supported by this driver");
            return null;
        }
        engine.Scratch[ProtocolKey] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        VoltronicSettings.UnskipForProtocol(engine, id);
        return $"P{id:00}";
    }

    /// <summary>NUT trims both the '#' padding and spaces of text values.</summary>
    internal static string? TrimPadding(QxEngine engine, QxItem item, string value) => value.Trim('#', ' ');

    /// <summary>QMD tells the power factor in percent.</summary>
    static string? PowerFactor(QxEngine engine, QxItem item, string value) =>
        IsNumber(value) ? CNumber.Format(item.Format, CNumber.Strtod(value) * 0.01) : null;

    /// <summary>QBV tells the runtime in minutes; NUT wants seconds.</summary>
    static string? Minutes(QxEngine engine, QxItem item, string value) =>
        IsNumber(value) ? CNumber.Format(item.Format, CNumber.Strtod(value) * 60) : null;

    /// <summary>An all-zero serial means "none": logged, not published.</summary>
    static string? SerialNumber(QxEngine engine, QxItem item, string value)
    {
        if (value.All(c => c == '0'))
        {
            NutLog.Info($"{item.Name}: UPS reported a non-significant serial [{value}]");
            return null;
        }
        return value;
    }

    /// <summary>Digits, spaces and points only (NUT's test before converting a number).</summary>
    internal static bool IsNumber(string value) => value.All(c => char.IsAsciiDigit(c) || c is ' ' or '.');

    public override void AfterInitWalk(QxEngine engine) => engine.Scratch.Remove(InitKey);

    public override void InitUps(QxEngine engine)
    {
        engine.Scratch[InitKey] = "1";
        if (engine.FindItem("ups.delay.start", QxFlags.SetVar) is { } start)
            start.Default = engine.Setting("ondelay") ?? "180";
        if (engine.FindItem("ups.delay.shutdown", QxFlags.SetVar) is { } shutdown)
            shutdown.Default = engine.Setting("offdelay") ?? "30";
    }
}
