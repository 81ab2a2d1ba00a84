namespace Nut.Core.Config;

/// <summary>One user of upsd.users: password, actions (SET, FSD, LOGIN, MASTER, PRIMARY) and instant commands.</summary>
public sealed class UpsdUser
{
    readonly HashSet<string> _actions = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> _instcmds = new(StringComparer.OrdinalIgnoreCase);

    public UpsdUser(string name, int line)
    {
        Name = name;
        Line = line;
    }

    public string Name { get; }
    public int Line { get; }
    /// <summary>Null until set; the first one given wins.</summary>
    public string? Password { get; internal set; }
    public IReadOnlyCollection<string> Actions => _actions;
    public IReadOnlyCollection<string> InstCmds => _instcmds;

    internal void AddAction(string action) => _actions.Add(action);
    internal void AddInstCmd(string cmd) => _instcmds.Add(cmd);

    public bool HasAction(string action) => _actions.Contains(action);

    /// <summary>True when the user may run <paramref name="command"/> (listed, or ALL).</summary>
    public bool MayRun(string command) => _instcmds.Contains(command) || _instcmds.Contains("all");
}

/// <summary>
/// upsd.users (spec/config-files.md §4), quirks included: <c>[name]</c> sections; <c>upsmon primary|master</c>
/// grants login, master and fsd, <c>upsmon secondary|slave</c> grants login; <c>key = v1 v2 ...</c> appends
/// each value; the first password wins; a duplicate section name leaves later fields on the previous user.
/// </summary>
public sealed class UpsdUsers
{
    readonly List<ConfigDiagnostic> _diagnostics = [];
    readonly List<UpsdUser> _users = [];

    public string FileName { get; }
    UpsdUsers(string fileName) => FileName = fileName;

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    public IReadOnlyList<UpsdUser> Users => _users;

    /// <summary>Exact, case-sensitive lookup, as NUT does.</summary>
    public UpsdUser? Find(string name) => _users.FirstOrDefault(u => u.Name == name);

    public static UpsdUsers Load(string path) => Parse(path, ConfigFile.ReadBytes(path));

    public static UpsdUsers Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var conf = new UpsdUsers(fileName);
        UpsdUser? current = null;
        foreach (var line in ConfigFile.Lines(fileName, content, conf._diagnostics))
        {
            string[] w = line.Words;
            int n = line.LineNumber;
            if (w[0].Equals("user", StringComparison.OrdinalIgnoreCase))
                continue; // the old format's keyword, ignored
            if (w[0].Length >= 2 && w[0][0] == '[' && w[0][^1] == ']')
            {
                string name = w[0][1..^1];
                if (conf.Find(name) is not null)
                {
                    conf.Warn(n, $"Ignoring duplicate user {name}");
                    continue; // NUT keeps the current user: what follows lands on the previous section
                }
                current = new UpsdUser(name, n);
                conf._users.Add(current);
                continue;
            }
            int eq = w[0].IndexOf('=');
            if (eq > 0)
            {
                // Compressed key=value form (only possible when the word was quoted or escaped).
                conf.Set(current, w[0][..eq], [w[0][(eq + 1)..]], n);
                continue;
            }
            if (w.Length >= 2 && w[0].Equals("upsmon", StringComparison.OrdinalIgnoreCase))
            {
                // NUT applies this rule before the key=value one, so "upsmon = primary" warns about "=" first.
                conf.SetUpsmon(current, w[1], n);
                if (w[1] != "=")
                    continue;
            }
            if (w.Length >= 3 && w[1] == "=")
            {
                conf.Set(current, w[0], w[2..], n);
                continue;
            }
            if (!w[0].Equals("upsmon", StringComparison.OrdinalIgnoreCase))
                conf.Warn(n, $"upsd.users: invalid line: expected [user], key = value or upsmon primary|secondary, got: {string.Join(' ', w)}");
        }
        return conf;
    }

    void Set(UpsdUser? user, string key, string[] values, int line)
    {
        if (user is null)
        {
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase) || key.Equals("instcmds", StringComparison.OrdinalIgnoreCase)
                || key.Equals("actions", StringComparison.OrdinalIgnoreCase))
                Warn(line, $"{key} set outside of a user section (no [username] before it)");
            return;
        }
        foreach (var value in values)
        {
            switch (key.ToLowerInvariant())
            {
                case "password":
                    if (user.Password is null) user.Password = value;
                    else Warn(line, $"Ignoring duplicate password for {user.Name}");
                    break;
                case "actions":
                    user.AddAction(value);
                    break;
                case "instcmds":
                    user.AddInstCmd(value);
                    break;
                case "allowfrom":
                    Warn(line, "allowfrom in upsd.users is no longer used");
                    break;
                case "upsmon":
                    SetUpsmon(user, value, line);
                    break;
                default:
                    Warn(line, $"Unrecognized user setting {key}");
                    break;
            }
        }
    }

    void SetUpsmon(UpsdUser? user, string type, int line)
    {
        if (user is null)
            return;
        switch (type.ToLowerInvariant())
        {
            case "primary" or "master":
                user.AddAction("login");
                user.AddAction("master");
                user.AddAction("fsd");
                break;
            case "secondary" or "slave":
                user.AddAction("login");
                break;
            default:
                Warn(line, $"Unknown upsmon type {type}");
                break;
        }
    }

    void Warn(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message));
}
