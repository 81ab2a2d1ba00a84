using Nut.Testing;

namespace Nut.Tools.Tests.Install;

/// <summary>The helpers the units run: nut-mode-allows (nut.conf's MODE, read as NUT's start-up wrappers read it),
/// and nut-driver-enumerator (one nut-driver@ instance per ups.conf section).</summary>
public sealed class ModeHelperTests
{
    static string Script(string name) => Path.Combine(Paths.RepoRoot, "conf/systemd/scripts", name);

    /// <summary>Which of driver, server, monitor may start, as "dsm" with '-' for a refusal.</summary>
    static string Allowed(string confDir)
    {
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = confDir };
        return string.Concat(new[] { ("driver", 'd'), ("server", 's'), ("monitor", 'm') }.Select(p =>
        {
            var r = Proc.Run(Script("nut-mode-allows"), [p.Item1], env);
            Assert.True(r.ExitCode is 0 or 1, r.ToString());
            // A refusal says why (it lands in the journal).
            if (r.ExitCode == 1) Assert.Contains("nut-mode-allows:", r.Stderr);
            return r.ExitCode == 0 ? p.Item2 : '-';
        }));
    }

    [Theory]
    [InlineData("MODE=none\n", "---")]
    [InlineData("MODE=standalone\n", "dsm")]
    [InlineData("MODE=netserver\n", "dsm")]
    [InlineData("MODE=netclient\n", "--m")]
    [InlineData("MODE=\"netserver\"\n", "dsm")]
    [InlineData("MODE='netclient'\n", "--m")]
    [InlineData("# comment\nMODE=standalone   # the usual\nUPSD_OPTIONS=\"-D\"\n", "dsm")]
    [InlineData("MODE=Standalone\n", "---")]      // case-sensitive, as the shell compares it
    [InlineData("MODE=\n", "---")]
    [InlineData("POWEROFF_WAIT=15m\n", "---")]   // no MODE at all
    [InlineData("MODE=none\nMODE=netserver\n", "dsm")] // the last assignment wins
    public void Mode_decides_what_starts(string nutConf, string expected)
    {
        using var dir = new TempDir("mode");
        dir.Write("nut.conf", nutConf);
        Assert.Equal(expected, Allowed(dir.FullPath));
    }

    [Fact]
    public void Without_nut_conf_nothing_starts()
    {
        using var dir = new TempDir("mode");
        Assert.Equal("---", Allowed(dir.FullPath));
    }

    [Fact]
    public void Unknown_part_is_a_usage_error()
    {
        var r = Proc.Run(Script("nut-mode-allows"), ["everything"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("usage", r.Stderr);
    }

    [Fact]
    public void Enumerator_lists_sections_and_keeps_instances_in_step_with_ups_conf()
    {
        using var dir = new TempDir("enum");
        dir.Write("ups.conf", "maxretry = 3\n[home]\n\tdriver = dummy-ups # simulated\n\tport = a.dev\n"
            + "  [rack]\n\tport = /dev/ttyS0\n\tdriver = \"nutdrv_qx\"\n\tdesc = \"[not a section]\"\n");
        // A stand-in for systemctl that records its calls; "old" is enabled but gone from ups.conf.
        string log = dir["systemctl.log"];
        string fake = dir.Write("systemctl", $"#!/bin/sh\necho \"$*\" >> {log}\n"
            + "case \"$1\" in list-unit-files) printf 'nut-driver@home.service enabled enabled\\nnut-driver@old.service enabled enabled\\n' ;; esac\n");
        File.SetUnixFileMode(fake, (UnixFileMode)Convert.ToInt32("755", 8));
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["SYSTEMCTL"] = fake };

        var list = Proc.Run(Script("nut-driver-enumerator"), ["--list"], env);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("home\tdummy-ups\nrack\tnutdrv_qx\n", list.Stdout);

        var sync = Proc.Run(Script("nut-driver-enumerator"), [], env);
        Assert.True(sync.ExitCode == 0, sync.ToString());
        var calls = File.ReadAllLines(log).Where(l => !l.StartsWith("list-unit-files", StringComparison.Ordinal)).ToList();
        Assert.Equal([
            "enable nut-driver@rack.service", "start --no-block nut-driver@rack.service",
            "disable nut-driver@old.service", "stop --no-block nut-driver@old.service",
            "try-reload-or-restart --no-block nut-server.service"], calls);

        // Nothing changed: nothing to do.
        File.WriteAllText(fake, $"#!/bin/sh\necho \"$*\" >> {log}\n"
            + "case \"$1\" in list-unit-files) printf 'nut-driver@home.service enabled enabled\\nnut-driver@rack.service enabled enabled\\n' ;; esac\n");
        File.Delete(log);
        Assert.Equal(0, Proc.Run(Script("nut-driver-enumerator"), [], env).ExitCode);
        Assert.Equal(["list-unit-files --no-legend --no-pager nut-driver@*.service"], File.ReadAllLines(log));
    }

    [Fact]
    public void Driver_exec_runs_the_sections_driver_in_the_foreground_from_driverpath()
    {
        using var prefix = new TempDir("exec");
        Assert.Equal(0, Installer.Install(prefix.FullPath).ExitCode);
        using var dir = new TempDir("exec-conf");
        string drivers = Path.Combine(dir.FullPath, "drivers");
        string fake = dir.Write("drivers/fake-ups", "#!/bin/sh\necho \"$0 $*\"\n");
        File.SetUnixFileMode(fake, (UnixFileMode)Convert.ToInt32("755", 8));
        dir.Write("ups.conf", $"driverpath = \"{drivers}\"\n[myups]\n\tdriver = fake-ups\n\tport = auto\n");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath };
        string exec = prefix["lib/nutsharp/nut-driver-exec"];

        var r = Proc.Run(exec, ["myups"], env);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal($"{fake} -F -a myups\n", r.Stdout);

        var missing = Proc.Run(exec, ["other"], env);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no section [other]", missing.Stderr);
    }
}
