using Nut.Testing;

namespace Nut.Monitor.Tests;

/// <summary>upsmon.conf holds the passwords of its MONITOR lines: our upsmon warns when others may read it, in the
/// words NUT's upsd uses for upsd.users. Debian's upsmon 2.8.0 says nothing about the mode (checked here too,
/// so the difference is on record).</summary>
[Collection("processes")]
public sealed class UpsmonConfPermissionTests
{
    static ProcResult CheckFlag(Impl impl, TempDir dir)
    {
        var env = new Dictionary<string, string> { ["NUT_PIDPATH"] = dir.FullPath, ["NUT_CONFPATH"] = dir.FullPath };
        string conf = dir["upsmon.conf"];
        // -K loads the configuration, prints what upsmon says about it and exits: no upsd needed.
        return impl == Impl.Ours
            ? Proc.Run(Paths.Ours("upsmon"), ["-K", "-f", conf], env, TimeSpan.FromSeconds(20))
            : Proc.Run("unshare", ["--mount", "sh", "-c", "mkdir -p /run/nut && mount -t tmpfs tmpfs /run/nut && exec \"$0\" \"$@\"", Paths.Debian("upsmon"), "-K", "-f", conf],
                env, TimeSpan.FromSeconds(20));
    }

    static TempDir Conf(string mode)
    {
        var dir = new TempDir("upsmon-perm");
        dir.Write("upsmon.conf", $"MONITOR dev@127.0.0.1:1 1 mon monpw primary\nSHUTDOWNCMD \"/bin/true\"\nPOWERDOWNFLAG {dir["killpower"]}\n");
        File.SetUnixFileMode(dir["upsmon.conf"], (UnixFileMode)Convert.ToInt32(mode, 8));
        return dir;
    }

    [Fact]
    public void AWorldReadableUpsmonConfIsWarnedAbout()
    {
        using var dir = Conf("644");
        var ours = CheckFlag(Impl.Ours, dir);
        Assert.Contains($"{dir["upsmon.conf"]} is world readable\n", ours.Stderr);
        var debian = CheckFlag(Impl.Debian, dir);
        Assert.Contains("Power down flag is not set", debian.Stderr); // it did read the file...
        Assert.DoesNotContain("readable", debian.Stdout + debian.Stderr); // ...and has nothing to say about its mode
    }

    [Fact]
    public void APrivateUpsmonConfIsNot()
    {
        using var dir = Conf("640");
        var ours = CheckFlag(Impl.Ours, dir);
        Assert.Contains("Power down flag is not set", ours.Stderr);
        Assert.DoesNotContain("readable", ours.Stdout + ours.Stderr);
    }
}
