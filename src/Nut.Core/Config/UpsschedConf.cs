namespace Nut.Core.Config;

/// <summary>What an AT line does.</summary>
public enum UpsschedAction { StartTimer, CancelTimer, Execute }

/// <summary>
/// <c>AT &lt;notifytype&gt; &lt;ups|*&gt; START-TIMER &lt;name&gt; &lt;seconds&gt;</c>, <c>CANCEL-TIMER &lt;name&gt; [&lt;cmd&gt;]</c>
/// or <c>EXECUTE &lt;cmd&gt;</c>.
/// </summary>
public sealed record UpsschedRule(string NotifyType, string Ups, UpsschedAction Action, string Argument, string? Extra, int Line)
{
    /// <summary>NUT's matching: the type ignoring case; the UPS exactly, or "*" for any (no globs).</summary>
    public bool Matches(string notifyType, string ups) =>
        NotifyType.Equals(notifyType, StringComparison.OrdinalIgnoreCase) && (Ups == "*" || Ups == ups);
}

/// <summary>
/// upssched.conf (spec/upssched.md): CMDSCRIPT, PIPEFN, LOCKFN, then AT lines. NUT acts on the file line by line,
/// so CMDSCRIPT, PIPEFN and LOCKFN must come before the first AT — otherwise upssched stops with
/// "&lt;KEY&gt; must be set before any ATs in the config file!", which is an error here too.
/// </summary>
public sealed class UpsschedConf
{
    readonly List<ConfigDiagnostic> _diagnostics = [];
    readonly List<UpsschedRule> _rules = [];

    public string FileName { get; }
    UpsschedConf(string fileName) => FileName = fileName;

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    public bool HasErrors => _diagnostics.Any(d => d.IsError);
    public string? CmdScript { get; private set; }
    public string? PipeFn { get; private set; }
    public string? LockFn { get; private set; }
    public IReadOnlyList<UpsschedRule> Rules => _rules;

    public static UpsschedConf Load(string path) => Parse(path, ConfigFile.ReadBytes(path));

    public static UpsschedConf Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var conf = new UpsschedConf(fileName);
        foreach (var line in ConfigFile.Lines(fileName, content, conf._diagnostics))
            conf.Apply(line.Words, line.LineNumber);
        return conf;
    }

    void Apply(string[] w, int line)
    {
        switch (w[0])
        {
            case "CMDSCRIPT" or "PIPEFN" or "LOCKFN" when w.Length >= 2:
                if (_rules.Count > 0)
                {
                    Error(line, $"{w[0]} must be set before any ATs in the config file!");
                    return;
                }
                if (w[0] == "CMDSCRIPT") CmdScript = w[1];
                else if (w[0] == "PIPEFN") PipeFn = w[1];
                else LockFn = w[1];
                return;
            case "AT":
                At(w, line);
                return;
        }
        _diagnostics.Add(new ConfigDiagnostic(FileName, line, $"Unrecognized directive: {string.Join(' ', w)}: expected CMDSCRIPT, PIPEFN, LOCKFN or AT"));
    }

    void At(string[] w, int line)
    {
        if (w.Length < 5)
        {
            Error(line, "AT needs: AT <notifytype> <upsname|*> START-TIMER <name> <seconds> | CANCEL-TIMER <name> [<cmd>] | EXECUTE <cmd>");
            return;
        }
        foreach (var (key, value) in new[] { ("CMDSCRIPT", CmdScript), ("PIPEFN", PipeFn), ("LOCKFN", LockFn) })
            if (value is null && _rules.Count == 0 && key != "CMDSCRIPT")
                Error(line, $"{key} must be set before any ATs in the config file!");
        if (NotifyTypes.Find(w[1]) is null)
            _diagnostics.Add(new ConfigDiagnostic(FileName, line, $"AT {w[1]}: not a notify type upsmon sends ({string.Join(", ", NotifyTypes.All.Select(t => t.Name))})"));
        switch (w[3].ToUpperInvariant())
        {
            case "START-TIMER":
                if (w.Length < 6 || !Nut.Core.Text.CInt.StartsWithDigit(w[5]))
                {
                    Error(line, $"AT {w[1]} {w[2]} START-TIMER {w[4]}: expected the number of seconds after the timer name");
                    return;
                }
                _rules.Add(new UpsschedRule(w[1], w[2], UpsschedAction.StartTimer, w[4], w[5], line));
                return;
            case "CANCEL-TIMER":
                _rules.Add(new UpsschedRule(w[1], w[2], UpsschedAction.CancelTimer, w[4], w.Length > 5 ? w[5] : null, line));
                return;
            case "EXECUTE":
                _rules.Add(new UpsschedRule(w[1], w[2], UpsschedAction.Execute, w[4], null, line));
                return;
        }
        Error(line, $"AT {w[1]} {w[2]}: unknown action {w[3]}: expected START-TIMER, CANCEL-TIMER or EXECUTE");
    }

    void Error(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message, IsError: true));
}
