using Nut.Drivers.Snmp.Mib;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// The simulator's value file (testdata/snmp format: "OID type value [rw]") as the differential tests compare it:
/// what each driver's SETs left behind.
/// </summary>
public static class SnmpStateFile
{
    /// <summary>OID → "type value" (comments and the rw mark dropped: the handler rewrites the file without comments).</summary>
    public static SortedDictionary<string, string> Read(string path)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var parts = line.Split(' ', 2);
            if (parts.Length == 2)
                values[parts[0]] = parts[1].EndsWith(" rw", StringComparison.Ordinal) ? parts[1][..^3] : parts[1];
        }
        return values;
    }

    /// <summary>Sets (or adds) <paramref name="oid"/>'s line.</summary>
    public static void Put(List<string> lines, string oid, string type, string value, bool rw = true)
    {
        string line = $"{oid} {type} {value}{(rw ? " rw" : "")}";
        int at = lines.FindIndex(l => l.Split(' ', 2)[0] == oid);
        if (at >= 0) lines[at] = line; else lines.Add(line);
    }

    /// <summary>
    /// The checked-in simulator state made writable for <paramref name="mapping"/>: every plain command OID the
    /// mapping has exists (INTEGER 1, so both drivers offer the command) and every existing line of the mapping's
    /// writable variables and commands takes SETs. sysDescr/sysContact/sysLocation stay snmpd's own (read-only).
    /// </summary>
    public static List<string> Commandable(MibMapping mapping)
    {
        var lines = Nut.Testing.SnmpdAgent.DefaultStateLines();
        var entries = (mapping.Entries ?? []).Where(e => e.Oid is { } o && !e.IsTemplate && !o.StartsWith(".1.3.6.1.2.1.1.", StringComparison.Ordinal));
        foreach (var e in entries)
        {
            int at = lines.FindIndex(l => l.Split(' ', 2)[0] == e.Oid);
            if (at < 0 && e.IsCommand)
                lines.Add($"{e.Oid} integer 1 rw");
            else if (at >= 0 && (e.IsCommand || e.IsWritable) && !lines[at].EndsWith(" rw", StringComparison.Ordinal))
                lines[at] += " rw";
        }
        return lines;
    }

    /// <summary>"OID: A 'x', B 'y'" for every OID whose value differs between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b, string aName = "Debian", string bName = "ours")
    {
        var lines = new List<string>();
        foreach (var oid in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            a.TryGetValue(oid, out var x);
            b.TryGetValue(oid, out var y);
            if (x != y)
                lines.Add($"{oid}: {aName} '{x ?? "(absent)"}', {bName} '{y ?? "(absent)"}'");
        }
        return lines;
    }

    /// <summary>Replaces <paramref name="target"/>'s content with <paramref name="source"/>'s, atomically (the handler
    /// re-reads the file on every request).</summary>
    public static void CopyOver(string source, string target)
    {
        string tmp = target + ".sync";
        File.Copy(source, tmp, overwrite: true);
        File.Move(tmp, target, overwrite: true);
    }
}
