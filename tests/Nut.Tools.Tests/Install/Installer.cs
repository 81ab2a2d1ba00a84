using Nut.Testing;

namespace Nut.Tools.Tests.Install;

/// <summary>Runs ./install.sh into a scratch prefix and looks at what it left there.</summary>
static class Installer
{
    static string Script => Path.Combine(Paths.RepoRoot, "install.sh");

    /// <summary>install.sh with these arguments. NUTSHARP_ARTIFACTS names another build to install (--from);
    /// without it the script installs artifacts/ (and builds it first when it is missing).</summary>
    public static ProcResult Run(params string[] args)
    {
        var all = new List<string> { Script };
        if (Environment.GetEnvironmentVariable("NUTSHARP_ARTIFACTS") is { Length: > 0 } from)
            all.AddRange(["--from", from]);
        all.AddRange(args);
        return Proc.Run("bash", all, timeout: TimeSpan.FromMinutes(15));
    }

    public static ProcResult Install(string prefix, params string[] extra) => Run(["--prefix", prefix, .. extra]);

    public static ProcResult Uninstall(string prefix) => Run("--prefix", prefix, "--uninstall");

    /// <summary>Every file, link and directory under <paramref name="root"/> (relative; links not followed).</summary>
    public static SortedSet<string> Listing(string root) =>
        new(Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => Path.GetRelativePath(root, p)), StringComparer.Ordinal);

    /// <summary>Where a link finally points (every link in the chain followed).</summary>
    public static string? Resolve(string link) =>
        File.ResolveLinkTarget(link, returnFinalTarget: true)?.FullName;
}
