using Xunit.Abstractions;

namespace Nut.Drivers.Tests;

/// <summary>
/// Compares Debian's driver's -d 1 dump with ours name by name (snmp-ups and usbhid-ups differentials): prints every
/// difference, allowed ones with their reason, and returns those not allowed.
/// </summary>
public static class DumpComparison
{
    public static List<string> Unexplained(IReadOnlyDictionary<string, string> theirs, IReadOnlyDictionary<string, string> ours,
        IReadOnlyDictionary<string, string> allowed, ITestOutputHelper output) =>
        Unexplained(theirs, ours, name => allowed.GetValueOrDefault(name), output, out _);

    /// <param name="allowedReason">Why a variable may differ, or null when it may not.</param>
    /// <param name="equal">How many variables both publish with the same value.</param>
    public static List<string> Unexplained(IReadOnlyDictionary<string, string> theirs, IReadOnlyDictionary<string, string> ours,
        Func<string, string?> allowedReason, ITestOutputHelper output, out int equal)
    {
        var differences = new List<string>();
        equal = 0;
        foreach (var name in theirs.Keys.Union(ours.Keys).Order(StringComparer.Ordinal))
        {
            theirs.TryGetValue(name, out var t);
            ours.TryGetValue(name, out var o);
            if (t == o)
            {
                equal++;
                continue;
            }
            string line = $"{name}: Debian '{t ?? "(absent)"}', ours '{o ?? "(absent)"}'";
            if (allowedReason(name) is { } reason)
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
