namespace Nut.Testing;

/// <summary>Where things are: the repository, our built programs, Debian's NUT, the shared test data.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Our programs under their NUT names: $NUTSHARP_BIN if set (a developer's own build,
    /// see scripts/dev-bin.sh), else artifacts/bin (built by ./build.sh).</summary>
    public static string OurBin => Environment.GetEnvironmentVariable("NUTSHARP_BIN") is { Length: > 0 } bin
        ? bin
        : Path.Combine(RepoRoot, "artifacts", "bin");

    public static string Ours(string program)
    {
        string path = Path.Combine(OurBin, program);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: run ./build.sh first (./test.sh does).");
        return path;
    }

    /// <summary>../shared next to the repository (DESIGN.md, spec/, testdata/).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
    public static string TestData => Path.Combine(Shared, "testdata");

    /// <summary>Debian's NUT 2.8.0 (the oracle). Drivers and the real upsd/upsmon live in /lib/nut.</summary>
    public static string Debian(string program)
    {
        string[] dirs = ["/lib/nut", "/usr/lib/nut", "/bin", "/usr/bin", "/sbin", "/usr/sbin"];
        foreach (var d in dirs)
        {
            string p = Path.Combine(d, program);
            if (File.Exists(p))
                return p;
        }
        throw new InvalidOperationException(
            $"Debian's NUT program '{program}' is not installed: run scripts/install-test-deps.sh (./test.sh does).");
    }

    /// <summary>Debian's data directory (cmdvartab).</summary>
    public const string DebianDataPath = "/usr/share/nut";

    static string FindRepoRoot()
    {
        // Recorded at build time (Nut.Testing.csproj), so tests built elsewhere (--artifacts-path) still find it.
        foreach (var a in typeof(Paths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false))
            if (a is System.Reflection.AssemblyMetadataAttribute { Key: "RepoRoot", Value: { } root } && File.Exists(Path.Combine(root, "NutSharp.slnx")))
                return Path.GetFullPath(root);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NutSharp.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find NutSharp.slnx above " + AppContext.BaseDirectory);
    }
}
