namespace Nut.Core.Config;

/// <summary>nut.conf's MODE: which daemons a machine runs.</summary>
public enum NutMode { None, Standalone, NetServer, NetClient }

/// <summary>
/// nut.conf (spec/config-files.md §7): a shell fragment, <c>KEY=value</c> with no spaces around <c>=</c>, values
/// optionally quoted; read by init scripts. MODE decides what starts: standalone and netserver run upsd and
/// upsmon, netclient only upsmon, none nothing.
/// </summary>
public sealed class NutConf
{
    readonly List<ConfigDiagnostic> _diagnostics = [];
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string FileName { get; }
    NutConf(string fileName) => FileName = fileName;

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    public NutMode? Mode { get; private set; }
    public string? this[string key] => _values.GetValueOrDefault(key);
    public string? UpsdOptions => this["UPSD_OPTIONS"];
    public string? UpsmonOptions => this["UPSMON_OPTIONS"];
    public int? PowerOffWait => int.TryParse(this["POWEROFF_WAIT"], out int n) ? n : null;

    public bool RunsUpsd => Mode is NutMode.Standalone or NutMode.NetServer;
    public bool RunsUpsmon => Mode is NutMode.Standalone or NutMode.NetServer or NutMode.NetClient;

    public static NutConf Load(string path) => Parse(path, File.ReadAllText(path));

    public static NutConf Parse(string fileName, string text)
    {
        var conf = new NutConf(fileName);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            int eq = line.IndexOf('=');
            if (eq <= 0 || char.IsWhiteSpace(line[eq - 1]) || (eq + 1 < line.Length && char.IsWhiteSpace(line[eq + 1])))
            {
                conf._diagnostics.Add(new ConfigDiagnostic(fileName, i + 1,
                    $"expected KEY=value with no spaces around '=' (nut.conf is read by the shell), got: {line}", IsError: true));
                continue;
            }
            string key = line[..eq];
            string value = Unquote(StripComment(line[(eq + 1)..]));
            conf._values[key] = value;
            if (key == "MODE")
            {
                conf.Mode = value switch
                {
                    "none" => NutMode.None,
                    "standalone" => NutMode.Standalone,
                    "netserver" => NutMode.NetServer,
                    "netclient" => NutMode.NetClient,
                    _ => null,
                };
                if (conf.Mode is null)
                    conf._diagnostics.Add(new ConfigDiagnostic(fileName, i + 1,
                        $"MODE={value}: expected none, standalone, netserver or netclient", IsError: true));
            }
        }
        return conf;
    }

    static string StripComment(string v)
    {
        if (v.StartsWith('"') || v.StartsWith('\''))
            return v;
        int hash = v.IndexOf(" #", StringComparison.Ordinal);
        return (hash >= 0 ? v[..hash] : v).Trim();
    }

    static string Unquote(string v)
    {
        v = v.Trim();
        if (v.Length >= 2 && (v[0] == '"' || v[0] == '\''))
        {
            int end = v.IndexOf(v[0], 1);
            if (end > 0) return v[1..end];
        }
        return v;
    }
}
