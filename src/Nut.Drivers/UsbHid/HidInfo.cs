namespace Nut.Drivers.UsbHid;

/// <summary>How a mapping entry is read and published (NUT's HU_FLAG_* and ST_FLAG_* bits, merged).</summary>
[Flags]
public enum HidInfoFlags
{
    None = 0,
    /// <summary>Read once at start-up only (model data, nominal values).</summary>
    Static = 1,
    /// <summary>Read at start-up and again only after a write or command changed the device.</summary>
    SemiStatic = 2,
    /// <summary>Not read: published with its default value when the device has the path (ups.delay.*).</summary>
    Absent = 4,
    /// <summary>Also read on the quick poll between full polls (status bits, timers).</summary>
    QuickPoll = 8,
    /// <summary>An instant command (written, never read).</summary>
    Command = 16,
    /// <summary>Writable by SET VAR (ST_FLAG_RW).</summary>
    Rw = 32,
    /// <summary>A string variable (ST_FLAG_STRING), with <see cref="HidInfo.StringLength"/>.</summary>
    String = 64,
}

/// <summary>
/// One line of a subdriver's table: a usage path and what NUT variable, command or status bit it feeds. The first
/// entry of a variable whose path the device has wins; later entries of the same variable are dropped at start-up
/// (that is how NUT lets a table list alternatives in order of preference).
/// </summary>
/// <param name="Name">NUT variable or command name; "BOOL" for a status bit.</param>
/// <param name="Path">Usage path as NUT prints it (<c>UPS.PowerSummary.RemainingCapacity</c>).</param>
/// <param name="Format">printf-style format NUT uses: "%.0f", "%.1f", "%.2f", "%s"; for a command or an absent
/// variable, the value written / published.</param>
public sealed record HidInfo(string Name, string Path, string Format, HidInfoFlags Flags = HidInfoFlags.None,
    HidLookup? Lookup = null, int StringLength = 10)
{
    /// <summary>For a status entry: which flag the bit drives.</summary>
    public HidStatusFlag Status { get; init; }

    /// <summary>For a status entry: the flag is set when the bit is 0 (BatteryPresent -> no battery).</summary>
    public bool Inverted { get; init; }

    /// <summary>For a status entry whose value is not a plain bit: flag on/off, or null for "no change".</summary>
    public Func<double, bool?>? StatusOf { get; init; }

    public bool IsStatus => Name == "BOOL";
    public bool IsCommand => (Flags & HidInfoFlags.Command) != 0;

    public static HidInfo Var(string name, string path, string format = "%.0f", HidInfoFlags flags = HidInfoFlags.None, HidLookup? lookup = null) =>
        new(name, path, format, flags, lookup);

    /// <summary>A writable variable as NUT declares them: RW, string of 10, semi-static.</summary>
    public static HidInfo Rw(string name, string path, string format = "%.0f", HidLookup? lookup = null) =>
        new(name, path, format, HidInfoFlags.Rw | HidInfoFlags.String | HidInfoFlags.SemiStatic, lookup);

    public static HidInfo Cmd(string name, string path, string value, HidLookup? lookup = null) =>
        new(name, path, value, HidInfoFlags.Command, lookup);

    public static HidInfo Bit(string path, HidStatusFlag flag, bool inverted = false) =>
        new("BOOL", path, "%s", HidInfoFlags.QuickPoll) { Status = flag, Inverted = inverted };
}
