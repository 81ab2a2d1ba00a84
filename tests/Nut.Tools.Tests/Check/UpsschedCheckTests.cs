namespace Nut.Tools.Tests.Check;

/// <summary>upssched.conf against itself and against upsmon.conf.</summary>
public class UpsschedCheckTests
{
    [Fact]
    public void ATimerNeverCancelledIsWarnedAtItsStartLine()
    {
        using var d = new CheckDir();
        d.Write("upssched.conf", $"""
            CMDSCRIPT {d["cmd"]}
            PIPEFN {d["pipe"]}
            LOCKFN {d["lock"]}
            AT ONBATT * START-TIMER warn 15
            AT ONLINE * CANCEL-TIMER warn
            AT ONBATT ups1 START-TIMER late 60
            AT ONBATT ups2 START-TIMER late 90

            """);
        Assert.Equal([$"{d["upssched.conf"]}:6: warning: timer late is started but never cancelled: it fires even when the event is over; add e.g. AT ONLINE ups1 CANCEL-TIMER late"], d.Check());
    }

    [Fact]
    public void AtLinesNeedNotifyCmdToBeUpssched()
    {
        using var d = new CheckDir();
        d.Write("notify", "#!/bin/sh\nexit 0\n", "755");
        d.Write("upsmon.conf", $"RUN_AS_USER nobody\nMONITOR sim@localhost 1 mon secret primary\nSHUTDOWNCMD /bin/true\nNOTIFYCMD {d["notify"]}\n", "640");
        Assert.Equal([$"{d["upsmon.conf"]}:4: warning: {d["upssched.conf"]} has AT lines, but NOTIFYCMD is {d["notify"]}: upssched never runs (unless that program calls it); set NOTIFYCMD /sbin/upssched"], d.Check());
    }

    [Fact]
    public void AtLinesForTypesWithoutExecNeverMatch()
    {
        using var d = new CheckDir();
        d.Write("upsmon.conf", $"RUN_AS_USER nobody\nMONITOR sim@localhost 1 mon secret primary\nSHUTDOWNCMD /bin/true\nNOTIFYCMD {d["upssched"]}\nNOTIFYFLAG ONBATT SYSLOG+EXEC\nNOTIFYFLAG ONLINE IGNORE+EXEC\n", "640");
        d.Write("upssched.conf", $"""
            CMDSCRIPT {d["cmd"]}
            PIPEFN {d["pipe"]}
            LOCKFN {d["lock"]}
            AT ONBATT * START-TIMER warn 15
            AT ONLINE * CANCEL-TIMER warn
            AT LOWBATT * EXECUTE low
            AT LOWBATT * EXECUTE again

            """);
        var found = d.Check();
        string f = d["upssched.conf"];
        Assert.Equal([
            $"{f}:5: warning: AT ONLINE: upsmon does not run NOTIFYCMD for ONLINE (NOTIFYFLAG ONLINE has no EXEC or says IGNORE), so this line never matches; add NOTIFYFLAG ONLINE SYSLOG+WALL+EXEC to {d["upsmon.conf"]}",
            $"{f}:6: warning: AT LOWBATT: upsmon does not run NOTIFYCMD for LOWBATT (NOTIFYFLAG LOWBATT has no EXEC), so this line never matches; add NOTIFYFLAG LOWBATT SYSLOG+WALL+EXEC to {d["upsmon.conf"]}",
        ], found);
    }
}
