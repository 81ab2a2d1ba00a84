using Nut.Testing;

namespace Nut.Tools.Tests.Install;

/// <summary>The systemd units, as installed (paths filled in), pass <c>systemd-analyze verify</c> without a single
/// complaint; a broken copy does not, so the check can fail.</summary>
public sealed class UnitFileTests
{
    const string SystemdAnalyze = "/usr/bin/systemd-analyze";

    /// <summary>Clean means exit 0 and no output: verify only warns (exit 0) about unknown keys or sections.</summary>
    static ProcResult Verify(string unitFile) =>
        Proc.Run(SystemdAnalyze, ["verify", unitFile], workDir: Path.GetDirectoryName(unitFile));

    static bool Clean(ProcResult r) => r.ExitCode == 0 && r.Stdout.Trim().Length == 0 && r.Stderr.Trim().Length == 0;

    [Fact]
    public void Every_installed_unit_passes_systemd_analyze_verify_and_a_broken_one_fails()
    {
        Assert.True(File.Exists(SystemdAnalyze), $"{SystemdAnalyze} is missing (Debian's systemd package)");
        using var dir = new TempDir("units");
        var install = Installer.Install(dir.FullPath);
        Assert.True(install.ExitCode == 0, install.ToString());
        string unitDir = dir["lib/systemd/system"];
        var units = Directory.GetFiles(unitDir).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(9, units.Count);
        foreach (var unit in units)
        {
            var r = Verify(unit);
            Assert.True(Clean(r), $"{Path.GetFileName(unit)}: {r}");
            Assert.DoesNotContain("@CONFDIR@", File.ReadAllText(unit));
            Assert.DoesNotContain("@LIBDIR@", File.ReadAllText(unit));
        }

        // The same check on broken copies: a program that does not exist, and a misspelt key.
        using var broken = new TempDir("units-broken");
        string server = File.ReadAllText(Path.Combine(unitDir, "nut-server.service"));
        string missingProgram = broken.Write("missing/nut-server.service",
            server.Replace($"ExecStart={dir["sbin/upsd"]} -F", $"ExecStart={dir["sbin/no-such-upsd"]} -F", StringComparison.Ordinal));
        Assert.NotEqual(server, File.ReadAllText(missingProgram));
        var r1 = Verify(missingProgram);
        Assert.False(Clean(r1), r1.ToString());
        Assert.Contains("no-such-upsd", r1.Stderr);
        string misspelt = broken.Write("misspelt/nut-server.service", server.Replace("Type=notify", "Typ=notify", StringComparison.Ordinal));
        var r2 = Verify(misspelt);
        Assert.False(Clean(r2), r2.ToString());
        Assert.Contains("Typ", r2.Stderr);
        // A template whose instance cannot run fails too.
        string driver = File.ReadAllText(Path.Combine(unitDir, "nut-driver@.service"));
        string brokenDriver = broken.Write("driver/nut-driver@.service",
            driver.Replace(dir["lib/nutsharp/nut-driver-exec"], "/nonexistent/nut-driver-exec", StringComparison.Ordinal));
        Assert.False(Clean(Verify(brokenDriver)));
    }

    [Fact]
    public void Units_start_what_NUT_users_expect()
    {
        using var dir = new TempDir("units");
        Assert.Equal(0, Installer.Install(dir.FullPath).ExitCode);
        string Unit(string name) => File.ReadAllText(dir[Path.Combine("lib/systemd/system", name)]);
        Assert.Contains($"ExecStart={dir["sbin/upsd"]} -F", Unit("nut-server.service"));
        Assert.Contains($"ExecStart={dir["sbin/upsmon"]} -F", Unit("nut-monitor.service"));
        Assert.Contains($"ExecStart={dir["lib/nutsharp/nut-driver-exec"]} %i", Unit("nut-driver@.service"));
        Assert.Contains($"ExecCondition={dir["lib/nutsharp/nut-mode-allows"]} server", Unit("nut-server.service"));
        Assert.Contains($"ExecCondition={dir["lib/nutsharp/nut-mode-allows"]} monitor", Unit("nut-monitor.service"));
        Assert.Contains($"ExecCondition={dir["lib/nutsharp/nut-mode-allows"]} driver", Unit("nut-driver@.service"));
        foreach (var notify in new[] { "nut-server.service", "nut-monitor.service", "nut-driver@.service" })
            Assert.Contains("Type=notify", Unit(notify));
        Assert.Contains($"PathModified={dir["etc/nut"]}/ups.conf", Unit("nut-driver-enumerator.path"));
        Assert.Contains($"EnvironmentFile=-{dir["etc/nut"]}/upslog.conf", Unit("nut-logger.service"));
        Assert.Contains($"-c {dir["etc/nut"]}/upsweb.conf", Unit("nut-web.service"));
        Assert.Contains("Wants=local-fs.target nut-driver.target nut-server.service nut-monitor.service", Unit("nut.target"));
    }
}
