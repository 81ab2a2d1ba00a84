using Nut.Testing;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// usbhid-ups on the replay simulator, per model with report values: what it publishes against what NUT
/// published for that model (the ddl dump) and against the values the recording implies. Prints, per model, how
/// many ddl variables match, and each difference with its reason.
/// </summary>
public sealed class HidModelTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new(HidModel.All.Select(m => m.Name));

    // Variables about the driver process or the NUT build, not the device.
    static bool AboutDriver(string name) =>
        name.StartsWith("driver.", StringComparison.Ordinal) || name.StartsWith("device.", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Models))]
    public void PublishesWhatNutPublished(string name)
    {
        var model = HidModel.All.Single(m => m.Name == name);
        using var rig = new HidDriverRig(model.Name, model.ExtraReportLines).Start();
        rig.Update(30); // a full poll, as a running driver does after pollfreq
        var ours = rig.Snapshot();

        var wrong = model.MustMatch.Where(kv => ours.GetValueOrDefault(kv.Key) != kv.Value)
            .Select(kv => $"{kv.Key}: expected '{kv.Value}', got '{ours.GetValueOrDefault(kv.Key) ?? "(absent)"}'").ToList();

        if (model.Ddl is { } ddlFile)
        {
            var ddl = ReadDdl(Path.Combine(Paths.TestData, "ddl", ddlFile));
            int match = 0;
            var lines = new List<string>();
            foreach (var (k, v) in ddl.Where(kv => !AboutDriver(kv.Key)))
            {
                string? mine = ours.GetValueOrDefault(k);
                if (mine == v) { match++; continue; }
                string why = model.StateDependent.GetValueOrDefault(k) ?? (mine is null ? "not published by us" : "differs");
                lines.Add($"  {k}: NUT '{v}', ours '{mine ?? "(absent)"}' -- {why}");
            }
            int total = ddl.Keys.Count(k => !AboutDriver(k));
            output.WriteLine($"{model.Name}: {match}/{total} of the ddl dump's device variables match ({ddlFile})");
            foreach (var l in lines) output.WriteLine(l);
            foreach (var k in ours.Keys.Where(k => !ddl.ContainsKey(k) && !AboutDriver(k)))
                output.WriteLine($"  {k}: ours only, '{ours[k]}'");
        }
        output.WriteLine($"{model.Name}: {model.MustMatch.Count - wrong.Count}/{model.MustMatch.Count} values implied by the recording match");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The <c>var: value</c> lines of a ddl dump (comments skipped).</summary>
    static SortedDictionary<string, string> ReadDdl(string path)
    {
        var vars = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#')) continue;
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0) vars[line[..colon]] = line[(colon + 2)..];
        }
        return vars;
    }
}
