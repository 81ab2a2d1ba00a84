namespace Nut.Tools.Tests.Check;

/// <summary>NOTIFYCMD, SHUTDOWNCMD and CMDSCRIPT: present, and executable by the user that runs them.</summary>
public class CommandsCheckTests
{
    [Fact]
    public void MissingAndNonExecutableProgramsAreErrors()
    {
        using var d = new CheckDir();
        d.Write("upsmon.conf", $"""
            RUN_AS_USER nobody
            MONITOR sim@localhost 1 mon secret primary
            SHUTDOWNCMD "no-such-shutdown-program -h +0"
            NOTIFYCMD {d["missing/upssched"]}

            """, "640");
        d.Write("cmd", "#!/bin/sh\nexit 0\n", "644");
        var found = d.Check();
        Assert.Contains($"{d["upsmon.conf"]}:3: error: SHUTDOWNCMD no-such-shutdown-program (not found in PATH): no such file; install it or correct the path", found);
        Assert.Contains($"{d["upsmon.conf"]}:4: error: NOTIFYCMD {d["missing/upssched"]}: no such file; install it or correct the path", found);
        Assert.Contains($"{d["upssched.conf"]}:1: error: CMDSCRIPT {d["cmd"]} is not executable (no x permission); it runs as nobody: chmod 755 {d["cmd"]} or make it owned by nobody's group with mode 750", found);
    }

    [Fact]
    public void AScriptOnlyRootMayRunFailsForTheMonitoringUser()
    {
        using var d = new CheckDir();
        d.Write("cmd", "#!/bin/sh\nexit 0\n", "700"); // owned by the test's user (root in CI)
        var found = d.Check();
        if (Environment.UserName == "nobody")
            return; // the owner may run it: nothing to find
        Assert.Contains(found, x => x.StartsWith($"{d["upssched.conf"]}:1: error: CMDSCRIPT {d["cmd"]} is executable only by its owner (uid ", StringComparison.Ordinal)
            && x.Contains("), not by nobody; it runs as nobody", StringComparison.Ordinal));
    }

    [Fact]
    public void WithMinusPEverythingRunsAsRoot()
    {
        using var d = new CheckDir();
        d.Write("nut.conf", "MODE=standalone\nUPSMON_OPTIONS=\"-p\"\n");
        d.Write("cmd", "#!/bin/sh\nexit 0\n", "700");
        var found = d.Check();
        Assert.Equal([$"{d["upsmon.conf"]}:1: warning: RUN_AS_USER nobody is not used: UPSMON_OPTIONS in nut.conf has -p, so upsmon runs as one root process (network code included); drop -p to run the monitoring as nobody"], found);
    }

    [Fact]
    public void AScriptThatShutsDownAsTheMonitoringUserIsFlagged()
    {
        using var d = new CheckDir();
        d.Write("cmd", """
            #!/bin/sh
            # shutdown here would be wrong
            case "$1" in
              warn) /sbin/shutdown -h +0 "power" ;;
              other) upsmon -c fsd ;;
            esac

            """, "755");
        var found = d.Check();
        Assert.Equal([$"{d["cmd"]}:4: warning: this CMDSCRIPT runs as nobody, not root, so this call may be refused: \"warn) /sbin/shutdown -h +0 \"power\" ;;\"; use \"upsmon -c fsd\" (upsmon's root parent then runs SHUTDOWNCMD) or allow nobody with a sudo or polkit rule"], found);
    }

    [Fact]
    public void NoShutdownCommandIsAWarning()
    {
        using var d = new CheckDir();
        d.Write("upsmon.conf", $"RUN_AS_USER nobody\nMONITOR sim@localhost 1 mon secret primary\nNOTIFYCMD {d["upssched"]}\nNOTIFYFLAG ONBATT EXEC\nNOTIFYFLAG ONLINE EXEC\n", "640");
        Assert.Equal([$"{d["upsmon.conf"]}: warning: no SHUTDOWNCMD: upsmon cannot shut this machine down (it logs \"Warning: no shutdown command defined!\"); add SHUTDOWNCMD \"/sbin/shutdown -h +0\""], d.Check());
    }
}
