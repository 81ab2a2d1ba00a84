namespace Nut.Drivers.Host;

/// <summary>What the host gives a driver: its configuration, its published state, its identity.</summary>
public sealed class DriverHostContext
{
    readonly Dictionary<string, string> _values;
    readonly HashSet<string> _flags;

    public DriverHostContext(string upsName, DriverState state, Dictionary<string, string> values, HashSet<string> flags,
        string confPath, TimeProvider clock)
    {
        UpsName = upsName;
        State = state;
        _values = values;
        _flags = flags;
        ConfPath = confPath;
        Clock = clock;
    }

    /// <summary>The ups.conf section (or -s id) this instance serves.</summary>
    public string UpsName { get; }
    public DriverState State { get; }
    /// <summary>The configuration directory (relative data files resolve against it).</summary>
    public string ConfPath { get; }
    public TimeProvider Clock { get; }

    /// <summary>The <c>port</c> setting (mandatory).</summary>
    public string Port => _values["port"];

    public int PollIntervalSeconds { get; internal set; } = 2;

    /// <summary>A driver setting from ups.conf or -x (case-insensitive name), or null.</summary>
    public string? GetValue(string name) => _values.GetValueOrDefault(name);

    /// <summary>True when a driver flag is set in ups.conf or with -x.</summary>
    public bool HasFlag(string name) => _flags.Contains(name);

    /// <summary>Overrides a setting as the driver resolved it (e.g. dummy-ups' guessed mode).</summary>
    public void SetValue(string name, string value)
    {
        _values[name] = value;
        State.SetInfo("driver.parameter." + name, value);
    }
}
