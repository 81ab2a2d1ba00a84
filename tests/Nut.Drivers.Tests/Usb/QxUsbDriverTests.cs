using Nut.Drivers.Host;
using Nut.Drivers.Qx;
using Nut.Drivers.Qx.Usb;
using Nut.Drivers.Usb;
using Nut.Testing;

namespace Nut.Drivers.Tests.Usb;

/// <summary>
/// nutdrv_qx and blazer_usb on a fake USB bus: the automatic subdriver choice from NUT's VID:PID table, the
/// matching options, a full start-up per subdriver, unplug/replug recovery, and the messages when USB cannot be
/// used (real binary, real libusb: this container has no USB bus).
/// </summary>
public sealed class QxUsbDriverTests
{
    static QxUsbRig Rig(FakeBridge bridge, UsbDeviceInfo info, Dictionary<string, string>? options = null, QxPersonality? personality = null) =>
        new(bridge, info, options, personality);

    /// <summary>Every subdriver: the device is found (by table or by subdriver=), recognised and read.</summary>
    public static TheoryData<FakeBridge, ushort, ushort, string?, string?, string?, string> Devices => new()
    {
        { FakeBridge.Cypress, 0x0665, 0x5161, null, null, null, "cypress" },
        { FakeBridge.Phoenix, 0x06da, 0x0601, null, null, null, "phoenix" },
        { FakeBridge.Ippon, 0x06da, 0x0003, null, null, null, "ippon" },
        { FakeBridge.Sgs, 0x0483, 0x0035, null, null, null, "sgs" },
        { FakeBridge.Krauler, 0x0001, 0x0000, null, null, null, "krauler" },
        { FakeBridge.Fabula, 0x0001, 0x0000, "MEC", "MEC0003", null, "fabula" },
        { FakeBridge.Hunnox, 0x0001, 0x0000, "Hunnox", "MEC0003", null, "hunnox" },
        { FakeBridge.Fuji, 0x0001, 0x0000, "ATCL FOR UPS", "ATCL FOR UPS", null, "fuji" },
        { FakeBridge.Armac, 0x0925, 0x1234, null, null, null, "armac" },
        { FakeBridge.Snr, 0x0001, 0x0000, null, "MEC0003", "snr", "snr" },
        { FakeBridge.Phoenixtec, 0x06da, 0x0002, "Phoenixtec Power", "USB Cable (V2.00)", null, "phoenixtec" },
        { FakeBridge.Ablerex, 0xffff, 0x0000, null, null, null, "ablerex" },
    };

    [Theory]
    [MemberData(nameof(Devices))]
    public void NutdrvQxReadsTheUpsThroughEverySubdriver(FakeBridge bridge, ushort vid, ushort pid, string? vendor, string? product, string? forced, string expected)
    {
        var options = new Dictionary<string, string>();
        if (forced is not null)
        {
            options["subdriver"] = forced;
            options["vendorid"] = vid.ToString("x4");
            options["productid"] = pid.ToString("x4");
            options["langid_fix"] = "0x0409";
        }
        var rig = Rig(bridge, QxUsbRig.Dev(vid, pid, vendor, product), options);
        rig.Ups.InputVoltage = 231.5;
        rig.Start();
        Assert.Equal(expected, Assert.IsType<UsbQxPort>(PortOf(rig)).Subdriver.Name);
        Assert.Equal(vid.ToString("x4"), rig.Var("ups.vendorid"));
        Assert.Equal(pid.ToString("x4"), rig.Var("ups.productid"));
        Assert.Equal("libusb-1.0.26 (API: 0x1000109)", rig.Var("driver.version.usb"));
        Assert.Equal("231.5", rig.Var("input.voltage"));
        Assert.Equal("27.30", rig.Var("battery.voltage"));
        Assert.Equal("OL", rig.Var("ups.status"));
        Assert.Equal("230", rig.Var("input.voltage.nominal"));
        Assert.False(rig.Host.State.IsStale);
    }

    static IQxPort? PortOf(QxUsbRig rig) => rig.Driver.Port;

    [Fact]
    public void BlazerUsbReadsAKraulerAndRunsACommand()
    {
        var rig = Rig(FakeBridge.Krauler, QxUsbRig.Dev(0x0001, 0x0000), personality: QxPersonality.BlazerUsb).Start();
        Assert.Equal("229.0", rig.Var("input.voltage"));
        Assert.Equal("SIMULATED INC.", rig.Var("ups.mfr"));
        bool before = rig.Ups.Beeper;
        Assert.Equal(HandlerStatus.Handled, rig.Driver.InstCmd(rig.Host, "beeper.toggle", null));
        Assert.NotEqual(before, rig.Ups.Beeper);
    }

    [Fact]
    public void AnUnpluggedUpsGoesStaleAndComesBackWhenPluggedInAgain()
    {
        var rig = Rig(FakeBridge.Cypress, QxUsbRig.Dev(0x0665, 0x5161, serial: "A1")).Start();
        var port = Assert.IsType<UsbQxPort>(PortOf(rig));
        rig.Bus.Unplug(rig.Device);
        rig.Clock.Advance(31);
        rig.Driver.UpdateInfo(rig.Host);
        Assert.True(rig.Host.State.IsStale);
        Assert.True(port.Disconnected);
        Assert.True(rig.Device.Disposed);

        // Another UPS of the same model (other serial number) is not taken for it.
        var other = new FakeQxUsbDevice(FakeBridge.Cypress, new Serial.MegatecSimulator());
        rig.Bus.Plug(QxUsbRig.Dev(0x0665, 0x5161, serial: "B2"), other);
        rig.Clock.Advance(31);
        rig.Driver.UpdateInfo(rig.Host);
        Assert.True(port.Disconnected);
        Assert.Empty(other.Ups.Received);

        // Plugged in again: a new address on the same bus, a fresh handle.
        var back = new FakeQxUsbDevice(FakeBridge.Cypress, rig.Ups);
        rig.Ups.InputVoltage = 222.2;
        rig.Bus.Plug(QxUsbRig.Dev(0x0665, 0x5161, serial: "A1", device: "009"), back);
        rig.Clock.Advance(31);
        rig.Driver.UpdateInfo(rig.Host);
        Assert.False(port.Disconnected);
        Assert.False(rig.Host.State.IsStale);
        Assert.Equal("222.2", rig.Var("input.voltage"));
    }

    [Fact]
    public void TheTableChoosesAsNutDoes()
    {
        string? Pick(ushort vid, ushort pid, string? vendor = null, string? product = null, bool blazer = false) =>
            QxUsbSubdrivers.Choose(blazer ? QxUsbSubdrivers.BlazerUsbTable : QxUsbSubdrivers.NutdrvQxTable, QxUsbRig.Dev(vid, pid, vendor, product))?.Name;

        Assert.Equal("cypress", Pick(0x0665, 0x5161));
        Assert.Equal("cypress", Pick(0x06da, 0x0002));
        Assert.Equal("phoenixtec", Pick(0x06da, 0x0002, "Phoenixtec Power", "USB Cable (V2.00)"));
        Assert.Equal("cypress", Pick(0x06da, 0x0002, "Phoenixtec Power", "USB Cable (V1.00)"));
        Assert.Equal("ippon", Pick(0x06da, 0x0003));
        Assert.Equal("phoenix", Pick(0x14f0, 0x00c9));
        Assert.Equal("sgs", Pick(0x0483, 0x0035));
        Assert.Equal("fabula", Pick(0x0001, 0x0000, "mec", "mec0003"));
        Assert.Equal("hunnox", Pick(0x0001, 0x0000, "Other", "MEC0003"));
        Assert.Equal("fuji", Pick(0x0001, 0x0000, "ATCL FOR UPS", "ATCL FOR UPS"));
        Assert.Equal("krauler", Pick(0x0001, 0x0000));
        Assert.Equal("krauler", Pick(0x1cb0, 0x0035));
        Assert.Equal("armac", Pick(0x0925, 0x1234));
        Assert.Equal("ablerex", Pick(0xffff, 0x0000));
        Assert.Null(Pick(0x0463, 0xffff));
        Assert.Null(Pick(0x0665, 0x5162));
        Assert.Equal("krauler", Pick(0xffff, 0x0000, blazer: true));
        Assert.Null(Pick(0x0483, 0x0035, blazer: true));
        // subdriver= names: nutdrv_qx knows the two newer ones (any case, as NUT's strcasecmp), blazer_usb does not.
        Assert.IsType<PhoenixtecSubdriver>(QxUsbSubdrivers.ByName(QxUsbSubdrivers.NutdrvQxNames, "PhoenixTec"));
        Assert.IsType<AblerexSubdriver>(QxUsbSubdrivers.ByName(QxUsbSubdrivers.NutdrvQxNames, "ablerex"));
        Assert.Null(QxUsbSubdrivers.ByName(QxUsbSubdrivers.BlazerUsbNames, "ablerex"));
        Assert.Null(QxUsbSubdrivers.ByName(QxUsbSubdrivers.BlazerUsbNames, "phoenixtec"));
    }

    [Theory]
    [InlineData("vendorid", "0665", true)]
    [InlineData("vendorid", "0665 ", false)]
    [InlineData("vendorid", "066", false)]
    [InlineData("productid", "51[0-9]+", true)]
    [InlineData("vendor", "cyber.*", true)]
    [InlineData("vendor", "Cyber", false)]
    [InlineData("product", "UPS-1000", true)]
    [InlineData("serial", "", false)]
    [InlineData("serial", "SN-?42", true)]
    [InlineData("bus", "00[12]", true)]
    [InlineData("bus", "1", false)]
    [InlineData("device", "004", true)]
    [InlineData("busport", "1\\.3", true)]
    public void RegexOptionsMustMatchTheWholeValueIgnoringCase(string option, string pattern, bool matches)
    {
        var device = new UsbDeviceInfo(0x0665, 0x5161, "CyberPower ", " UPS-1000", "SN42", "001", "004", "1.3");
        var matcher = UsbMatcher.Create(o => o == option ? pattern : null, out _)!;
        Assert.Equal(matches, matcher.Matches(device));
    }

    [Fact]
    public void AMissingStringMatchesOnlyAnEmptyPattern()
    {
        var device = QxUsbRig.Dev(0x0665, 0x5161);
        Assert.True(UsbMatcher.Create(o => o == "serial" ? "" : null, out _)!.Matches(device));
        Assert.True(UsbMatcher.Create(o => o == "serial" ? ".*" : null, out _)!.Matches(device));
        Assert.False(UsbMatcher.Create(o => o == "serial" ? ".+" : null, out _)!.Matches(device));
    }

    [Theory]
    [InlineData("subdriver=cypress", "When specifying a subdriver, 'vendorid' and 'productid' are mandatory.")]
    [InlineData("subdriver=nosuch,vendorid=0665,productid=5161", "Subdriver 'nosuch' not found!")]
    [InlineData("vendor=(", "Invalid regular expression: (")]
    [InlineData("vendorid=1234", "No supported devices found.")]
    public void BadOptionsAndMissingDevicesAreFatalWithNutsMessages(string options, string message)
    {
        var dict = options.Split(',').Select(o => o.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var rig = Rig(FakeBridge.Cypress, QxUsbRig.Dev(0x0665, 0x5161), dict);
        var e = Assert.Throws<DriverFatalException>(() => rig.Driver.InitUps(rig.Host));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void AForcedSubdriverOpensADeviceTheTableDoesNotKnow()
    {
        var rig = Rig(FakeBridge.Cypress, QxUsbRig.Dev(0x1234, 0x5678),
            new() { ["subdriver"] = "CYPRESS", ["vendorid"] = "1234", ["productid"] = "5678" }).Start();
        Assert.Equal("229.0", rig.Var("input.voltage"));
        Assert.Equal("1234", rig.Var("ups.vendorid"));
    }

    [Fact]
    public void LangidFixIsReadAsNutReadsIt()
    {
        Assert.Equal(0x4095, QxUsbOpener.ParseLangIdFix("0x4095"));
        Assert.Equal(0x409, QxUsbOpener.ParseLangIdFix("0x409"));
        Assert.Equal(-1, QxUsbOpener.ParseLangIdFix("4095"[..2]));
        Assert.Equal(-1, QxUsbOpener.ParseLangIdFix("0xZZ"));
        // A krauler bridge that only answers in 0x4095 works with langid_fix = 0x4095.
        var rig = Rig(FakeBridge.Krauler, QxUsbRig.Dev(0x0001, 0x0000), new() { ["langid_fix"] = "0x4095" });
        rig.Device.OnlyLangId = 0x4095;
        rig.Start();
        Assert.Equal("229.0", rig.Var("input.voltage"));
    }

    static ProcResult RunOurs(string driver, IDictionary<string, string>? extraEnv = null)
    {
        using var dir = new TempDir("qxusb");
        dir.Write("ups.conf", $"[q]\n\tdriver = {driver}\n\tport = auto\n");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        foreach (var (k, v) in extraEnv ?? new Dictionary<string, string>())
            env[k] = v;
        return Proc.Run(Paths.Ours(driver), ["-a", "q", "-u", "root", "-d", "1"], env, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("nutdrv_qx")]
    [InlineData("blazer_usb")]
    public void WithoutAUsbDeviceTheDriverSaysSoAsDebiansDoes(string driver)
    {
        var ours = RunOurs(driver);
        using var dir = new TempDir("qxusb-deb");
        dir.Write("ups.conf", $"[q]\n\tdriver = {driver}\n\tport = auto\n");
        var env = new Dictionary<string, string> { ["NUT_CONFPATH"] = dir.FullPath, ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        var debian = Proc.Run(Paths.Debian(driver), ["-a", "q", "-u", "root", "-d", "1"], env, TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, ours.ExitCode);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        string expected = $"No supported devices found. Please check your device availability with 'lsusb'";
        Assert.Contains(expected, debian.Stdout + debian.Stderr);
        Assert.Contains($"(man 8 {driver})", ours.Stdout + ours.Stderr);
        // Byte for byte: the banner (nutdrv_qx's second line names NUT's libusb layer, blazer_usb has none),
        // then libusb's "no USB buses" and the driver's own message.
        Assert.Equal(debian.Stdout, ours.Stdout);
        Assert.Equal(debian.Stderr, ours.Stderr);
    }

    [Fact]
    public void WithoutLibusbTheDriverNamesTheMissingLibraryAndThePackage()
    {
        var r = RunOurs("nutdrv_qx", new Dictionary<string, string> { [LibUsbVariable] = "/nonexistent/libusb-missing.so" });
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("USB support needs libusb-1.0, which could not be loaded", r.Stdout + r.Stderr);
        Assert.Contains("apt-get install libusb-1.0-0", r.Stdout + r.Stderr);
    }

    const string LibUsbVariable = "NUTSHARP_LIBUSB";
}
