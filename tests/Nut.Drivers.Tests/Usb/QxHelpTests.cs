using Nut.Drivers.Qx.Usb;
using Nut.Testing;

namespace Nut.Drivers.Tests.Usb;

/// <summary>
/// The Q* drivers' <c>-h</c> against Debian's NUT 2.8.0, byte for byte: the banner (nutdrv_qx's second line names
/// NUT's libusb layer, even for a serial UPS), the settings table, and the end NUT's upsdrv_help adds — the USB
/// subdriver names for nutdrv_qx and blazer_usb (each its own list), the manual page.
/// </summary>
public sealed class QxHelpTests
{
    [Theory]
    [InlineData("nutdrv_qx")]
    [InlineData("blazer_usb")]
    [InlineData("blazer_ser")]
    public void HelpMatchesDebian(string driver)
    {
        using var dir = new TempDir("qxhelp");
        var env = new Dictionary<string, string> { ["NUT_STATEPATH"] = dir.FullPath, ["NUT_ALTPIDPATH"] = dir.FullPath };
        var debian = Proc.Run(Paths.Debian(driver), ["-h"], env);
        var ours = Proc.Run(Paths.Ours(driver), ["-h"], env);
        Assert.Equal(0, debian.ExitCode);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        Assert.Equal(debian.Stdout, ours.Stdout);
        Assert.Equal(debian.Stderr, ours.Stderr);
    }

    [Fact]
    public void EachDriverListsTheSubdriversOfItsOwnTable()
    {
        Assert.Equal(
            "\nAcceptable values for 'subdriver' via -x or ups.conf in this driver: cypress, phoenixtec, phoenix, ippon, "
            + "krauler, fabula, hunnox, fuji, sgs, snr, ablerex, armac\n\nRead The Fine Manual ('man 8 nutdrv_qx')\n",
            QxUsbSubdrivers.HelpText(QxUsbSubdrivers.NutdrvQxNames, "nutdrv_qx"));
        Assert.Equal(
            "\nAcceptable values for 'subdriver' via -x or ups.conf in this driver: cypress, phoenix, ippon, krauler\n\n"
            + "Read The Fine Manual ('man 8 blazer_usb')\n",
            QxUsbSubdrivers.HelpText(QxUsbSubdrivers.BlazerUsbNames, "blazer_usb"));
    }
}
