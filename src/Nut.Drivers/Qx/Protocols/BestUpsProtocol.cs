using System.Globalization;
using Nut.Platform;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Best Power / Sola Australia units (Fortress, Patriot Pro, Axxium...): Megatec's Q1 status line, the
/// comma-separated ID answer "FOR,750,120,120,20.0,27.6" (model code, VA, input/output volts, battery low/high),
/// RT for the runtime in minutes, M for the transfer-voltage setting code and SS for the shutdown mode of the
/// interface pins (a ups.conf setting, <c>pins_shutdown_mode</c>).
/// </summary>
public sealed class BestUpsProtocol : QxProtocol
{
    /// <summary>The ID answer with its CR must be 25 to 27 characters.</summary>
    const int MinIdLength = 25, MaxIdLength = 27;

    /// <summary>Transfer voltages for each M code: low, boost low, boost high, trim low, trim high, high.</summary>
    static readonly int[][] VoltageSettings =
    [
        [96, 96, 109, 130, 146, 146],
        [96, 96, 109, 138, 156, 156],
        [90, 90, 104, 130, 146, 146],
        [90, 90, 104, 138, 156, 156],
        [90, 90, 104, 120, 130, 130],
        [90, 90, 104, 130, 146, 146],
        [90, 90, 96, 120, 130, 130],
        [90, 90, 96, 130, 146, 146],
        [96, 96, 109, 146, 156, 156],
        [90, 90, 104, 146, 156, 156],
    ];

    static readonly Dictionary<string, (string Mfr, string Model)> Models = new(StringComparer.Ordinal)
    {
        ["FOR"] = ("Best Power", "Fortress"),
        ["FTC"] = ("Best Power", "Fortress Telecom"),
        ["PRO"] = ("Best Power", "Patriot Pro"),
        ["PR2"] = ("Best Power", "Patriot Pro II"),
        ["325"] = ("Sola Australia", "Sola 325"),
        ["520"] = ("Sola Australia", "Sola 520"),
        ["620"] = ("Sola Australia", "Sola 620"),
        ["AX1"] = ("Best Power", "Axxium Rackmount"),
    };

    /// <summary>Shutdown modes of the interface pins the SS command accepts.</summary>
    public const int MinPinsMode = 0, MaxPinsMode = 6;

    public override string Name => "BestUPS";
    public override string Version => "0.06";

    protected override IReadOnlyList<string> ClaimItems => ["input.voltage", "device.model"];

    public override IReadOnlyList<Host.DriverSetting> Settings => [];

    public override List<QxItem> CreateItems()
    {
        var status = BlazerItems.StatusLine("Q1").Where(i => i.Name != "ups.beeper.status").ToList();
        string[] transfer = ["input.transfer.low", "input.transfer.boost.low", "input.transfer.boost.high", "input.transfer.trim.low", "input.transfer.trim.high", "input.transfer.high"];
        return
        [
            .. status,
            Id("device.model", 0, 2, "%s", Model),
            Id("ups.power.nominal", 4, 7, "%.0f"),
            Id("input.voltage.nominal", 9, 11, "%.0f"),
            Id("output.voltage.nominal", 13, 15, "%.0f"),
            Id("battery.voltage.low", 17, 20, "%.1f"),
            Id("battery.voltage.high", 22, 26, "%.1f"),
            new() { Name = "battery.runtime", Command = "RT", AnswerLength = 4, From = 0, To = 7, Convert = (_, _, v) => Minutes(v) },
            new() { Name = "pins_shutdown_mode", Command = "SS?", AnswerLength = 2, From = 1, To = 1, Flags = QxFlags.Static | QxFlags.NoNut, Convert = PinsMode },
            new()
            {
                Name = "pins_shutdown_mode", Flags = QxFlags.SetVar | QxFlags.NoNut | QxFlags.Range, RangeValues = (MinPinsMode, MaxPinsMode),
                BuildCommand = (_, _, v) => "SS" + CNumber.Strtol(v ?? "0").ToString(CultureInfo.InvariantCulture),
            },
            .. transfer.Select((name, index) => new QxItem
            {
                Name = name, Command = "M", AnswerLength = 2, From = 0, To = 7, Flags = QxFlags.Static,
                Convert = (_, item, v) => Transfer(item.Name, v, index),
            }),
            .. BlazerItems.Commands().Where(c => c.Name is "shutdown.return" or "shutdown.stayoff"),
            BlazerItems.Command("shutdown.stop", "C"),
            BlazerItems.Command("load.on", "C"),
            BlazerItems.Command("load.off", "S00R0000"),
            .. BlazerItems.Commands().Where(c => c.Name.StartsWith("test.", StringComparison.Ordinal)),
            .. Delays(),
        ];
    }

    static IEnumerable<QxItem> Delays()
    {
        var delays = BlazerItems.Delays(5940);
        delays[0].RangeValues = (60, BlazerItems.MaxStartDelay);
        return delays;
    }

    static QxItem Id(string name, int from, int to, string format, QxValueHook? convert = null) => new()
    {
        Name = name, Command = "ID", AnswerLength = MinIdLength, From = from, To = to, Format = format, Flags = QxFlags.Static,
        CheckAnswer = NormaliseId, Convert = convert,
    };

    /// <summary>Brings the comma-separated ID answer to fixed columns: "FOR, 750,120,120,20.0, 27.6".</summary>
    static string? NormaliseId(QxEngine engine, QxItem item, string answer)
    {
        if (answer.Length < MinIdLength || answer.Length > MaxIdLength)
        {
            NutLog.Debug(4, $"bestups_preprocess_id_answer: wrong length [{item.Name}: {answer.Length}]");
            return null;
        }
        string[] f = answer.TrimEnd('\r').Split(',');
        if (f.Length != 6)
            return null;
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"{f[0]},{CNumber.Strtol(f[1]),4},{CNumber.Strtol(f[2]),3},{CNumber.Strtol(f[3]),3},{CNumber.Fixed(CNumber.Strtod(f[4]), 1),4},{CNumber.Fixed(CNumber.Strtod(f[5]), 1),5}\r");
    }

    /// <summary>The model code names the model and its maker (NUT publishes a literal "Unknown (%s)" for others).</summary>
    static string? Model(QxEngine engine, QxItem item, string code)
    {
        var (mfr, model) = Models.TryGetValue(code, out var known) ? known : ("Unknown", "Unknown (%s)");
        engine.State.SetInfo("device.mfr", mfr);
        return model;
    }

    static string? Minutes(string v) =>
        v.All(c => char.IsAsciiDigit(c) || c == ' ') ? CNumber.Fixed(CNumber.Strtod(v) * 60, 0) : null;

    static string? PinsMode(QxEngine engine, QxItem item, string v)
    {
        long mode = CNumber.Strtol(v);
        NutLog.Info($"pins_shutdown_mode: {mode}");
        NutLog.Info($"pins_shutdown_mode, settable range: {MinPinsMode}..{MaxPinsMode}");
        return mode.ToString(CultureInfo.InvariantCulture);
    }

    static string? Transfer(string name, string v, int column)
    {
        if (v.Length == 0 || !v.All(char.IsAsciiDigit))
        {
            NutLog.Debug(2, $"bestups_voltage_settings: non numerical value [{name}: {v}]");
            return null;
        }
        long code = CNumber.Strtol(v);
        if (code < 0 || code >= VoltageSettings.Length)
        {
            NutLog.Debug(2, $"bestups_voltage_settings: value '{code}' out of range [0..{VoltageSettings.Length - 1}]");
            return null;
        }
        return VoltageSettings[code][column].ToString(CultureInfo.InvariantCulture);
    }

    public override void InitUps(QxEngine engine) => BlazerVariants.Configure(engine);
}
