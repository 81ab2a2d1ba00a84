using Nut.Drivers.Tests.Serial;
using Nut.Testing;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// The real usbhid-ups executable: -h byte-identical to Debian's NUT 2.8.0, NUT's messages for bad options, a
/// <c>-d 1</c> dump of a replayed unit, and <c>-x record</c> producing a recording that replays to the same values.
/// </summary>
public sealed class HidExecutableTests
{
    static Dictionary<string, string> Env(TempDir dir) => DriverDump.Env(dir);

    [Fact]
    public void HelpMatchesDebian()
    {
        using var dir = new TempDir("hidhelp");
        var debian = Proc.Run(Paths.Debian("usbhid-ups"), ["-h"], Env(dir));
        var ours = Proc.Run(Paths.Ours("usbhid-ups"), ["-h"], Env(dir));
        Assert.Equal(0, debian.ExitCode);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        Assert.Equal(debian.Stdout, ours.Stdout);
        Assert.Equal(debian.Stderr, ours.Stderr);
    }

    [Theory]
    [InlineData("explore")]          // must specify "vendorid" when using "explore"
    [InlineData("vendorid=(")]       // invalid regular expression: (null)
    public void BadOptionsGiveNutsMessages(string option)
    {
        using var dir = new TempDir("hidbad");
        string[] args = ["-s", "t", "-x", "port=auto", "-x", option, "-u", "root", "-d", "1"];
        var debian = Proc.Run(Paths.Debian("usbhid-ups"), args, Env(dir));
        var ours = Proc.Run(Paths.Ours("usbhid-ups"), args, Env(dir));
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        Assert.Equal(debian.Stdout, ours.Stdout);
        Assert.Equal(debian.Stderr, ours.Stderr);
    }

    [Fact]
    public void DumpsAReplayedUnitAndRecordsItAgain()
    {
        using var dir = new TempDir("hidexe");
        var model = HidModel.All.Single(m => m.Name == "apc-back-ups-es-850g2");
        string hex = dir["es.hex"];
        File.Copy(Path.Combine(HidDriverRig.HidData, model.Name + ".hex"), hex);
        File.WriteAllText(dir["es.reports.txt"], File.ReadAllText(Path.Combine(HidDriverRig.HidData, model.Name + ".reports.txt")) + model.ExtraReportLines);

        var first = DriverDump.Run(Paths.Ours("usbhid-ups"), "usbhid-ups", "replay:" + hex);
        Assert.Equal("OL", first["ups.status"]);
        Assert.Equal("APC HID 0.98", first["driver.version.data"]);
        Assert.Equal("868", first["battery.runtime"]);
        Assert.Equal("replay", first["driver.version.usb"]);
        Assert.Equal("30", first["driver.parameter.pollfreq"]);

        // -x record (with -d 1: no background process): the descriptor and every feature report written out, exit 0.
        string copy = dir["copy.hex"];
        var rec = Proc.Run(Paths.Ours("usbhid-ups"), ["-s", "ups", "-x", "port=replay:" + hex, "-x", "record=" + copy, "-u", "root", "-d", "1"], Env(dir));
        Assert.True(rec.ExitCode == 0, rec.ToString());
        Assert.True(File.Exists(dir["copy.reports.txt"]), rec.ToString());

        var again = DriverDump.Run(Paths.Ours("usbhid-ups"), "usbhid-ups", "replay:" + copy);
        foreach (var (k, v) in first.Where(kv => !kv.Key.StartsWith("driver.parameter.port", StringComparison.Ordinal)))
            Assert.True(again.GetValueOrDefault(k) == v, $"{k}: '{v}' before recording, '{again.GetValueOrDefault(k)}' after");
    }
}
