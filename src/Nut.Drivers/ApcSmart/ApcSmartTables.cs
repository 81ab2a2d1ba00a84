namespace Nut.Drivers.ApcSmart;

/// <summary>How a Smart reply becomes a NUT value (apcsmart's data formats).</summary>
public enum ApcFormat { Leave, Percent, Volt, Amp, Celsius, Hex, Dec, Seconds, Minutes, Hours, Reason }

/// <summary>Static properties of one Smart variable, from NUT 2.8.0's table (command table version 3.1).</summary>
[Flags]
public enum ApcVarKind
{
    None = 0,
    /// <summary>Read at every update, not only at the hourly full scan.</summary>
    Poll = 1,
    /// <summary>One of several Smart queries for a NUT name, or several names for one query: the first that answers as its pattern says wins.</summary>
    Multi = 2,
    /// <summary>A comma-separated answer spread over ambient.1.x, ambient.2.x, ... (Measure-UPS).</summary>
    Pack = 4,
    /// <summary>An 8-character string written with '-' followed by the text (ups.id, battery.date).</summary>
    String = 8,
}

/// <summary>One Smart variable and what this device told us about it (discovery fills the mutable part).</summary>
public sealed class ApcVariable(string name, char command, ApcVarKind kind, ApcFormat format, string? pattern = null)
{
    public string Name { get; } = name;
    public char Command { get; } = command;
    public ApcVarKind Kind { get; } = kind;
    public ApcFormat Format { get; } = format;
    /// <summary>Answers must match this (POSIX ERE written for .NET), or the variable is taken as absent.</summary>
    public string? Pattern { get; } = pattern;

    public bool Present { get; set; }
    public bool Writable { get; set; }
    /// <summary>Written by stepping through the values with '-' (the ^Z capability list named it).</summary>
    public bool Enumerated { get; set; }
    /// <summary>How many ambient.N.* names a packed answer published last time.</summary>
    public int PackCount { get; set; }

    public bool Has(ApcVarKind k) => (Kind & k) != 0;
}

/// <summary>Properties of a Smart instant command.</summary>
[Flags]
public enum ApcCmdKind
{
    None = 0,
    /// <summary>Dangerous: only carried out when asked again 3 to 15 seconds after the previous nasty request.</summary>
    Nasty = 1,
    /// <summary>The character is sent twice, 1.3 s apart, so one noise byte cannot trigger it.</summary>
    Repeat = 2,
}

/// <summary>One NUT instant command and the Smart character behind it.</summary>
/// <param name="ArgumentPattern">The argument the command takes (null: none).</param>
public sealed record ApcCommand(string Name, string? ArgumentPattern, char Command, ApcCmdKind Kind);

/// <summary>The tables of NUT 2.8.0's apcsmart (facts: names, characters, order), fresh per driver instance.</summary>
public static class ApcSmartTables
{
    public const string TableVersion = "version 3.1";

    /// <summary>Smart characters discovery skips: internal ones (status, smart mode, capability lists, '-').</summary>
    public const string UnreportedCommands = "\u001a\u007f~')-+8QRYayz";

    /// <summary>The variables in NUT's order, which is also the order of preference between Multi entries and the polling order.</summary>
    public static List<ApcVariable> NewVariables() =>
    [
        new("ups.temperature", 'C', ApcVarKind.Poll, ApcFormat.Celsius),
        new("ups.load", 'P', ApcVarKind.Poll, ApcFormat.Percent),
        new("ups.test.interval", 'E', ApcVarKind.None, ApcFormat.Hours),
        new("ups.test.result", 'X', ApcVarKind.Poll, ApcFormat.Leave),
        new("ups.delay.start", 'r', ApcVarKind.None, ApcFormat.Seconds),
        new("ups.delay.shutdown", 'p', ApcVarKind.None, ApcFormat.Seconds),
        new("ups.id", 'c', ApcVarKind.String, ApcFormat.Leave),
        new("ups.contacts", 'i', ApcVarKind.Poll, ApcFormat.Hex),
        new("ups.display.language", '\u000c', ApcVarKind.None, ApcFormat.Leave),
        new("input.voltage", 'L', ApcVarKind.Poll, ApcFormat.Volt),
        new("input.frequency", 'F', ApcVarKind.Poll, ApcFormat.Dec),
        new("input.sensitivity", 's', ApcVarKind.None, ApcFormat.Leave),
        new("input.quality", '9', ApcVarKind.Poll, ApcFormat.Hex),
        new("input.transfer.low", 'l', ApcVarKind.None, ApcFormat.Volt),
        new("input.transfer.high", 'u', ApcVarKind.None, ApcFormat.Volt),
        new("input.transfer.reason", 'G', ApcVarKind.Poll, ApcFormat.Reason),
        new("input.voltage.maximum", 'M', ApcVarKind.Poll, ApcFormat.Volt),
        new("input.voltage.minimum", 'N', ApcVarKind.Poll, ApcFormat.Volt),
        new("output.current", '/', ApcVarKind.Poll, ApcFormat.Amp),
        new("output.voltage", 'O', ApcVarKind.Poll, ApcFormat.Volt),
        new("output.voltage.nominal", 'o', ApcVarKind.None, ApcFormat.Volt),
        new("ambient.humidity", 'h', ApcVarKind.Poll, ApcFormat.Percent),
        new("ambient.0.humidity", 'H', ApcVarKind.Poll | ApcVarKind.Pack, ApcFormat.Percent),
        new("ambient.0.humidity.high", '{', ApcVarKind.Poll | ApcVarKind.Pack, ApcFormat.Percent),
        new("ambient.0.humidity.low", '}', ApcVarKind.Poll | ApcVarKind.Pack, ApcFormat.Percent),
        new("ambient.temperature", 't', ApcVarKind.Poll, ApcFormat.Celsius),
        new("ambient.0.temperature", 'T', ApcVarKind.Multi | ApcVarKind.Poll | ApcVarKind.Pack, ApcFormat.Celsius, @"^[0-9]{2}\.[0-9]{2}$"),
        new("ambient.0.temperature.high", '[', ApcVarKind.Poll | ApcVarKind.Pack, ApcFormat.Celsius),
        new("ambient.0.temperature.low", ']', ApcVarKind.Poll | ApcVarKind.Pack, ApcFormat.Celsius),
        new("battery.date", 'x', ApcVarKind.String, ApcFormat.Leave),
        new("battery.charge", 'f', ApcVarKind.Poll, ApcFormat.Percent),
        new("battery.charge.restart", 'e', ApcVarKind.None, ApcFormat.Percent),
        new("battery.voltage", 'B', ApcVarKind.Poll, ApcFormat.Volt),
        new("battery.voltage.nominal", 'g', ApcVarKind.None, ApcFormat.Leave),
        new("battery.runtime", 'j', ApcVarKind.Poll, ApcFormat.Minutes),
        new("battery.runtime.low", 'q', ApcVarKind.None, ApcFormat.Minutes),
        new("battery.packs", '>', ApcVarKind.None, ApcFormat.Dec),
        new("battery.packs.bad", '<', ApcVarKind.None, ApcFormat.Dec),
        new("battery.alarm.threshold", 'k', ApcVarKind.None, ApcFormat.Leave),
        new("device.uptime", 'T', ApcVarKind.Multi | ApcVarKind.Poll, ApcFormat.Hours, @"^[0-9]{3}\.[0-9]{1}$"),
        new("ups.serial", 'n', ApcVarKind.None, ApcFormat.Leave),
        new("ups.mfr.date", 'm', ApcVarKind.None, ApcFormat.Leave),
        new("ups.model", '\u0001', ApcVarKind.None, ApcFormat.Leave),
        new("ups.firmware.aux", 'v', ApcVarKind.None, ApcFormat.Leave),
        new("ups.firmware", 'b', ApcVarKind.Multi, ApcFormat.Leave, @"^[A-Za-z0-9]+\.[A-Za-z0-9]+\.[A-Za-z0-9]+$"),
        new("ups.firmware", 'V', ApcVarKind.Multi, ApcFormat.Leave),
    ];

    /// <summary>NUT's instant commands; shutdown.return has two forms told apart by their argument.</summary>
    public static IReadOnlyList<ApcCommand> Commands { get; } =
    [
        new("shutdown.return", "^[Aa][Tt]:[0-9]{1,3}$", '@', ApcCmdKind.Nasty),
        new("shutdown.return", "^([Cc][Ss]|)$", 'S', ApcCmdKind.Nasty),
        new("shutdown.stayoff", null, 'K', ApcCmdKind.Nasty | ApcCmdKind.Repeat),
        new("load.off", null, 'Z', ApcCmdKind.Nasty | ApcCmdKind.Repeat),
        new("load.on", null, '\u000e', ApcCmdKind.Repeat),
        new("calibrate.start", null, 'D', ApcCmdKind.None),
        new("calibrate.stop", null, 'D', ApcCmdKind.None),
        new("test.panel.start", null, 'A', ApcCmdKind.None),
        new("test.failure.start", null, 'U', ApcCmdKind.None),
        new("test.battery.start", null, 'W', ApcCmdKind.None),
        new("test.battery.stop", null, 'W', ApcCmdKind.None),
        new("bypass.start", null, '^', ApcCmdKind.None),
        new("bypass.stop", null, '^', ApcCmdKind.None),
    ];

    const string MatrixSet = "@789ABCDEFGKLMNOPQRSTUVWXYZcefgjklmnopqrsuwxz/<>\\^\u000c\u0016";
    const string OldMatrixSet = "@79ABCDEFGKLMNOPQRSUVWXYZcefgjklmnopqrsuxz/<>";
    const string SmartSet = "@79ABCDEFGKLMNOPQRSUVWXYZcefgjklmnopqrsuxz";
    const string IntlSet = "@79ABCEFGKLMNOPQRSUVWXYZcfg";

    /// <summary>
    /// Models that do not answer 'a': their old-style firmware ('V', or 'b') names the command characters they take.
    /// "set\u0001" stands for any two-hex-digit answer (old units that report a voltage above 255 V through 'b').
    /// </summary>
    public static IReadOnlyList<(string Firmware, string Commands)> Compatibility { get; } =
    [
        ("0XI", MatrixSet), ("0XM", MatrixSet),
        ("0ZI", OldMatrixSet), ("5UI", OldMatrixSet), ("5ZM", OldMatrixSet),
        ("6QD", SmartSet), ("6QI", SmartSet), ("6TD", SmartSet), ("6TI", SmartSet),
        ("7QD", SmartSet), ("7QI", SmartSet), ("7TD", SmartSet), ("7TI", SmartSet),
        ("6JI", "@789ABCFGKLMNOPQSTUVWXYZfg"),
        ("7II", IntlSet), ("9II", IntlSet), ("9GI", IntlSet), ("8II", IntlSet),
        ("8GI", "@79ABCEFGKLMNOPQRSUVWXYZfg"),
        ("8QD", SmartSet), ("8QI", SmartSet), ("8TD", SmartSet), ("8TI", SmartSet),
        ("5.4.D", "@\u0001ABPQRSUYbdfgjmnx9"),
        ("set\u0001", "@789ABCFGKLMNOPQRSUVWXYZ"),
    ];
}
