namespace Nut.Core.Config;

/// <summary>What an AT line does. <see cref="Invalid"/>: an unknown command word, which NUT reports
/// ("Invalid command: &lt;word&gt;") only when an event matches the line.</summary>
public enum UpsschedAction { StartTimer, CancelTimer, Execute, Invalid }

/// <summary>
/// <c>AT &lt;notifytype&gt; &lt;ups|*&gt; START-TIMER &lt;name&gt; &lt;seconds&gt;</c>, <c>CANCEL-TIMER &lt;name&gt; [&lt;cmd&gt;]</c>
/// or <c>EXECUTE &lt;cmd&gt;</c>. <see cref="Argument"/> is the word after the command, <see cref="Extra"/> the
/// one after that (the seconds, the cancel command), or null; further words are ignored, as in NUT.
/// </summary>
public sealed record UpsschedRule(string NotifyType, string Ups, UpsschedAction Action, string Argument, string? Extra, int Line)
{
    /// <summary>The command word as written (what "Invalid command: ..." names).</summary>
    public string Command { get; init; } = "";

    /// <summary>The CMDSCRIPT in effect when NUT read this line: it acts line by line, so a CMDSCRIPT given
    /// between AT lines applies to the AT lines after it.</summary>
    public string? CmdScript { get; init; }

    /// <summary>NUT's matching: the type ignoring case; the UPS exactly, or "*" for any (no globs).</summary>
    public bool Matches(string notifyType, string ups) =>
        NotifyType.Equals(notifyType, StringComparison.OrdinalIgnoreCase) && (Ups == "*" || Ups == ups);
}

/// <summary>
/// upssched.conf (spec/upssched.md §2), read as NUT 2.8.0's upssched reads it (checked against Debian's):
/// line by line, acting at once. CMDSCRIPT, PIPEFN and LOCKFN must all be set when the first AT line is read;
/// if one is not, upssched stops right there with "&lt;KEY&gt; must be set before any ATs in the config file!"
/// (the first missing of the three, in that order) and exits 1. That is <see cref="Fatal"/>; reading stops at
/// that line too, and the line is the last of <see cref="Rules"/> (so a caller checking the three keys itself
/// finds the missing one). Lines with too few words or an unknown keyword get NUT's
/// "upssched.conf: invalid directive ..." warning.
/// </summary>
public sealed class UpsschedConf
{
    /// <summary>AT needs its keyword, type, UPS, command and one argument.</summary>
    const int AtMinimumWords = 5;

    readonly List<ConfigDiagnostic> _diagnostics = [];
    readonly List<UpsschedRule> _rules = [];
    readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public string FileName { get; }
    UpsschedConf(string fileName) => FileName = fileName;

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    public bool HasErrors => _diagnostics.Any(d => d.IsError);
    /// <summary>The error that makes upssched exit 1, or null.</summary>
    public ConfigDiagnostic? Fatal { get; private set; }
    public string? CmdScript { get; private set; }
    public string? PipeFn { get; private set; }
    public string? LockFn { get; private set; }
    public IReadOnlyList<UpsschedRule> Rules => _rules;

    public static UpsschedConf Load(string path) => Parse(path, ConfigFile.ReadBytes(path));

    public static UpsschedConf Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var conf = new UpsschedConf(fileName);
        foreach (var line in ConfigFile.Lines(fileName, content, conf._diagnostics))
        {
            conf.Apply(line.Words, line.LineNumber);
            if (conf.Fatal is not null)
                break;
        }
        return conf;
    }

    /// <summary>The line of the last line starting with <paramref name="directive"/> (e.g. CMDSCRIPT), or 0:
    /// the config checker points at it.</summary>
    public int LineOf(string directive) => _lines.TryGetValue(directive, out int line) ? line : 0;

    void Apply(string[] w, int line)
    {
        _lines[w[0]] = line;
        if (w.Length >= 2)
        {
            switch (w[0])
            {
                case "CMDSCRIPT": CmdScript = w[1]; return;
                case "PIPEFN": PipeFn = w[1]; return;
                case "LOCKFN": LockFn = w[1]; return;
                case "AT" when w.Length >= AtMinimumWords: At(w, line); return;
            }
        }
        _diagnostics.Add(new ConfigDiagnostic(FileName, line, $"upssched.conf: invalid directive {string.Join(' ', w)}"));
    }

    void At(string[] w, int line)
    {
        var action = w[3] switch
        {
            "START-TIMER" => UpsschedAction.StartTimer,
            "CANCEL-TIMER" => UpsschedAction.CancelTimer,
            "EXECUTE" => UpsschedAction.Execute,
            _ => UpsschedAction.Invalid,
        };
        _rules.Add(new UpsschedRule(w[1], w[2], action, w[4], w.Length > AtMinimumWords ? w[5] : null, line)
        {
            Command = w[3],
            CmdScript = CmdScript,
        });
        string? missing = CmdScript is null ? "CMDSCRIPT" : PipeFn is null ? "PIPEFN" : LockFn is null ? "LOCKFN" : null;
        if (missing is not null)
        {
            Fatal = new ConfigDiagnostic(FileName, line, $"{missing} must be set before any ATs in the config file!", IsError: true);
            _diagnostics.Add(Fatal);
            return;
        }

        // NUT says nothing about these when reading; they only fail (or never match) later. Say it now.
        if (NotifyTypes.Find(w[1]) is null)
            Warn(line, $"AT {w[1]}: expected a notify type ({string.Join(", ", NotifyTypes.All.Select(t => t.Name))}); this line never matches");
        if (action == UpsschedAction.Invalid)
            Warn(line, $"AT {w[1]} {w[2]} {w[3]}: expected START-TIMER, CANCEL-TIMER or EXECUTE (upssched logs \"Invalid command: {w[3]}\" when it matches)");
        else if (action == UpsschedAction.StartTimer && w.Length == AtMinimumWords)
            Warn(line, $"AT {w[1]} {w[2]} START-TIMER {w[4]}: expected the number of seconds after the timer name (the timer daemon refuses the request and upssched fails)");
    }

    void Warn(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message));
}
