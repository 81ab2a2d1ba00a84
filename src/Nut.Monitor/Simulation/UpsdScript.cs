namespace Nut.Monitor.Simulation;

/// <summary>What a scripted upsd answers for one UPS from some moment on.</summary>
public abstract record UpsdState
{
    /// <summary>GET VAR ups.status answers this (with "FSD " in front once the FSD latch is set).</summary>
    public sealed record Status(string Value) : UpsdState
    {
        public override string ToString() => $"ups.status \"{Value}\"";
    }

    /// <summary>GET VAR answers <c>ERR &lt;Token&gt;</c> (DATA-STALE, DRIVER-NOT-CONNECTED, UNKNOWN-UPS...).</summary>
    public sealed record Error(string Token) : UpsdState
    {
        public override string ToString() => $"ERR {Token}";
    }

    /// <summary>The server is unreachable: open connections break, new ones are refused.</summary>
    public sealed record Down : UpsdState
    {
        public override string ToString() => "server down";
    }
}

/// <summary>
/// The timeline of one UPS as a scripted upsd serves it to upsmon: what ups.status says (or which error, or
/// no server at all) from which moment, how many other upsmon instances are logged in, and when somebody
/// else sets FSD. Times are from the start of the simulation. Before the first entry the UPS is "OL".
/// The FSD latch behaves as upsd's: set by this upsmon's FSD or by <see cref="ForcedShutdown"/>, and then
/// kept (also across <see cref="UpsdState.Down"/>).
/// </summary>
public sealed class UpsdScript
{
    readonly List<(TimeSpan At, UpsdState State)> _states = [(TimeSpan.Zero, new UpsdState.Status("OL"))];
    readonly List<(TimeSpan At, int Count)> _logins = [(TimeSpan.Zero, 0)];
    readonly List<TimeSpan> _forcedShutdowns = [];

    public UpsdScript(string system) => System = system;

    /// <summary>The MONITOR system string this script serves (e.g. <c>ups@localhost</c>).</summary>
    public string System { get; }

    /// <summary>From <paramref name="at"/>, ups.status is <paramref name="status"/> (e.g. "OB LB").</summary>
    public UpsdScript Status(TimeSpan at, string status) => Add(at, new UpsdState.Status(status));

    /// <summary>From <paramref name="at"/>, GET VAR answers <c>ERR &lt;token&gt;</c>.</summary>
    public UpsdScript Error(TimeSpan at, string token) => Add(at, new UpsdState.Error(token));

    /// <summary>From <paramref name="at"/> the server cannot be reached (until the next Status or Error).</summary>
    public UpsdScript Down(TimeSpan at) => Add(at, new UpsdState.Down());

    /// <summary>From <paramref name="at"/>, GET VAR <paramref name="name"/> answers <paramref name="value"/> (before
    /// its first entry a variable is not supported: ERR VAR-NOT-SUPPORTED).</summary>
    public UpsdScript Variable(TimeSpan at, string name, string value)
    {
        if (!_variables.TryGetValue(name, out var list))
            _variables[name] = list = [];
        list.Add((at, value));
        list.Sort((a, b) => a.At.CompareTo(b.At));
        return this;
    }

    readonly Dictionary<string, List<(TimeSpan At, string Value)>> _variables = new(StringComparer.Ordinal);

    /// <summary>Every scripted variable change, for the timeline.</summary>
    public IEnumerable<(TimeSpan At, string Name, string Value)> VariableChanges =>
        _variables.SelectMany(kv => kv.Value.Select(v => (v.At, kv.Key, v.Value)));

    internal string? VariableAt(string name, TimeSpan t) =>
        _variables.TryGetValue(name, out var list) && list.LastOrDefault(v => v.At <= t) is { Value: { } value } ? value : null;

    /// <summary>From <paramref name="at"/>, this many other upsmon instances (secondaries) are logged in.</summary>
    public UpsdScript OtherLogins(TimeSpan at, int count)
    {
        _logins.Add((at, count));
        _logins.Sort((a, b) => a.At.CompareTo(b.At));
        return this;
    }

    /// <summary>At <paramref name="at"/> another primary sets FSD on this UPS.</summary>
    public UpsdScript ForcedShutdown(TimeSpan at)
    {
        _forcedShutdowns.Add(at);
        return this;
    }

    /// <summary><paramref name="count"/> secondaries are logged in and log out <paramref name="delay"/> after
    /// the FSD latch is set (as secondaries do once they have seen FSD and shut down).</summary>
    public UpsdScript SecondariesLogOutAfterFsd(int count, TimeSpan delay)
    {
        Secondaries = (count, delay);
        return this;
    }

    internal (int Count, TimeSpan Delay)? Secondaries { get; private set; }

    UpsdScript Add(TimeSpan at, UpsdState state)
    {
        _states.Add((at, state));
        // Stable: a later entry at the same moment wins.
        var ordered = _states.Select((s, i) => (s, i)).OrderBy(x => x.s.At).ThenBy(x => x.i).Select(x => x.s).ToList();
        _states.Clear();
        _states.AddRange(ordered);
        return this;
    }

    public IReadOnlyList<(TimeSpan At, UpsdState State)> States => _states;
    public IReadOnlyList<TimeSpan> ForcedShutdowns => _forcedShutdowns;

    public UpsdState StateAt(TimeSpan t) => _states.Last(s => s.At <= t).State;

    internal int OtherLoginsAt(TimeSpan t) => _logins.Last(l => l.At <= t).Count;

    /// <summary>Set by someone else by <paramref name="t"/>?</summary>
    internal TimeSpan? ForcedShutdownBy(TimeSpan t) => _forcedShutdowns.Where(f => f <= t).Select(f => (TimeSpan?)f).Min();
}
