using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// A hardware driver run once the way the differential tests compare drivers: a one-section ups.conf in a
/// scratch folder, <c>-d 1</c> (start-up, one full update, the variables dumped), the dump read back.
/// </summary>
static class DriverDump
{
    /// <summary>The environment that points a driver at <paramref name="dir"/> for its config, socket and PID file.</summary>
    public static Dictionary<string, string> Env(TempDir dir) =>
        new() { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };

    /// <param name="program">Debian's driver or ours.</param>
    /// <param name="driver">The driver name in ups.conf.</param>
    /// <param name="extra">More ups.conf lines for the section (each ending in a newline).</param>
    /// <param name="excluded">Variables removed from the result (where two drivers legitimately differ).</param>
    public static SortedDictionary<string, string> Run(string program, string driver, string port, string extra = "", params string[] excluded)
    {
        using var dir = new TempDir(driver);
        dir.Write("ups.conf", $"[ups]\n\tdriver = {driver}\n\tport = {port}\n{extra}");
        var r = Proc.Run(program, ["-a", "ups", "-u", "root", "-d", "1"], Env(dir), TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, r.ToString());
        var vars = Parse(r.Stdout);
        foreach (string name in excluded)
            vars.Remove(name);
        return vars;
    }

    /// <summary>
    /// The variables of a <c>-d 1</c> dump, values decoded: NUT's drivers (and ours) print them escaped, a
    /// backslash before each backslash, double quote and '#', so "ab\\c" is the value ab\c.
    /// </summary>
    public static SortedDictionary<string, string> Parse(string stdout)
    {
        var vars = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n'))
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith("Network UPS Tools", StringComparison.Ordinal))
                vars[line[..colon]] = Unescape(line[(colon + 2)..]);
        }
        return vars;
    }

    static string Unescape(string value)
    {
        if (!value.Contains('\\'))
            return value;
        var sb = new System.Text.StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
            sb.Append(value[i] == '\\' && i + 1 < value.Length ? value[++i] : value[i]);
        return sb.ToString();
    }
}
