using Nut.Fuzz;
using Nut.Testing;

namespace Nut.Core.Tests.Fuzz;

/// <summary>
/// The fast half of the fuzzing (docs/fuzzing.md): every seed in fuzz/corpus/TARGET/ and every input that once
/// crashed a parser, kept in fuzz/regressions/TARGET/, replayed in-process through the same harness entry points
/// afl-fuzz drives. A harness throws only for an unexpected exception, so each replay passing means that input is
/// handled. (fuzz/run.sh, run by ./test.sh after this, is the slow half: a short real fuzz run.)
/// </summary>
public sealed class FuzzReplayTests
{
    static readonly string FuzzDir = Path.Combine(Paths.RepoRoot, "fuzz");
    static readonly string[] InputFolders = ["corpus", "regressions"];

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (string kind in InputFolders)
        {
            string dir = Path.Combine(FuzzDir, kind);
            if (!Directory.Exists(dir))
                continue;
            foreach (string targetDir in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
                foreach (string file in Directory.GetFiles(targetDir).Order(StringComparer.Ordinal))
                    data.Add(Path.GetFileName(targetDir), Path.GetRelativePath(FuzzDir, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void InputIsHandledWithoutAnUnexpectedException(string target, string file)
    {
        Assert.True(FuzzTargets.All.TryGetValue(target, out var entry), $"fuzz/{file}: no harness named '{target}' (known: {string.Join(", ", FuzzTargets.All.Keys)})");
        entry(File.ReadAllBytes(Path.Combine(FuzzDir, file)));
    }

    [Fact]
    public void EveryTargetHasASmallSeedCorpus()
    {
        foreach (string target in FuzzTargets.All.Keys)
        {
            string dir = Path.Combine(FuzzDir, "corpus", target);
            Assert.True(Directory.Exists(dir) && Directory.GetFiles(dir).Length > 0, $"fuzz/corpus/{target}/ is missing or empty: afl-fuzz needs seeds");
            long bytes = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);
            Assert.True(bytes < 64 * 1024, $"fuzz/corpus/{target}/ holds {bytes} bytes: keep seeds small (minimise with afl-cmin)");
        }
    }
}
