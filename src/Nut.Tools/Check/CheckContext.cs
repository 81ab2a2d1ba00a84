using Nut.Core.Config;

namespace Nut.Tools.Check;

/// <summary>
/// One configuration directory, read once with the same models the daemons use, for the checks to look at.
/// A file that is absent is null; one that cannot be read is null too, with an error already reported.
/// </summary>
public sealed class CheckContext
{
    readonly List<ConfigDiagnostic> _found = [];

    CheckContext(string confDir) => ConfDir = confDir;

    public string ConfDir { get; }
    public NutConf? Nut { get; private set; }
    public UpsConf? Ups { get; private set; }
    public UpsdConf? Upsd { get; private set; }
    public UpsdUsers? Users { get; private set; }
    public UpsmonConf? Upsmon { get; private set; }
    public UpsschedConf? Upssched { get; private set; }

    /// <summary>Where a running upsd's PID file may be (NUT_ALTPIDPATH / NUT_STATEPATH / /run/nut, and upsd.conf's
    /// STATEPATH). Tests point it elsewhere.</summary>
    public List<string> PidDirs { get; } = [];

    /// <summary>Every diagnostic so far: the parsers' and the checks'.</summary>
    public IReadOnlyList<ConfigDiagnostic> Found => _found;

    public string PathOf(string file) => Path.Combine(ConfDir, file);

    public void Error(string file, int line, string message) => _found.Add(new ConfigDiagnostic(file, line, message, IsError: true));
    public void Warn(string file, int line, string message) => _found.Add(new ConfigDiagnostic(file, line, message));
    public void Add(ConfigDiagnostic diagnostic) => _found.Add(diagnostic);

    /// <summary>
    /// A path written in a file, as it will be once the directory is installed: when the directory being checked is
    /// not /etc/nut (a sample, a copy under review), paths under /etc/nut mean this directory's files.
    /// </summary>
    public string Resolve(string path)
    {
        string prefix = NutPaths.DefaultConfPath + "/";
        if (path.StartsWith(prefix, StringComparison.Ordinal)
            && Path.GetFullPath(ConfDir).TrimEnd('/') != NutPaths.DefaultConfPath)
            return Path.Combine(ConfDir, path[prefix.Length..]);
        return path;
    }

    /// <summary>Reads every file the directory has. Parsers' own messages are kept as they are.</summary>
    public static CheckContext Load(string confDir)
    {
        var c = new CheckContext(confDir);
        c.Nut = c.Read("nut.conf", p => NutConf.Load(p) is { Exists: true } n ? n : null, n => n.Diagnostics);
        c.Ups = c.Read("ups.conf", UpsConf.Load, u => u.Diagnostics);
        c.Upsd = c.Read("upsd.conf", UpsdConf.Load, u => u.Diagnostics);
        c.Users = c.Read("upsd.users", UpsdUsers.Load, u => u.Diagnostics);
        c.Upsmon = c.Read("upsmon.conf", p => UpsmonConf.Load(p), u => u.Diagnostics);
        c.Upssched = c.Read("upssched.conf", UpsschedConf.Load, u => u.Diagnostics);
        c.PidDirs.Add(NutPaths.AltPidPath);
        if (c.Upsd?.StatePath is { } state && !c.PidDirs.Contains(state))
            c.PidDirs.Add(state);
        return c;
    }

    T? Read<T>(string name, Func<string, T?> load, Func<T, IEnumerable<ConfigDiagnostic>> diagnostics) where T : class
    {
        string path = PathOf(name);
        if (!File.Exists(path))
            return null;
        try
        {
            var model = load(path);
            if (model is not null)
                _found.AddRange(diagnostics(model));
            return model;
        }
        catch (ConfigException e)
        {
            Error(path, 0, $"cannot be read ({e.Message}): give the daemons' user read access (chmod 640, group nut)");
            return null;
        }
    }
}
