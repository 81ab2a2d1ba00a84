using System.Globalization;
using Nut.Drivers.Snmp.Mib.Tables;
using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>
/// Every instant command and writable variable our snmp-ups offers for ietf, apcc and the eaton_epdu outlets, run through ours and through
/// Debian's (both over their driver sockets), each against its own snmpd started from the same value file: after each
/// step both must answer the same status and both value files must hold the same OIDs and values.
/// </summary>
public sealed class DriverCommandDifferentialTests(ITestOutputHelper output)
{
    /// <summary>"mib:command-or-variable" allowed to differ, and why.</summary>
    static readonly Dictionary<string, string> Allowed = new()
    {
        // (none so far: a new entry needs a reason that holds for users, not for the test)
    };

    public static TheoryData<string> Mibs() => new() { "ietf", "apc", "epdu" };

    [Theory]
    [MemberData(nameof(Mibs))]
    public void CommandsAndWritesSetWhatDebiansSet(string mib)
    {
        (string sysOid, List<string> lines, string[] subtrees, string version) = mib switch
        {
            "ietf" => (SnmpdAgent.IetfSysObjectId, SnmpStateFile.Commandable(IetfMib.Ietf), SnmpdAgent.DefaultSubtrees, "v2c"),
            "apc" => (SnmpdAgent.ApcSysObjectId, SnmpStateFile.Commandable(ApccMib.Apcc), SnmpdAgent.DefaultSubtrees, "v2c"),
            // v1: under v2c Debian's 2.8.0 misses the last outlet (DriverEpduTests).
            _ => (EpduState.SysObjectId, EpduState.Lines(), [EpduState.Subtree], "v1"),
        };
        using var theirAgent = SnmpdAgent.StartCustom(sysOid, lines, subtrees);
        using var ourAgent = SnmpdAgent.StartCustom(sysOid, lines, subtrees);
        using var theirs = SnmpUpsProcesses.Start(Impl.Debian, SnmpUpsRunner.Options(theirAgent.Address, version, SnmpdAgent.WriteCommunity));
        using var ours = SnmpUpsProcesses.Start(Impl.Ours, SnmpUpsRunner.Options(ourAgent.Address, version, SnmpdAgent.WriteCommunity));
        var theirDump = SnmpUpsProcesses.Dump(theirs);
        var ourDump = SnmpUpsProcesses.Dump(ours);

        var differences = new List<string>();
        void Differ(string what, string line)
        {
            if (Allowed.TryGetValue($"{mib}:{what}", out var reason))
                output.WriteLine($"allowed  {line} ({reason})");
            else
            {
                output.WriteLine($"DIFFERS  {line}");
                differences.Add(line);
            }
        }

        var ourCommands = Names(ourDump, "ADDCMD ");
        var theirCommands = Names(theirDump, "ADDCMD ");
        var ourWritable = Writable(ourDump);
        var theirWritable = Writable(theirDump);
        foreach (var c in ourCommands.Union(theirCommands).Where(c => !(ourCommands.Contains(c) && theirCommands.Contains(c))))
            Differ(c, $"command {c}: offered by {(ourCommands.Contains(c) ? "ours" : "Debian")} only");
        foreach (var v in ourWritable.Union(theirWritable).Where(v => !(ourWritable.Contains(v) && theirWritable.Contains(v))))
            Differ(v, $"variable {v}: writable in {(ourWritable.Contains(v) ? "ours" : "Debian")} only");
        Assert.True(ourCommands.Count >= (mib == "ietf" ? 8 : 12), "too few commands offered: " + string.Join(' ', ourCommands));

        int step = 0, changed = 0;
        void Step(string what, string request)
        {
            string id = "s" + (++step).ToString(CultureInfo.InvariantCulture);
            var beforeStep = SnmpStateFile.Read(theirAgent.StatePath);
            string t = SnmpUpsProcesses.Tracked(theirs, request, id);
            string o = SnmpUpsProcesses.Tracked(ours, request, id);
            var theirState = SnmpStateFile.Read(theirAgent.StatePath);
            var ourState = SnmpStateFile.Read(ourAgent.StatePath);
            var sets = SnmpStateFile.Differences(beforeStep, theirState, "before", "after");
            if (sets.Count > 0) changed++;
            output.WriteLine($"{request}: Debian {t}, ours {o}; {(sets.Count == 0 ? "nothing written" : string.Join("; ", sets))}");
            if (t != o)
                Differ(what, $"{request}: status Debian {t}, ours {o}");
            var diff = SnmpStateFile.Differences(theirState, ourState);
            if (diff.Count > 0)
            {
                Differ(what, $"{request}: value files differ: {string.Join("; ", diff)}");
                SnmpStateFile.CopyOver(theirAgent.StatePath, ourAgent.StatePath); // start the next step from the same state
            }
        }

        // ePDU: outlet 1 and group 1 stand for the others (same entries, other index), to keep the test short.
        static bool Sampled(string name) => !name.StartsWith("outlet.", StringComparison.Ordinal)
            || name.StartsWith("outlet.1.", StringComparison.Ordinal) || name.StartsWith("outlet.group.1.", StringComparison.Ordinal);
        foreach (var c in ourCommands.Intersect(theirCommands).Where(Sampled).Order(StringComparer.Ordinal))
            Step(c, $"INSTCMD {c}");
        // ePDU writes are not compared yet: Debian's 2.8.0 answers 3 (failed) to threshold SETs
        // (ambient.*, outlet.N.current.*) that ours performs; not investigated (docs/snmp.md).
        if (mib != "epdu")
            foreach (var v in ourWritable.Intersect(theirWritable).Order(StringComparer.Ordinal))
                Step(v, $"SET {v} \"{NewValue(v, ourDump)}\"");
        Step("no.such.command", "INSTCMD no.such.command");
        if (mib == "epdu")
            Step("outlet.5.load.off", "INSTCMD outlet.5.load.off"); // beyond outlet.count

        output.WriteLine($"{mib}: {ourCommands.Count} commands, {ourWritable.Count} writable variables, {changed} steps wrote to the agent, {differences.Count} unexplained differences");
        Assert.True(changed >= ourCommands.Count(Sampled) / 2, "too few steps reached the agent; the SETs are not happening");
        Assert.True(differences.Count == 0, string.Join('\n', differences) + "\n--- Debian\n" + theirs.Daemon.Output + "\n--- ours\n" + ours.Daemon.Output);
    }

    static HashSet<string> Names(List<string> dump, string prefix) =>
        [.. dump.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim())];

    static HashSet<string> Writable(List<string> dump) =>
        [.. dump.Where(l => l.StartsWith("SETFLAGS ", StringComparison.Ordinal) && l.Split(' ').Skip(2).Contains("RW")).Select(l => l.Split(' ')[1])];

    /// <summary>A value the variable does not have: another of its enumerated values, the number plus 3, or a string.</summary>
    static string NewValue(string name, List<string> dump)
    {
        string? current = Quoted(dump.LastOrDefault(l => l.StartsWith($"SETINFO {name} ", StringComparison.Ordinal)));
        var enums = dump.Where(l => l.StartsWith($"ADDENUM {name} ", StringComparison.Ordinal)).Select(Quoted).OfType<string>().ToList();
        if (enums.FirstOrDefault(e => e != current) is { } other)
            return other;
        if (double.TryParse(current, NumberStyles.Float, CultureInfo.InvariantCulture, out double n))
            return ((long)n + 3).ToString(CultureInfo.InvariantCulture);
        return "NutSharp-" + name.Replace('.', '-');
    }

    static string? Quoted(string? line)
    {
        if (line is null) return null;
        int a = line.IndexOf('"', StringComparison.Ordinal), b = line.LastIndexOf('"');
        return a >= 0 && b > a ? line[(a + 1)..b].Replace("\\\"", "\"", StringComparison.Ordinal) : null;
    }
}
