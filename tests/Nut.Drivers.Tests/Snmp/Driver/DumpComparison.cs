using Xunit.Abstractions;

namespace Nut.Drivers.Tests.Snmp.Driver;

/// <summary>Compares two -d 1 dumps name by name; prints every difference, returns those not allowed.</summary>
public static class DumpComparison
{
    public static List<string> Unexplained(Dictionary<string, string> theirs, Dictionary<string, string> ours,
        IReadOnlyDictionary<string, string> allowed, ITestOutputHelper output)
    {
        var differences = new List<string>();
        foreach (var name in theirs.Keys.Union(ours.Keys).Order(StringComparer.Ordinal))
        {
            theirs.TryGetValue(name, out var t);
            ours.TryGetValue(name, out var o);
            if (t == o)
                continue;
            string line = $"{name}: Debian '{t ?? "(absent)"}', ours '{o ?? "(absent)"}'";
            if (allowed.TryGetValue(name, out var reason))
            {
                output.WriteLine($"allowed  {line} ({reason})");
                continue;
            }
            output.WriteLine($"DIFFERS  {line}");
            differences.Add(line);
        }
        return differences;
    }
}
