using Nut.Testing;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// Every apcsmart dump in testdata/ddl replayed: the simulator answers each query with the dump's value, our driver
/// must publish the dump's value for every variable the protocol carries, and Debian's driver, on its own simulator
/// loaded from the same dump, must publish exactly what ours does. Where the dump was taken with an older driver that
/// computed a value differently, the variable is listed in <see cref="Exclusions"/> with the reason, and there the
/// agreement with Debian's 2.8.0 is what shows the difference is the version's, not ours.
/// </summary>
[Collection("apcsmart-ddl")]
public sealed class ApcSmartDdlReplayTests
{
    /// <summary>The apcsmart dumps (apcsmart-old too: same protocol), sorted.</summary>
    static string[] DumpFiles() =>
        Directory.EnumerateFiles(Path.Combine(Paths.TestData, "ddl"), "*.dev", SearchOption.AllDirectories)
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("driver.name: apcsmart", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>Dump values 2.8.0 does not reproduce (Debian's driver neither: the differential shows it), and why.
    /// Each must be absent from our dump.</summary>
    static readonly (string Variable, Func<string, bool> When, string Reason)[] Exclusions =
    [
        ("ups.firmware.old", _ => true, "2.6's name for the 'V' answer; 2.8.0 reads 'V' only when 'b' gives no firmware (the simulator still answers 'V' with it)"),
        ("ambient.temperature.alarm.maximum", _ => true, "2.0's alarm flags; 2.8.0 has no such variable"),
        ("ambient.temperature.alarm.minimum", _ => true, "2.0's alarm flags; 2.8.0 has no such variable"),
        ("ambient.humidity.alarm.maximum", _ => true, "2.0's alarm flags; 2.8.0 has no such variable"),
        ("ambient.humidity.alarm.minimum", _ => true, "2.0's alarm flags; 2.8.0 has no such variable"),
        ("ups.serial", v => v.Length > 0 && v.Trim('*').Length == 0,
            "'*' ends a reply line for 2.8.0 (a unit answers '*' to some commands), so a serial of asterisks reads as an empty line and is not published"),
        ("ups.serial", v => v.Length == 0, "2.8.0 takes an empty answer as no answer and publishes nothing (2.6 published it empty)"),
    ];

    static string? ExclusionReason(string variable, string value) =>
        Exclusions.FirstOrDefault(e => e.Variable == variable && e.When(value)).Reason;

    internal static Dictionary<string, string> ReadDump(string file)
    {
        var dump = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.StartsWith('#') || line.Length == 0)
                continue;
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            // "name: value", or "name:" for an empty value.
            dump[line[..colon]] = line.Length > colon + 1 ? line[(colon + 2)..] : "";
        }
        return dump;
    }

    static string Lines(IDictionary<string, string> d) => string.Join("\n", d.Select(kv => $"{kv.Key}: {kv.Value}"));

    /// <summary>One driver on a simulator loaded from the dump; its variables.</summary>
    static SortedDictionary<string, string> Run(string program, Dictionary<string, string> dump)
    {
        using var pty = new PtyPair();
        using var ups = new ApcSmartSimulator(pty.DeviceEnd);
        ups.LoadDump(dump);
        return DriverDump.Run(program, "apcsmart", pty.HostEnd, "", "driver.parameter.port");
    }

    /// <summary>What is wrong with our driver on this dump (nothing: empty).</summary>
    static IEnumerable<string> Replay(string file)
    {
        var dump = ReadDump(file);
        string name = Path.GetFileName(file);
        var runs = new[] { Paths.Debian("apcsmart"), Paths.Ours("apcsmart") }.AsParallel().Select(p => Run(p, dump)).ToArray();
        var (debian, ours) = (runs[0], runs[1]);
        var problems = new List<string>();
        if (Lines(debian) != Lines(ours))
            problems.Add($"{name}: Debian's driver and ours differ\n--- Debian\n{Lines(debian)}\n--- ours\n{Lines(ours)}");
        var carried = dump.Keys.Where(k => ApcSmartSimulator.DumpMap.ContainsKey(k) || ApcSmartSimulator.RenamedSince.ContainsKey(k)
            || k is "ups.status" or "ups.mfr").ToList();
        foreach (var variable in carried.Where(v => ExclusionReason(v, dump[v]) is null))
        {
            string published = ApcSmartSimulator.RenamedSince.GetValueOrDefault(variable, variable);
            string expected = dump[variable];
            if (variable == "input.transfer.reason" && expected.Length == 1)
                expected = ApcSmartSimulator.ReasonText(expected[0]); // NUT before 2.4 showed the letter, 2.8.0 spells it out
            if (!ours.TryGetValue(published, out var got) || got != expected)
                problems.Add($"{name}: {published}: dump '{dump[variable]}', ours '{got ?? "(absent)"}'");
        }
        foreach (var (variable, value) in dump)
            if (ExclusionReason(variable, value) is { } reason && ours.ContainsKey(variable))
                problems.Add($"{name}: {variable} is excluded ({reason}) but ours publishes it");
        return problems;
    }

    [Fact]
    public void EveryApcSmartDumpPublishesItsValuesAsDebiansDriverDoes()
    {
        var files = DumpFiles();
        Assert.True(files.Length >= 26, $"only {files.Length} apcsmart dumps found");
        var problems = files.AsParallel().WithDegreeOfParallelism(4).SelectMany(Replay).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} problems in {files.Length} dumps:\n" + string.Join("\n", problems));
    }
}

/// <summary>
/// The one apcsmart dump that lists its writable variables (#RW lines, SC450 RM, NUT 2.6.1): its ENUM values become
/// the simulator's ^Z list, in the unit's own format, and Debian's driver and ours, each feeding our upsd, must list
/// the same ENUM values and the same STRING variables as the dump. (Its #CMD list is not compared: 2.6.1 had
/// shutdown.return.grace, which 2.8.0 does not.)
/// </summary>
[Collection("apcsmart-ddl-enum")]
public sealed class ApcSmartDdlEnumTests
{
    const string Sc450 = "APC__Smart-UPS_SC450_RM__apcsmart__2.6.1__01.dev";

    /// <summary>A NUT value back to the unit's form: seconds to minutes or hours, 0 hours to OFF.</summary>
    static string ToUnit(string variable, string value) => variable switch
    {
        "battery.runtime.low" => (long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) / 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        "ups.test.interval" => value == "0" ? "OFF" : (long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) / 3600).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    [Fact]
    public void TheEnumListsOfARealDumpComeBackThroughUpsd()
    {
        string file = Path.Combine(Paths.TestData, "ddl", "APC", Sc450);
        var dump = ApcSmartDdlReplayTests.ReadDump(file);
        var rw = File.ReadAllLines(file).Where(l => l.StartsWith("#RW:", StringComparison.Ordinal)).Select(l => l.Split(':', 4)).ToList();
        var enums = rw.Where(f => f[2] == "ENUM").GroupBy(f => f[1]).ToList();
        var entries = enums.Select(g => (Command: ApcSmartSimulator.DumpMap[g.Key], Locale: '4', Values: g.Select(f => ToUnit(g.Key, f[3].Trim('"'))).ToArray())).ToArray();
        void SetUp(ApcSmartSimulator ups)
        {
            ups.LoadDump(dump);
            ups.Capabilities = ApcSmartSimulator.CapabilityList(matrix: false, entries);
            ups.CommandSet += "\u001a";
        }
        var lists = new[] { Paths.Debian("apcsmart"), Paths.Ours("apcsmart") }.AsParallel().Select(p => ApcSmartListTests.Lists(p, SetUp)).ToArray();
        string expectedEnums = string.Concat(rw.Where(f => f[2] == "ENUM").Select(f => $"ENUM apc {f[1]} {f[3]}\n"));
        string ourEnums = string.Concat(lists[1].Split('\n').Where(l => l.StartsWith("ENUM ", StringComparison.Ordinal)).Select(l => l + "\n"));
        Assert.Equal(35, expectedEnums.Count(c => c == '\n')); // the dump's 35 ENUM lines, in its order
        Assert.Equal(expectedEnums, ourEnums);
        foreach (var f in rw.Where(f => f[2] == "STRING"))
            Assert.Contains($"TYPE apc {f[1]} RW STRING:8\n", lists[1]);
        Assert.Equal(lists[0], lists[1]);
    }
}
