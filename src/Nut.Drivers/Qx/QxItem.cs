using Nut.Core.State;

namespace Nut.Drivers.Qx;

/// <summary>How the engine treats a <see cref="QxItem"/> (NUT's qxflags).</summary>
[Flags]
public enum QxFlags
{
    None = 0,
    /// <summary>Read once, at start-up (ratings, identity).</summary>
    Static = 1 << 0,
    /// <summary>Re-read after a SET or an instant command changed the device, otherwise like <see cref="Static"/>.</summary>
    SemiStatic = 1 << 1,
    /// <summary>Not read from the device: published with <see cref="QxItem.Default"/> when nothing else set the variable.</summary>
    Absent = 1 << 2,
    /// <summary>Part of the quick poll (status and alarms); a failure here means the device is not answering.</summary>
    QuickPoll = 1 << 3,
    /// <summary>An instant command.</summary>
    Command = 1 << 4,
    /// <summary>A writable variable (or a configuration setting sent to the device at start-up).</summary>
    SetVar = 1 << 5,
    /// <summary>Trim spaces from the value taken out of the answer.</summary>
    Trim = 1 << 6,
    /// <summary>The writable variable has an enumeration of values.</summary>
    Enum = 1 << 7,
    /// <summary>The writable variable has a numeric range.</summary>
    Range = 1 << 8,
    /// <summary>Internal value, not published as a NUT variable.</summary>
    NoNut = 1 << 9,
    /// <summary>Ignore the item (a protocol disables items the device turned out not to have).</summary>
    Skip = 1 << 10,
}

/// <summary>What a hook of an item can use: the engine (device exchange, state, settings, status bits).</summary>
public delegate string? QxValueHook(QxEngine engine, QxItem item, string value);

/// <summary>Builds the text sent for an instant command or a SET from the parameter (null = refused).</summary>
public delegate string? QxCommandHook(QxEngine engine, QxItem item, string? parameter);

/// <summary>
/// One piece of data a Q* protocol reads from the device, or one command / writable variable it supports
/// (NUT's item_t: the facts of each protocol are tables of these). Values are cut out of the answer at fixed
/// character positions <see cref="From"/>..<see cref="To"/> (inclusive), then converted by <see cref="Convert"/> or
/// formatted with the printf <see cref="Format"/>.
/// </summary>
public sealed class QxItem
{
    /// <summary>NUT variable name (or, with <see cref="QxFlags.NoNut"/>, an internal/ups.conf name).</summary>
    public required string Name { get; init; }

    /// <summary>RW / STRING flags published for writable variables.</summary>
    public VariableFlags VarFlags { get; init; }

    /// <summary>Maximum length of a STRING variable (its aux value).</summary>
    public int StringLength { get; init; }

    /// <summary>The query or command, without the terminating CR.</summary>
    public string? Command { get; init; }

    /// <summary>Minimum length of a valid answer, counting the CR as NUT does (shorter is a "short reply").</summary>
    public int AnswerLength { get; init; }

    /// <summary>The first character a valid answer starts with ('\0' = any).</summary>
    public char Leading { get; init; }

    /// <summary>For <see cref="QxFlags.Absent"/> / server-side SET items: the value published when nothing else set it.</summary>
    public string? Default { get; set; }

    public int From { get; init; }
    public int To { get; init; }

    /// <summary>printf format applied to the value ("%s", "%.1f", "%03.0f", ...).</summary>
    public string Format { get; init; } = "%s";

    public QxFlags Flags { get; set; }

    /// <summary>Allowed values of an ENUM variable.</summary>
    public IReadOnlyList<string>? EnumValues { get; set; }

    /// <summary>Allowed range of a RANGE variable.</summary>
    public (int Min, int Max)? RangeValues { get; set; }

    /// <summary>Checks or rewrites the whole answer before values are cut out of it (null = invalid answer).</summary>
    public QxValueHook? CheckAnswer { get; init; }

    /// <summary>Turns the cut-out value into the published one (null = failure); may set status bits instead.</summary>
    public QxValueHook? Convert { get; init; }

    /// <summary>Builds the command for instant commands and SETs (null = refused); without it <see cref="Command"/> is sent.</summary>
    public QxCommandHook? BuildCommand { get; init; }

    /// <summary>The answer expected from a command that succeeded ("(ACK"); null = none expected (anything but an echo is fine).</summary>
    public string? Acknowledge { get; init; }

    public bool Has(QxFlags flag) => (Flags & flag) != 0;

    public override string ToString() => Name;
}
