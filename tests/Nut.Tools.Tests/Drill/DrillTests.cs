using Nut.Testing;
using Nut.Tools.Drill;

namespace Nut.Tools.Tests.Drill;

/// <summary>nut-drill's scenarios, durations, its stand-ins and its refusal to run scripts it cannot contain.</summary>
public sealed class DrillTests : IDisposable
{
    readonly TempDir _dir = new("drill");

    [Theory]
    [InlineData("90", 90)]
    [InlineData("20s", 20)]
    [InlineData("5m", 300)]
    [InlineData("1m30s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("2.5s", 2.5)]
    public void DurationsAsPeopleTypeThem(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("m")]
    [InlineData("-3")]
    [InlineData("5m3")]
    public void NonDurationsAreRefused(string text) => Assert.Null(Duration.Parse(text));

    [Fact]
    public void NamedScenariosStartAfterTheFirstPolls()
    {
        var blip = DrillScenario.Parse(["blip", "20s"], TimeSpan.FromSeconds(10), out _)!;
        Assert.Equal([new DrillStep(TimeSpan.FromSeconds(10), "OB DISCHRG"), new DrillStep(TimeSpan.FromSeconds(30), "OL CHRG")],
            blip.Steps.Where(s => !s.State.Contains('=')));
        // A linear battery for the rules: full 30 minutes, a reading every 10 s while on battery, full again after.
        Assert.Equal(["charge=100", "charge=99", "charge=99", "charge=100"], blip.Steps.Where(s => s.State.StartsWith("charge=")).Select(s => s.State));
        Assert.Equal(["runtime=1800", "runtime=1790", "runtime=1780", "runtime=1800"], blip.Steps.Where(s => s.State.StartsWith("runtime=")).Select(s => s.State));
        Assert.True(blip.SimulatedBattery);
        var outage = DrillScenario.Parse(["outage"], TimeSpan.FromSeconds(10), out _)!;
        Assert.Equal(TimeSpan.FromSeconds(310), outage.LastStep);
        Assert.Equal("OB DISCHRG LB", outage.Steps[^1].State);
        var down = DrillScenario.Parse(["unreachable", "2m"], TimeSpan.Zero, out _)!;
        Assert.Equal(["down", "OL"], down.Steps.Select(s => s.State));
        var timeline = DrillScenario.Parse(["4m=OB LB", "10s=OB", "2m=charge=35"], TimeSpan.Zero, out _)!;
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], timeline.Steps.Select(s => s.At));
        Assert.Equal("charge=35", timeline.Steps[1].State);
        Assert.False(timeline.SimulatedBattery);
    }

    [Theory]
    [InlineData("blip", "usage: blip DURATION")]
    [InlineData("blip 0s", "usage: blip DURATION")]
    [InlineData("fsd now", "fsd takes no argument")]
    [InlineData("power-cut", "'power-cut' is neither a scenario")]
    [InlineData("10s=", "'10s=' is neither a scenario")]
    public void BadScenariosSayWhatWasExpected(string words, string message)
    {
        Assert.Null(DrillScenario.Parse(words.Split(' '), TimeSpan.Zero, out string? error));
        Assert.Contains(message, error);
    }

    string Script(string name, string body)
    {
        string path = _dir.Write(name, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
        return path;
    }

    string Confs(string script)
    {
        _dir.Write("upsmon.conf", $"MONITOR ups@localhost 1 u p primary\nSHUTDOWNCMD \"/sbin/shutdown -h now\"\nNOTIFYCMD /usr/sbin/upssched\nPOLLFREQ 5\nFINALDELAY 0\n"
            + "NOTIFYFLAG ONBATT SYSLOG+EXEC\nNOTIFYFLAG ONLINE SYSLOG+EXEC\n");
        return _dir.Write("upssched.conf", $"CMDSCRIPT {script}\nPIPEFN {_dir["pipe"]}\nLOCKFN {_dir["lock"]}\nAT ONBATT * START-TIMER go 30\nAT ONLINE * CANCEL-TIMER go\n");
    }

    ProcResult Drill(params string[] args) =>
        Proc.Run(Paths.Ours("nut-drill"), ["-f", _dir["upsmon.conf"], "-s", _dir["upssched.conf"], .. args], timeout: TimeSpan.FromSeconds(60));

    [Fact]
    public void UpsmonFsdFromAScriptShutsTheSimulatedUpsmonDownAtThatMoment()
    {
        string marker = _dir["really-ran"];
        Confs(Script("cmd", $"touch {marker}\nupsmon -c fsd\n"));
        var r = Drill("blip", "2m");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(marker)); // the user's script really ran
        var t = DrillLine.Parse(r.Stdout);
        Assert.Contains(t, l => l.Kind == "Log" && l.Text == "script ran: upsmon -c fsd" && l.At == 40);
        Assert.Equal(40, t.Single(l => l.Kind == "ShutdownDecision").At);
        Assert.Equal(["SHUTDOWN"], t.Where(l => l.Kind == "Notification").Select(l => l.NotifyType).Where(n => n == "SHUTDOWN"));
        Assert.Contains("result: upsmon decides to shut down at +00:40.000 (user requested FSD); SHUTDOWNCMD runs at +00:40.000", r.Stdout);
    }

    [Fact]
    public void TheDrillShowsAShutdownRuleFiring()
    {
        _dir.Write("upsmon.conf", "MONITOR ups@localhost 1 u p primary\nSHUTDOWNCMD \"/sbin/shutdown -h now\"\nFINALDELAY 0\nSHUTDOWNRULE * charge 50\n");
        _dir.Write("upssched.conf", "");
        // outage 5m: a 7-minute battery (LB with 2 minutes left); below 50 % after 220 s on battery, i.e. at 230 s.
        var r = Drill("outage", "5m");
        Assert.True(r.ExitCode == 0, r.ToString());
        var t = DrillLine.Parse(r.Stdout);
        Assert.Contains(t, l => l.Kind == "Log" && l.At == 230 && l.Text == "UPS [ups@localhost]: SHUTDOWNRULE at line 4 (battery.charge below 50 %) fired: battery.charge is 48");
        Assert.Contains("result: upsmon decides to shut down at +03:50.000 (power value below MINSUPPLIES)", r.Stdout);
        Assert.DoesNotContain(t, l => l.Kind == "UpsdChange" && l.Text.StartsWith("battery.")); // only with -v
        Assert.Contains(DrillLine.Parse(Drill("-v", "outage", "5m").Stdout), l => l.Kind == "UpsdChange" && l.Text == "battery.charge \"48\"");
    }

    [Fact]
    public void ScriptsThatCallRealProgramsByFullPathAreRecordedNotRun()
    {
        string marker = _dir["really-ran"];
        string script = Script("cmd", $"touch {marker}\n# /sbin/shutdown in a comment is fine\n/sbin/upsmon -c fsd\n");
        Confs(script);
        var r = Drill("blip", "2m");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"{script}:4: /sbin/upsmon -c fsd", r.Stderr);
        Assert.DoesNotContain(":3:", r.Stderr);
        Assert.False(File.Exists(marker));
        Assert.Contains(DrillLine.Parse(r.Stdout), l => l.Kind == "Script" && l.At == 40);
        Assert.Contains("result: the machine stays up", r.Stdout);

        // -T: the user vouches for the script (here the absolute path does not exist, so nothing happens).
        var trusted = Drill("-T", "blip", "2m");
        Assert.True(File.Exists(marker), trusted.ToString());
    }

    [Fact]
    public void ConfigurationMistakesNameTheFile()
    {
        _dir.Write("upssched.conf", "");
        _dir.Write("upsmon.conf", "MONITOR ups@localhost 1 u p\n");
        var r = Drill("blip", "20s");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"nut-drill: {_dir["upsmon.conf"]}:1: Unable to use old-style MONITOR line without a username", r.Stderr);
        Assert.Contains($"nut-drill: {_dir["upsmon.conf"]}: upsmon would not start with this file", r.Stderr);

        _dir.Write("upsmon.conf", "MONITOR ups@localhost 1 u p primary\nMINSUPPLIES 2\n");
        var low = Drill("blip", "20s");
        Assert.Equal(1, low.ExitCode);
        Assert.Contains("the power values add up to 1, below MINSUPPLIES 2", low.Stderr);

        var missing = Proc.Run(Paths.Ours("nut-drill"), ["-f", _dir["nope.conf"], "fsd"], timeout: TimeSpan.FromSeconds(30));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"nut-drill: {_dir["nope.conf"]}: no such file", missing.Stderr);

        var noScenario = Proc.Run(Paths.Ours("nut-drill"), ["-f", _dir["upsmon.conf"]], timeout: TimeSpan.FromSeconds(30));
        Assert.Equal(1, noScenario.ExitCode);
        Assert.Contains("no scenario given", noScenario.Stderr);
    }

    public void Dispose() => _dir.Dispose();
}
