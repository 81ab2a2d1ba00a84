using System.Globalization;
using System.Text;

namespace Nut.Core.Config;

/// <summary>nut.conf's MODE: which daemons a machine runs.</summary>
public enum NutMode { None, Standalone, NetServer, NetClient }

/// <summary>
/// nut.conf (spec/config-files.md §7). No NUT program parses it; three readers do, and the model follows each:
/// <list type="bullet">
/// <item>the shell (Debian's <c>/sbin/upsd</c> and <c>/sbin/upsmon</c> wrappers source it): the variables are
/// those <c>/bin/sh</c> would set (<see cref="ShellAssignments"/>); MODE is matched case-sensitively —
/// standalone and netserver start upsd and upsmon, netclient only upsmon, none neither (the wrapper prints
/// "upsd disabled, ..." and exits 0), anything else or no MODE makes the wrapper exit 1;</item>
/// <item>systemd (<c>EnvironmentFile=</c>) for the services' environment: plain <c>KEY=value</c> lines read the
/// same way;</item>
/// <item>Debian's nutshutdown, which takes POWEROFF_WAIT with sed — the raw text after <c>POWEROFF_WAIT=</c>,
/// quotes included — and hands it to sleep (<see cref="PowerOffWait"/>).</item>
/// </list>
/// A missing file is not an error (the wrappers test <c>[ -r nut.conf ]</c>): nothing is set.
/// </summary>
public sealed class NutConf
{
    readonly List<ConfigDiagnostic> _diagnostics = [];
    IReadOnlyDictionary<string, ShellVariable> _variables = new Dictionary<string, ShellVariable>();

    public string FileName { get; }
    NutConf(string fileName) => FileName = fileName;

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;
    public bool Exists { get; private set; } = true;
    /// <summary>Every variable the file sets, as the shell sees them.</summary>
    public IReadOnlyDictionary<string, ShellVariable> Variables => _variables;
    /// <summary>MODE, or null when it is missing or not one of the four values.</summary>
    public NutMode? Mode { get; private set; }
    public string? this[string key] => _variables.TryGetValue(key, out var v) ? v.Value : null;
    public string? UpsdOptions => this["UPSD_OPTIONS"];
    public string? UpsmonOptions => this["UPSMON_OPTIONS"];

    /// <summary>POWEROFF_WAIT as Debian's nutshutdown reads it: with <c>sed -n 's#^ *POWEROFF_WAIT= *\(.*\)$#\1#p'</c>,
    /// so the text after the <c>=</c> verbatim (quotes and comments kept; several matching lines joined by a
    /// newline). The script sleeps that long after <c>upsdrvctl shutdown</c> and then reboots.</summary>
    public string? PowerOffWait { get; private set; }

    /// <summary><see cref="PowerOffWait"/> as sleep understands it (numbers with an optional s, m, h or d suffix,
    /// several adding up), or null when it is missing or sleep would reject it.</summary>
    public TimeSpan? PowerOffWaitDuration => PowerOffWait is { } text ? ParseSleep(text) : null;

    public bool RunsUpsd => Mode is NutMode.Standalone or NutMode.NetServer;
    public bool RunsUpsmon => Mode is NutMode.Standalone or NutMode.NetServer or NutMode.NetClient;

    /// <summary>Reads the file; a missing one gives an empty configuration with <see cref="Exists"/> false.</summary>
    public static NutConf Load(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new NutConf(path) { Exists = false };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"Can't open {path}: {ConfigFile.Reason(e)}");
        }
        return Parse(path, Encoding.UTF8.GetString(content));
    }

    public static NutConf Parse(string fileName, string text)
    {
        var conf = new NutConf(fileName);
        conf._variables = ShellAssignments.Run(fileName, text, conf._diagnostics);
        if (conf._variables.TryGetValue("MODE", out var mode))
        {
            conf.Mode = mode.Value switch
            {
                "none" => NutMode.None,
                "standalone" => NutMode.Standalone,
                "netserver" => NutMode.NetServer,
                "netclient" => NutMode.NetClient,
                _ => null,
            };
            if (conf.Mode is null)
                conf.Error(mode.Line, $"MODE={mode.Value}: expected none, standalone, netserver or netclient (the upsd and upsmon wrappers exit 1)");
        }
        else
        {
            conf.Error(0, "MODE is not set: expected MODE=none, standalone, netserver or netclient (the upsd and upsmon wrappers exit 1)");
        }
        conf.ReadPowerOffWait(text);
        return conf;
    }

    void ReadPowerOffWait(string text)
    {
        const string Key = "POWEROFF_WAIT=";
        var found = new List<string>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int p = 0;
            while (p < line.Length && line[p] == ' ')
                p++;
            if (!line.AsSpan(p).StartsWith(Key, StringComparison.Ordinal))
                continue;
            p += Key.Length;
            while (p < line.Length && line[p] == ' ')
                p++;
            string value = line[p..];
            found.Add(value);
            if (ParseSleep(value) is null)
                Warn(i + 1, $"POWEROFF_WAIT={value}: expected a time for sleep such as 15 or 5m, unquoted (Debian's nutshutdown reads it with sed, not with the shell)");
        }
        if (found.Count > 0)
            PowerOffWait = string.Join('\n', found);
    }

    /// <summary>GNU sleep's arguments: each word a non-negative decimal number with an optional s/m/h/d suffix.</summary>
    static TimeSpan? ParseSleep(string text)
    {
        var words = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            return null;
        double seconds = 0;
        foreach (var word in words)
        {
            double unit = word[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
            string number = unit == 0 ? word : word[..^1];
            if (unit == 0)
                unit = 1;
            if (number.Length == 0 || number[0] is '-' or '+'
                || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n))
                return null;
            seconds += n * unit;
        }
        return seconds > TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }

    void Error(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message, IsError: true));
    void Warn(int line, string message) => _diagnostics.Add(new ConfigDiagnostic(FileName, line, message));
}
