using Nut.Core.Text;

namespace Nut.Core.Config;

/// <summary>One <c>key = value</c> (or bare flag, Value null) line of ups.conf, with its line number.</summary>
public sealed record UpsSetting(string Key, string? Value, int Line)
{
    public bool IsFlag => Value is null;
}

/// <summary>One <c>[name]</c> section of ups.conf. Keys are case-sensitive, as NUT compares them with strcmp.</summary>
public sealed class UpsSection
{
    readonly List<UpsSetting> _settings = [];
    readonly List<int> _repeatedAt = [];

    public UpsSection(string name, int line)
    {
        Name = name;
        Line = line;
    }

    public string Name { get; }
    /// <summary>Line of the section header (the first one when the section is repeated).</summary>
    public int Line { get; }
    public IReadOnlyList<UpsSetting> Settings => _settings;
    /// <summary>Lines where the same <c>[name]</c> header appears again (merged into this section, as upsd does);
    /// the config checker reports them.</summary>
    public IReadOnlyList<int> RepeatedAt => _repeatedAt;

    internal void Add(UpsSetting setting) => _settings.Add(setting);
    internal void AddRepeat(int line) => _repeatedAt.Add(line);

    /// <summary>The last value given for <paramref name="key"/> (later lines override earlier ones), or null.</summary>
    public string? Get(string key)
    {
        for (int i = _settings.Count - 1; i >= 0; i--)
            if (_settings[i].Key == key && _settings[i].Value is not null)
                return _settings[i].Value;
        return null;
    }

    public bool HasFlag(string key) => _settings.Any(s => s.Key == key);

    public string? Driver => Get("driver");
    public string? Port => Get("port");
    public string? Desc => Get("desc");

    /// <summary>Shutdown order for upsdrvctl (default 0; -1 excludes the UPS from shutdown).</summary>
    public int SdOrder => Get("sdorder") is { } v ? CInt.Atoi(v) : 0;

    public int? MaxStartDelay => Get("maxstartdelay") is { } v ? CInt.Atoi(v) : null;

    /// <summary>True when the section has what upsd needs to serve it (NUT skips it with a warning otherwise).</summary>
    public bool IsComplete => Driver is not null && Port is not null;
}

/// <summary>
/// ups.conf (spec/config-files.md §2): global settings, then <c>[name]</c> sections. Grammar per logical
/// line: <c>[name]</c> starts a section; one word is a flag; <c>key = value</c> (3+ words, the second
/// being <c>=</c>) sets a value (further words ignored); anything else is silently ignored, as in NUT.
/// A repeated section name merges into the first one. Parse errors are reported and the line skipped.
/// </summary>
public sealed class UpsConf
{
    readonly List<UpsSetting> _globals = [];
    readonly List<UpsSection> _sections = [];
    readonly List<ConfigDiagnostic> _diagnostics = [];

    public string FileName { get; }

    UpsConf(string fileName) => FileName = fileName;

    public IReadOnlyList<UpsSetting> Globals => _globals;
    /// <summary>Sections in file order (first definition's position).</summary>
    public IReadOnlyList<UpsSection> Sections => _sections;
    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;

    /// <summary>The last value of a global setting, or null.</summary>
    public string? GetGlobal(string key)
    {
        for (int i = _globals.Count - 1; i >= 0; i--)
            if (_globals[i].Key == key && _globals[i].Value is not null)
                return _globals[i].Value;
        return null;
    }

    public bool HasGlobalFlag(string key) => _globals.Any(s => s.Key == key);

    public string? DriverPath => GetGlobal("driverpath");
    public int MaxStartDelay => GetGlobal("maxstartdelay") is { } v ? CInt.Atoi(v) : 45;
    public int MaxRetry => GetGlobal("maxretry") is { } v ? CInt.Atoi(v) : 1;
    public int RetryDelay => GetGlobal("retrydelay") is { } v ? CInt.Atoi(v) : 5;
    public bool NoWait => HasGlobalFlag("nowait");

    /// <summary>Finds a section by exact name (drivers and upsdrvctl), or case-insensitively (upsd's lookups).</summary>
    public UpsSection? Find(string name, bool ignoreCase = false)
    {
        foreach (var s in _sections)
            if (string.Equals(s.Name, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                return s;
        return null;
    }

    /// <summary>Reads ups.conf. A missing or unreadable file is fatal, with NUT's message.</summary>
    public static UpsConf Load(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory"
                : e is UnauthorizedAccessException ? "Permission denied" : e.Message;
            throw new ConfigException($"Can't open {path}: Can't open {path}: {reason}");
        }
        return Parse(path, content);
    }

    public static UpsConf Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var conf = new UpsConf(fileName);
        UpsSection? current = null;
        foreach (var line in NutTokenizer.TokenizeFile(content))
        {
            if (line.IsError)
            {
                conf._diagnostics.Add(new ConfigDiagnostic(fileName, line.LineNumber, "Parse error: " + line.Error, IsError: true));
                continue;
            }
            string[] w = line.Words;
            if (w.Length == 0)
                continue;
            if (w[0].Length >= 2 && w[0][0] == '[' && w[0][^1] == ']')
            {
                string name = w[0][1..^1];
                current = conf.Find(name);
                if (current is null)
                {
                    current = new UpsSection(name, line.LineNumber);
                    conf._sections.Add(current);
                }
                else
                    current.AddRepeat(line.LineNumber);
                continue;
            }
            UpsSetting setting;
            if (w.Length == 1)
                setting = new UpsSetting(w[0], null, line.LineNumber);
            else if (w.Length >= 3 && w[1] == "=")
                setting = new UpsSetting(w[0], w[2], line.LineNumber);
            else
                continue; // NUT ignores 2-word lines and lines without '=' in second place
            if (current is null)
                conf._globals.Add(setting);
            else
                current.Add(setting);
        }
        return conf;
    }
}
