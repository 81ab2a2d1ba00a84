namespace Nut.Tools.Tests.Check;

static class CheckAssert
{
    /// <summary>Exactly one finding starts with <paramref name="prefix"/> (file:line: severity: start of message).</summary>
    public static string One(List<string> found, string prefix)
    {
        var hits = found.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"expected one finding starting with\n  {prefix}\ngot:\n  {string.Join("\n  ", found)}");
        return hits[0];
    }
}
