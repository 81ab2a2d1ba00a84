using Nut.Testing;

namespace Nut.Tools.Tests.Install;

/// <summary>
/// ./install.sh (issue 10): the NUT layout under a prefix, a stack run from the installed files, configuration
/// never overwritten, an idempotent second run, and an uninstall that removes exactly what was installed.
/// </summary>
public sealed class InstallTests
{
    static readonly string[] Tools = ["upsc", "upscmd", "upsrw", "upslog", "nut-plot", "nut-drill"];
    static readonly string[] Daemons = ["upsd", "upsmon", "upssched"];
    static readonly string[] Drivers = ["dummy-ups", "nutdrv_qx", "blazer_ser", "blazer_usb", "upsdrvctl"];
    static readonly string[] Units = ["nut.target", "nut-driver.target", "nut-driver@.service", "nut-server.service",
        "nut-monitor.service", "nut-driver-enumerator.service", "nut-driver-enumerator.path", "nut-logger.service", "nut-web.service"];

    [Fact]
    public void Installs_runs_the_stack_from_the_installed_files_and_uninstalls_cleanly()
    {
        using var dir = new TempDir("install");
        string prefix = dir.FullPath;
        string conf = dir["etc/nut"];
        string state = dir["run/nut"];
        int port = FreePort.Next();
        // The user's own configuration, there before the install: it must survive it untouched.
        string upsConf = "# mine\nuser = root\n[home]\n\tdriver = dummy-ups\n\tport = home.dev\n[rack]\n\tdriver = dummy-ups\n\tport = rack.dev\n";
        string upsdConf = $"# mine\nLISTEN 127.0.0.1 {port}\n";
        dir.Write("etc/nut/ups.conf", upsConf);
        dir.Write("etc/nut/upsd.conf", upsdConf);
        dir.Write("etc/nut/upsd.users", NutStack.Users);
        dir.Write("etc/nut/home.dev", "ups.status: OL\nbattery.charge: 87\ndevice.mfr: Home\n");
        dir.Write("etc/nut/rack.dev", "ups.status: OB DISCHRG\nbattery.charge: 42\n");
        Directory.CreateDirectory(state);
        var before = Installer.Listing(prefix);

        var install = Installer.Install(prefix);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("kept your configuration", install.Stdout);
        foreach (var name in new[] { "ups.conf", "upsd.conf", "upsd.users" })
            Assert.Contains(name, install.Stdout);
        Assert.Equal(upsConf, File.ReadAllText(Path.Combine(conf, "ups.conf")));
        Assert.Equal(upsdConf, File.ReadAllText(Path.Combine(conf, "upsd.conf")));
        Assert.Equal(NutStack.Users, File.ReadAllText(Path.Combine(conf, "upsd.users")));

        AssertLayout(prefix);

        var version = Proc.Run(Path.Combine(prefix, "bin/upsc"), ["-V"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Contains("Network UPS Tools", version.Stdout + version.Stderr);

        // Idempotent: a second run changes nothing and still knows what the first created.
        var afterFirst = Installer.Listing(prefix);
        string manifest = File.ReadAllText(Path.Combine(prefix, "lib/nutsharp/install-manifest"));
        var again = Installer.Install(prefix);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(afterFirst, Installer.Listing(prefix));
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(prefix, "lib/nutsharp/install-manifest")));

        RunStack(prefix, port);

        // The user edits a sample and adds a file: both stay after the uninstall.
        File.WriteAllText(Path.Combine(conf, "nut.conf"), "MODE=standalone\n");
        File.WriteAllText(Path.Combine(conf, "notes.txt"), "mine\n");

        var uninstall = Installer.Uninstall(prefix);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.Contains($"kept {Path.Combine(conf, "nut.conf")}", uninstall.Stdout);
        var expected = new SortedSet<string>(before, StringComparer.Ordinal) { "etc/nut/nut.conf", "etc/nut/notes.txt" };
        var after = new SortedSet<string>(Installer.Listing(prefix).Where(p => !p.StartsWith("run/nut/", StringComparison.Ordinal)), StringComparer.Ordinal);
        Assert.Equal(expected, after);
        Assert.Equal(upsConf, File.ReadAllText(Path.Combine(conf, "ups.conf")));
    }

    static void AssertLayout(string prefix)
    {
        string nut = Path.Combine(prefix, "lib/nutsharp/nut");
        void IsLinkTo(string relative, string target)
        {
            string path = Path.Combine(prefix, relative);
            Assert.True(new FileInfo(path).LinkTarget is not null, $"{relative} is not a symbolic link");
            Assert.Equal(target, Installer.Resolve(path));
        }
        foreach (var t in Tools) IsLinkTo("bin/" + t, nut);
        foreach (var d in Daemons) IsLinkTo("sbin/" + d, nut);
        foreach (var d in Drivers) IsLinkTo("lib/nut/" + d, nut);
        IsLinkTo("bin/upsweb", Path.Combine(prefix, "lib/nutsharp/upsweb"));
        Assert.True(File.Exists(Path.Combine(prefix, "lib/nutsharp/libe_sqlite3.so")), "libe_sqlite3.so beside upsweb");
        Assert.True(File.Exists(Path.Combine(prefix, "lib/nutsharp/libSystem.IO.Ports.Native.so")), "the serial library beside nut");
        // sbin/upsdrvctl runs the one beside the drivers (it finds them next to itself).
        Assert.True((File.GetUnixFileMode(Path.Combine(prefix, "sbin/upsdrvctl")) & UnixFileMode.UserExecute) != 0);

        // Every program the binary knows is installed exactly once, under its own name.
        var list = Proc.Run(nut, ["--list"]);
        Assert.Equal(0, list.ExitCode);
        foreach (var name in list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int places = new[] { "bin", "sbin", "lib/nut" }.Count(d => File.Exists(Path.Combine(prefix, d, name)));
            Assert.True(places >= 1, $"{name} is not installed");
            Assert.True(name == "upsdrvctl" ? places == 2 : places == 1, $"{name} is installed {places} times");
        }

        foreach (var unit in Units)
            Assert.True(File.Exists(Path.Combine(prefix, "lib/systemd/system", unit)), unit);
        foreach (var helper in new[] { "nut-mode-allows", "nut-driver-enumerator", "nut-driver-exec" })
            Assert.True((File.GetUnixFileMode(Path.Combine(prefix, "lib/nutsharp", helper)) & UnixFileMode.UserExecute) != 0, helper);

        string conf = Path.Combine(prefix, "etc/nut");
        Assert.Contains("MODE=none", File.ReadAllText(Path.Combine(conf, "nut.conf")));
        var secret = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        Assert.Equal(secret, File.GetUnixFileMode(Path.Combine(conf, "upsmon.conf")));
        Assert.Equal(secret, File.GetUnixFileMode(Path.Combine(conf, "upsweb.conf")));
        Assert.True((File.GetUnixFileMode(Path.Combine(conf, "upssched-cmd")) & UnixFileMode.UserExecute) != 0);
        // As root, with a nut group on the machine, files with passwords are readable by that group only.
        if (Environment.UserName == "root" && Proc.Run("getent", ["group", "nut"]).ExitCode == 0)
            Assert.Equal("root:nut", Proc.Run("stat", ["-c", "%U:%G", Path.Combine(conf, "upsmon.conf")]).Stdout.Trim());
    }

    /// <summary>A driver started as its unit starts it (nut-driver-exec), one through sbin/upsdrvctl, upsd from
    /// sbin — all from the prefix — queried with the installed upsc.</summary>
    static void RunStack(string prefix, int port)
    {
        var env = new Dictionary<string, string>
        {
            ["NUT_CONFPATH"] = Path.Combine(prefix, "etc/nut"),
            ["NUT_STATEPATH"] = Path.Combine(prefix, "run/nut"),
            ["NUT_ALTPIDPATH"] = Path.Combine(prefix, "run/nut"),
        };
        string upsc = Path.Combine(prefix, "bin/upsc");
        string upsdrvctl = Path.Combine(prefix, "sbin/upsdrvctl");
        using var home = Proc.Start(Path.Combine(prefix, "lib/nutsharp/nut-driver-exec"), ["home"], env);
        var start = Proc.Run(upsdrvctl, ["start", "rack"], env);
        Assert.True(start.ExitCode == 0, start.ToString());
        try
        {
            using var upsd = Proc.Start(Path.Combine(prefix, "sbin/upsd"), ["-F", "-u", "root"], env);
            string Query(string ups, string variable) => Proc.Run(upsc, [$"{ups}@127.0.0.1:{port}", variable], env).Stdout.Trim();
            upsd.WaitUntil(() => Query("home", "ups.status") == "OL" && Query("rack", "ups.status") == "OB DISCHRG", "both UPSes through upsd");
            Assert.Equal("87", Query("home", "battery.charge"));
            Assert.Equal("42", Query("rack", "battery.charge"));
            Assert.False(home.HasExited, home.Output);
        }
        finally
        {
            var stop = Proc.Run(upsdrvctl, ["stop", "rack"], env);
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }
    }

    [Fact]
    public void Never_replaces_another_installation_unless_forced_and_puts_it_back_on_uninstall()
    {
        using var dir = new TempDir("install");
        string prefix = dir.FullPath;
        dir.Write("bin/upsc", "#!/bin/sh\necho foreign\n");
        var before = Installer.Listing(prefix);

        var refused = Installer.Install(prefix);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(Path.Combine(prefix, "bin/upsc"), refused.Stderr);
        Assert.Equal(before, Installer.Listing(prefix));

        var forced = Installer.Install(prefix, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(Path.Combine(prefix, "lib/nutsharp/nut"), Installer.Resolve(Path.Combine(prefix, "bin/upsc")));
        Assert.Contains("foreign", File.ReadAllText(Path.Combine(prefix, "bin/upsc.nutsharp-orig")));

        var uninstall = Installer.Uninstall(prefix);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.Equal(before, Installer.Listing(prefix));
        Assert.Contains("foreign", File.ReadAllText(Path.Combine(prefix, "bin/upsc")));
    }

    [Fact]
    public void A_driver_of_another_installation_is_kept_even_when_forced()
    {
        // NUT's nutdrv_qx speaks USB, ours only serial yet: replacing it would break a working UPS.
        using var dir = new TempDir("install");
        string prefix = dir.FullPath;
        dir.Write("lib/nut/nutdrv_qx", "#!/bin/sh\necho nut's driver\n");
        var forced = Installer.Install(prefix, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains($"kept the driver of another installation: {Path.Combine(prefix, "lib/nut/nutdrv_qx")}", forced.Stdout);
        Assert.Contains("nut's driver", File.ReadAllText(Path.Combine(prefix, "lib/nut/nutdrv_qx")));
        Assert.Equal(Path.Combine(prefix, "lib/nutsharp/nut"), Installer.Resolve(Path.Combine(prefix, "lib/nut/dummy-ups")));
        var uninstall = Installer.Uninstall(prefix);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.Contains("nut's driver", File.ReadAllText(Path.Combine(prefix, "lib/nut/nutdrv_qx")));
    }

    /// <summary>The path tests and users without root take: no chown, no systemctl. Under root the script is run as
    /// nobody (setpriv), so this path is exercised whoever runs the tests.</summary>
    [Fact]
    public void Installs_and_uninstalls_as_an_ordinary_user()
    {
        using var dir = new TempDir("install-user");
        File.SetUnixFileMode(dir.FullPath, (UnixFileMode)Convert.ToInt32("777", 8));
        string prefix = dir["p"];
        bool root = Environment.UserName == "root";
        ProcResult Run(params string[] args)
        {
            string[] script = ["bash", Path.Combine(Paths.RepoRoot, "install.sh"), "--prefix", prefix, .. args];
            return root
                ? Proc.Run("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", .. script], timeout: TimeSpan.FromMinutes(15))
                : Proc.Run(script[0], script[1..], timeout: TimeSpan.FromMinutes(15));
        }
        var install = Run();
        Assert.True(install.ExitCode == 0, install.ToString());
        string owner = Proc.Run("stat", ["-c", "%U", Path.Combine(prefix, "etc/nut/upsmon.conf")]).Stdout.Trim();
        Assert.Equal(root ? "nobody" : Environment.UserName, owner);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            File.GetUnixFileMode(Path.Combine(prefix, "etc/nut/upsd.users")));
        Assert.Equal(0, Proc.Run(Path.Combine(prefix, "bin/upsc"), ["-V"]).ExitCode);

        var uninstall = Run("--uninstall");
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(Directory.Exists(prefix), "the prefix the install created is removed with it");
    }

    [Fact]
    public void Uninstall_without_an_install_says_so()
    {
        using var dir = new TempDir("install");
        var r = Installer.Uninstall(dir.FullPath);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("install-manifest not found", r.Stderr);
    }
}
