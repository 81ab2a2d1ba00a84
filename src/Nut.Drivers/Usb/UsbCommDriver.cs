namespace Nut.Drivers.Usb;

/// <summary>
/// NUT's libusb-1.0 layer names itself in the banner of the drivers built on it (libusb1.c's name and version,
/// printed after the driver's own line). nutdrv_qx prints it on every start, even for a serial UPS, because NUT
/// builds it with USB support; blazer_usb does not, as its driver info lists no sub-driver.
/// </summary>
public static class UsbCommDriver
{
    public const string Name = "USB communication driver (libusb 1.0)";
    public const string Version = "0.43";

    /// <summary>The banner line, without its newline.</summary>
    public const string Banner = Name + " " + Version;
}
