using Nut.Testing;

namespace Nut.Interop.Tests;

/// <summary>
/// Interop in both directions (issue 2): Debian's upsd serves our dummy-ups; our upsd serves Debian's
/// dummy-ups; Debian's upsc, upscmd, upsrw and upsmon work against our upsd.
/// </summary>
public sealed class InteropTests
{
    static string Device => TranscriptTests.DeviceFile;

    [Fact]
    public void DebiansUpsdServesOurDriver()
    {
        using var ours = new NutStack(Impl.Ours, Impl.Ours, [new StackUps("dev", Device)]).Start();
        using var mixed = new NutStack(Impl.Debian, Impl.Ours, [new StackUps("dev", Device)]).Start();
        var expected = ours.Run(Paths.Debian("upsc"), $"dev@127.0.0.1:{ours.Port}");
        var actual = mixed.Run(Paths.Debian("upsc"), $"dev@127.0.0.1:{mixed.Port}");
        Assert.Equal(0, actual.ExitCode);
        Assert.Contains("driver.name: dummy-ups", actual.Stdout);
        Assert.Equal(expected.Stdout, actual.Stdout);

        // A SET through Debian's upsrw and Debian's upsd reaches our driver and comes back.
        var set = mixed.Run(Paths.Debian("upsrw"), "-s", "ups.id=written", "-u", "admin", "-p", "mypass", "-w", $"dev@127.0.0.1:{mixed.Port}");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal("SUCCESS\n", set.Stderr);
        Assert.Equal("written\n", mixed.Run(Paths.Debian("upsc"), $"dev@127.0.0.1:{mixed.Port}", "ups.id").Stdout);

        // INSTCMD with tracking: our dummy-ups answers "unknown" (1) for load.off, as NUT's does.
        var cmd = mixed.Run(Paths.Debian("upscmd"), "-u", "admin", "-p", "mypass", "-w", $"dev@127.0.0.1:{mixed.Port}", "load.off");
        Assert.Equal(0, cmd.ExitCode);
        Assert.Equal("ERR UNKNOWN\n", cmd.Stderr);
    }

    [Fact]
    public void DebiansClientToolsWorkAgainstOurUpsd()
    {
        using var deb = new NutStack(Impl.Debian, Impl.Debian, [new StackUps("dev", Device, Desc: "Rack UPS")]).Start();
        using var ours = new NutStack(Impl.Ours, Impl.Debian, [new StackUps("dev", Device, Desc: "Rack UPS")]).Start();
        string target(NutStack s) => $"dev@127.0.0.1:{s.Port}";
        string host(NutStack s) => $"127.0.0.1:{s.Port}";
        var invocations = new List<(string Program, Func<NutStack, string[]> Args)>
        {
            ("upsc", s => [target(s)]),
            ("upsc", s => [target(s), "battery.charge"]),
            ("upsc", s => [target(s), "nosuch.var"]),
            ("upsc", s => [target(s), "oldstyle"]),
            ("upsc", s => [$"nosuch@127.0.0.1:{s.Port}"]),
            ("upsc", s => ["-l", host(s)]),
            ("upsc", s => ["-L", host(s)]),
            ("upsc", s => ["-c", target(s)]),
            ("upscmd", s => ["-l", target(s)]),
            ("upscmd", s => ["-u", "admin", "-p", "mypass", target(s), "load.off"]),
            ("upscmd", s => ["-u", "admin", "-p", "wrong", target(s), "load.off"]),
            ("upscmd", s => ["-u", "admin", "-p", "mypass", target(s), "load.on"]),
            ("upscmd", s => ["-u", "admin", "-p", "mypass", "-w", target(s), "load.off"]),
            ("upsrw", s => [target(s)]),
            ("upsrw", s => ["-s", "ups.id=abc", "-u", "admin", "-p", "mypass", target(s)]),
            ("upsrw", s => ["-s", "ups.id=01234567890123456789", "-u", "admin", "-p", "mypass", target(s)]),
            ("upsrw", s => ["-s", "device.type=x", "-u", "admin", "-p", "mypass", target(s)]),
            ("upsrw", s => ["-s", "ups.id=tracked", "-u", "admin", "-p", "mypass", "-w", target(s)]),
            ("upsrw", s => ["-s", "ups.id=x", "-u", "mon", "-p", "monpw", target(s)]),
        };
        foreach (var (program, args) in invocations)
        {
            var expected = deb.Run(Paths.Debian(program), args(deb));
            var actual = ours.Run(Paths.Debian(program), args(ours));
            string what = $"{program} {string.Join(' ', args(ours))}";
            Assert.True(expected.ExitCode == actual.ExitCode, $"{what}: exit {actual.ExitCode}, Debian's upsd gives {expected.ExitCode}\n{actual}");
            Assert.True(expected.Stdout.Replace(deb.Port.ToString(), "PORT") == actual.Stdout.Replace(ours.Port.ToString(), "PORT"),
                $"{what}: stdout differs\nDebian: {expected.Stdout}\nours: {actual.Stdout}");
            Assert.True(expected.Stderr == actual.Stderr, $"{what}: stderr differs\nDebian: {expected.Stderr}\nours: {actual.Stderr}");
        }
    }

    [Fact]
    public void OurDummyUpsRepeatsAUpsOfDebiansServer()
    {
        using var upstream = new NutStack(Impl.Debian, Impl.Debian, [new StackUps("dev", Device)]).Start();
        using var repeater = new NutStack(Impl.Ours, Impl.Ours,
            [new StackUps("rep", Device, Extra: $"\tport = dev@127.0.0.1:{upstream.Port}\n")]);
        // The repeater's section: port is the upstream UPS (the later "port" line wins).
        repeater.Start();
        string upsc = Paths.Debian("upsc");
        var original = upstream.Run(upsc, $"dev@127.0.0.1:{upstream.Port}", "battery.charge");
        var repeated = repeater.Run(upsc, $"rep@127.0.0.1:{repeater.Port}", "battery.charge");
        Assert.Equal(original.Stdout, repeated.Stdout);
        Assert.Equal("repeater\n", repeater.Run(upsc, $"rep@127.0.0.1:{repeater.Port}", "driver.parameter.mode").Stdout);

        // A change upstream shows through the repeater within a cycle or two.
        Assert.Equal(0, upstream.Run(Paths.Debian("upsrw"), "-s", "ups.id=upstream-change", "-u", "admin", "-p", "mypass",
            $"dev@127.0.0.1:{upstream.Port}").ExitCode);
        string seen = "";
        for (int i = 0; i < 60 && seen != "upstream-change\n"; i++, Thread.Sleep(250))
            seen = repeater.Run(upsc, $"rep@127.0.0.1:{repeater.Port}", "ups.id").Stdout;
        Assert.Equal("upstream-change\n", seen);
    }
}
