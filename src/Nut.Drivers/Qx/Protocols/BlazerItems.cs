using System.Globalization;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The parts the Megatec family shares (NUT's "blazer common"): the Q1-style status line, the F ratings and I
/// identity answers, the instant commands built from the delays, and the server-side delay variables.
/// </summary>
public static class BlazerItems
{
    /// <summary>Longest shutdown delay the S command can express: 10 minutes.</summary>
    public const int MaxShutdownDelay = 600;

    /// <summary>Longest restart delay the R part can express: 9999 minutes.</summary>
    public const int MaxStartDelay = 599940;

    /// <summary>Battery test lengths the Tnn command can express: 1..99 minutes.</summary>
    public const int MinTestSeconds = 60, MaxTestSeconds = 5940;

    /// <summary>
    /// The status line "(MMM.M NNN.N PPP.P QQQ RR.R S.SS TT.T b7b6b5b4b3b2b1b0" of Q1 (and of D, QS with the same
    /// layout): values at fixed positions, then eight status bits.
    /// </summary>
    public static List<QxItem> StatusLine(string command, int answerLength = 47) =>
    [
        Value("input.voltage", command, answerLength, 1, 5, "%.1f"),
        Value("input.voltage.fault", command, answerLength, 7, 11, "%.1f"),
        Value("output.voltage", command, answerLength, 13, 17, "%.1f"),
        Value("ups.load", command, answerLength, 19, 21, "%.0f"),
        Value("input.frequency", command, answerLength, 23, 26, "%.1f"),
        Value("battery.voltage", command, answerLength, 28, 31, "%.2f"),
        Value("ups.temperature", command, answerLength, 33, 36, "%.1f"),
        .. StatusBits(command, answerLength, 38),
    ];

    /// <summary>The eight status bits starting at <paramref name="first"/> (b7 utility fail .. b0 beeper).</summary>
    public static List<QxItem> StatusBits(string command, int answerLength, int first) =>
    [
        Bit("ups.status", command, answerLength, first, QxFlags.QuickPoll, UtilityFail),
        Bit("ups.status", command, answerLength, first + 1, QxFlags.QuickPoll, BatteryLow),
        Bit("ups.status", command, answerLength, first + 2, QxFlags.QuickPoll, BypassBoostBuck),
        Bit("ups.type", command, answerLength, first + 4, QxFlags.None, UpsType),
        Bit("ups.status", command, answerLength, first + 5, QxFlags.QuickPoll, TestInProgress),
        Bit("ups.status", command, answerLength, first + 6, QxFlags.QuickPoll, ShutdownActive),
        Bit("ups.beeper.status", command, answerLength, first + 7, QxFlags.None, Beeper),
    ];

    /// <summary>"#VVV.V CCC BBB.B FF.F": the F ratings.</summary>
    public static List<QxItem> Ratings(string command = "F", int answerLength = 22) =>
    [
        Value("input.voltage.nominal", command, answerLength, 1, 5, "%.0f", QxFlags.Static, '#'),
        Value("input.current.nominal", command, answerLength, 7, 9, "%.1f", QxFlags.Static, '#'),
        Value("battery.voltage.nominal", command, answerLength, 11, 15, "%.1f", QxFlags.Static, '#'),
        Value("input.frequency.nominal", command, answerLength, 17, 20, "%.0f", QxFlags.Static, '#'),
    ];

    /// <summary>"#" + company (15) + model (10) + firmware (10): the I identity.</summary>
    public static List<QxItem> Identity(string command = "I", int answerLength = 39) =>
    [
        Value("device.mfr", command, answerLength, 1, 15, "%s", QxFlags.Static | QxFlags.Trim, '#'),
        Value("device.model", command, answerLength, 17, 26, "%s", QxFlags.Static | QxFlags.Trim, '#'),
        Value("ups.firmware", command, answerLength, 28, 37, "%s", QxFlags.Static | QxFlags.Trim, '#'),
    ];

    /// <summary>The instant commands of the Megatec family, in NUT's order.</summary>
    public static List<QxItem> Commands() =>
    [
        Command("beeper.toggle", "Q"),
        Command("load.off", "S00R0000"),
        Command("load.on", "C"),
        new() { Name = "shutdown.return", Flags = QxFlags.Command, BuildCommand = ShutdownReturn },
        new() { Name = "shutdown.stayoff", Flags = QxFlags.Command, BuildCommand = ShutdownStayOff },
        Command("shutdown.stop", "C"),
        new() { Name = "test.battery.start", Flags = QxFlags.Command, BuildCommand = BatteryTest },
        Command("test.battery.start.deep", "TL"),
        Command("test.battery.start.quick", "T"),
        Command("test.battery.stop", "CT"),
    ];

    /// <summary>ups.delay.start and ups.delay.shutdown: kept by the driver, used to build the shutdown commands.</summary>
    public static List<QxItem> Delays(int maxShutdownDelay = MaxShutdownDelay) =>
    [
        new()
        {
            Name = "ups.delay.start", Flags = QxFlags.SetVar | QxFlags.Range, RangeValues = (0, MaxStartDelay),
            Convert = (_, _, v) => Whole(Math.Floor(CNumber.Strtod(v) / 60) * 60),
        },
        new()
        {
            Name = "ups.delay.shutdown", Flags = QxFlags.SetVar | QxFlags.Range, RangeValues = (12, maxShutdownDelay),
            Convert = (_, _, v) => Whole(RoundShutdownDelay(CNumber.Strtod(v))),
        },
    ];

    /// <summary>The S command counts tenths of a minute below one minute (.2 = 12 s), whole minutes above.</summary>
    public static double RoundShutdownDelay(double seconds) =>
        seconds < 60 ? Math.Floor(seconds / 6) * 6 : Math.Floor(seconds / 60) * 60;

    static string Whole(double v) => ((long)v).ToString(CultureInfo.InvariantCulture);

    /// <summary>The S part: ".n" for n tenths of a minute, else two-digit minutes.</summary>
    public static string ShutdownPart(QxEngine engine)
    {
        long offdelay = (long)CNumber.Strtod(engine.State.GetInfo("ups.delay.shutdown") ?? "0");
        return offdelay < 60
            ? "." + (offdelay / 6).ToString(CultureInfo.InvariantCulture)
            : (offdelay / 60).ToString("00", CultureInfo.InvariantCulture);
    }

    static string? ShutdownReturn(QxEngine engine, QxItem item, string? parameter)
    {
        long ondelay = (long)CNumber.Strtod(engine.State.GetInfo("ups.delay.start") ?? "0");
        string s = "S" + ShutdownPart(engine);
        return ondelay == 0 ? s : s + "R" + (ondelay / 60).ToString("0000", CultureInfo.InvariantCulture);
    }

    static string? ShutdownStayOff(QxEngine engine, QxItem item, string? parameter) =>
        "S" + ShutdownPart(engine) + "R0000";

    /// <summary>"Tnn": nn minutes from the parameter in seconds (default 10 minutes), 60..5940.</summary>
    static string? BatteryTest(QxEngine engine, QxItem item, string? parameter)
    {
        string text = parameter ?? "600";
        long seconds = CNumber.Strtol(text);
        if (seconds < MinTestSeconds || seconds > MaxTestSeconds)
        {
            Nut.Platform.NutLog.Info($"{item.Name}: battery test time '{text}' out of range [{MinTestSeconds}..{MaxTestSeconds}] seconds");
            return null;
        }
        return "T" + (seconds / 60).ToString("00", CultureInfo.InvariantCulture);
    }

    public static QxItem Command(string name, string command) =>
        new() { Name = name, Command = command, Flags = QxFlags.Command };

    public static QxItem Value(string name, string command, int answerLength, int from, int to, string format,
        QxFlags flags = QxFlags.None, char leading = '(') =>
        new() { Name = name, Command = command, AnswerLength = answerLength, Leading = leading, From = from, To = to, Format = format, Flags = flags };

    static QxItem Bit(string name, string command, int answerLength, int position, QxFlags flags, QxValueHook convert) =>
        new() { Name = name, Command = command, AnswerLength = answerLength, Leading = '(', From = position, To = position, Flags = flags, Convert = convert };

    /// <summary>
    /// Bit 4 of the status bits ("UPS failed"), as ups.alarm: blazer_ser, Ablerex and Voltronic-QS-Hex publish it;
    /// nutdrv_qx's Megatec table does not (both checked against Debian's drivers).
    /// </summary>
    public static string? SelftestFailed(QxEngine engine, QxItem item, string value) =>
        value switch { "1" => "UPS selftest failed!", "0" => "", _ => null };

    public static QxItem SelftestFailedAlarm(string command, int answerLength = 47, int position = 41) =>
        Bit("ups.alarm", command, answerLength, position, QxFlags.None, SelftestFailed);

    static string? UtilityFail(QxEngine e, QxItem item, string v) => Bit(e, v, "!OL", "OL");
    static string? BatteryLow(QxEngine e, QxItem item, string v) => Bit(e, v, "LB", "!LB");
    static string? TestInProgress(QxEngine e, QxItem item, string v) => Bit(e, v, "CAL", "!CAL");

    static string? ShutdownActive(QxEngine e, QxItem item, string v)
    {
        if (v is not ("0" or "1")) return null;
        if (e.Flag("ignoresab")) return "";
        e.UpdateStatus(v == "1" ? "FSD" : "!FSD");
        return "";
    }

    static string? Bit(QxEngine e, string v, string whenSet, string whenClear)
    {
        if (v is not ("0" or "1")) return null;
        e.UpdateStatus(v == "1" ? whenSet : whenClear);
        return "";
    }

    static string? UpsType(QxEngine e, QxItem item, string v) =>
        v switch { "1" => "offline / line interactive", "0" => "online", _ => null };

    static string? Beeper(QxEngine e, QxItem item, string v) =>
        v switch { "1" => "enabled", "0" => "disabled", _ => null };

    /// <summary>
    /// Bit 5 means bypass, boost or buck: which one is told by the output voltage relative to the input voltage
    /// (below 95 % trim, within 5 % bypass, above boost); an absurd ratio (below half, above 1.5) is an error.
    /// </summary>
    static string? BypassBoostBuck(QxEngine e, QxItem item, string v)
    {
        if (v is not ("0" or "1")) return null;
        if (v == "0")
        {
            e.Status.Update("!BYPASS");
            e.Status.Update("!TRIM");
            e.Status.Update("!BOOST");
            return "";
        }
        double vi = CNumber.Strtod(e.State.GetInfo("input.voltage") ?? "0");
        double vo = CNumber.Strtod(e.State.GetInfo("output.voltage") ?? "0");
        string token;
        if (vo < 0.5 * vi)
        {
            Nut.Platform.NutLog.Debug(2, "blazer_process_status_bits: output voltage too low");
            return null;
        }
        if (vo < 0.95 * vi) token = "TRIM";
        else if (vo < 1.05 * vi) token = "BYPASS";
        else if (vo < 1.5 * vi) token = "BOOST";
        else
        {
            Nut.Platform.NutLog.Debug(2, "blazer_process_status_bits: output voltage too high");
            return null;
        }
        foreach (string other in new[] { "BYPASS", "TRIM", "BOOST" })
            e.Status.Update(other == token ? other : "!" + other);
        e.UpdateStatus(token);
        return "";
    }
}
