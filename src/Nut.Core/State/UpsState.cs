using Nut.Core.Text;

namespace Nut.Core.State;

/// <summary>
/// The state of one UPS: variables (sorted as C's strcasecmp sorts them, looked up case-insensitively)
/// and instant commands. The same model serves a driver (what it publishes) and upsd (its copy of
/// what the driver sent). Each mutator returns whether anything changed, so a driver broadcasts
/// only real changes, as NUT does. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class UpsState
{
    /// <summary>NUT truncates values to 255 characters (ST_MAX_VALUE_LEN buffer of 256).</summary>
    public const int MaxValueLength = 255;

    readonly SortedDictionary<string, UpsVariable> _variables = new(NutNameComparer.Instance);
    readonly SortedSet<string> _commands = new(NutNameComparer.Instance);

    public IReadOnlyCollection<UpsVariable> Variables => _variables.Values;
    public IReadOnlyCollection<string> Commands => _commands;
    public int VariableCount => _variables.Count;

    public UpsVariable? Get(string name) => _variables.TryGetValue(name, out var v) ? v : null;
    public string? GetValue(string name) => Get(name)?.Value;
    public bool HasCommand(string name) => _commands.Contains(name);

    /// <summary>Creates or updates a variable. Returns true when it was created or its value changed
    /// (compared case-insensitively, as NUT does). An immutable variable is not changed unless forced.</summary>
    public bool SetInfo(string name, string value, bool force = false)
    {
        if (value.Length > MaxValueLength)
            value = value[..MaxValueLength];
        if (_variables.TryGetValue(name, out var v))
        {
            if (v.IsImmutable && !force)
                return false;
            if (string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase))
                return false;
            v.Value = value;
            return true;
        }
        _variables.Add(name, new UpsVariable(name, value));
        return true;
    }

    public bool DelInfo(string name, bool force = false)
    {
        if (!_variables.TryGetValue(name, out var v))
            return false;
        if (v.IsImmutable && !force)
            return false;
        return _variables.Remove(name);
    }

    public bool AddEnum(string name, string value)
    {
        if (!_variables.TryGetValue(name, out var v))
            return false;
        foreach (var e in v.Enums)
            if (string.Equals(e, value, StringComparison.OrdinalIgnoreCase))
                return false;
        v.Enums.Add(value);
        return true;
    }

    public bool DelEnum(string name, string value)
    {
        if (!_variables.TryGetValue(name, out var v))
            return false;
        int i = v.Enums.FindIndex(e => string.Equals(e, value, StringComparison.OrdinalIgnoreCase));
        if (i < 0)
            return false;
        v.Enums.RemoveAt(i);
        return true;
    }

    /// <summary>Adds a range. NUT's quirk: a range whose min or max equals an existing range's min
    /// or max is taken as a duplicate and ignored; min &gt; max is rejected.</summary>
    public bool AddRange(string name, int min, int max)
    {
        if (min > max || !_variables.TryGetValue(name, out var v))
            return false;
        foreach (var r in v.Ranges)
            if (r.Min == min || r.Max == max)
                return false;
        v.Ranges.Add(new ValueRange(min, max));
        return true;
    }

    /// <summary>Removes the first range whose min or max equals the given one (NUT's quirk).</summary>
    public bool DelRange(string name, int min, int max)
    {
        if (!_variables.TryGetValue(name, out var v))
            return false;
        int i = v.Ranges.FindIndex(r => r.Min == min || r.Max == max);
        if (i < 0)
            return false;
        v.Ranges.RemoveAt(i);
        return true;
    }

    public bool SetAux(string name, int aux)
    {
        if (!_variables.TryGetValue(name, out var v) || v.Aux == aux)
            return false;
        v.Aux = aux;
        return true;
    }

    /// <summary>Replaces the transmitted flags (the Immutable mark is kept).</summary>
    public bool SetFlags(string name, VariableFlags flags)
    {
        if (!_variables.TryGetValue(name, out var v))
            return false;
        var next = flags.Transmitted() | (v.Flags & VariableFlags.Immutable);
        if (next == v.Flags)
            return false;
        v.Flags = next;
        return true;
    }

    public bool AddFlags(string name, VariableFlags flags)
    {
        if (!_variables.TryGetValue(name, out var v))
            return false;
        return SetFlags(name, v.Flags.Transmitted() | flags.Transmitted()) | MarkImmutable(v, flags);
    }

    static bool MarkImmutable(UpsVariable v, VariableFlags flags)
    {
        if ((flags & VariableFlags.Immutable) == 0 || v.IsImmutable)
            return false;
        v.Flags |= VariableFlags.Immutable;
        return true;
    }

    public bool AddCommand(string name) => _commands.Add(name);
    public bool DelCommand(string name) => _commands.Remove(name);

    public void Clear()
    {
        _variables.Clear();
        _commands.Clear();
    }

    /// <summary>
    /// Applies one message a driver sends on its socket (SETINFO, DELINFO, ADDENUM, DELENUM, ADDRANGE,
    /// DELRANGE, SETAUX, SETFLAGS, ADDCMD, DELCMD) with upsd's argument minimums. Returns true when the
    /// message was one of these, well formed (upsd counts such a line as "heard from the driver").
    /// Connection-level messages (DUMPDONE, PONG, DATAOK, DATASTALE, TRACKING) are the caller's.
    /// </summary>
    public bool ApplyDriverMessage(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
            return false;
        string cmd = words[0];
        int n = words.Count;
        switch (cmd.ToUpperInvariant())
        {
            case "SETINFO" when n >= 3:
                SetInfo(words[1], words[2], force: true);
                return true;
            case "DELINFO" when n >= 2:
                DelInfo(words[1], force: true);
                return true;
            case "ADDENUM" when n >= 3:
                AddEnum(words[1], words[2]);
                return true;
            case "DELENUM" when n >= 3:
                DelEnum(words[1], words[2]);
                return true;
            case "ADDRANGE" when n >= 4:
                AddRange(words[1], CInt.Atoi(words[2]), CInt.Atoi(words[3]));
                return true;
            case "DELRANGE" when n >= 4:
                DelRange(words[1], CInt.Atoi(words[2]), CInt.Atoi(words[3]));
                return true;
            case "SETAUX" when n >= 3:
                SetAux(words[1], CInt.Atoi(words[2]));
                return true;
            case "SETFLAGS" when n >= 3:
                SetFlags(words[1], VariableFlagWords.Parse(words.Skip(2)));
                return true;
            case "ADDCMD" when n >= 2:
                AddCommand(words[1]);
                return true;
            case "DELCMD" when n >= 2:
                DelCommand(words[1]);
                return true;
        }
        return false;
    }

    /// <summary>
    /// The lines of a DUMPALL reply, without the newline and without the DATASTALE/DATAOK/DUMPDONE
    /// framing (the driver adds those): per variable SETINFO, ADDENUM*, ADDRANGE*, SETAUX (if aux≠0),
    /// SETFLAGS (if flags≠0); then ADDCMD per command.
    /// </summary>
    public IEnumerable<string> DumpLines()
    {
        foreach (var v in _variables.Values)
        {
            yield return $"SETINFO {v.Name} \"{v.EscapedValue}\"";
            foreach (var e in v.Enums)
                yield return $"ADDENUM {v.Name} {NutQuoting.Quote(e)}";
            foreach (var r in v.Ranges)
                yield return $"ADDRANGE {v.Name} {r.Min} {r.Max}";
            if (v.Aux != 0)
                yield return $"SETAUX {v.Name} {v.Aux}";
            var flags = v.Flags.Transmitted();
            if (flags != VariableFlags.None)
                yield return $"SETFLAGS {v.Name} {VariableFlagWords.Format(flags)}";
        }
        foreach (var c in _commands)
            yield return $"ADDCMD {c}";
    }
}
