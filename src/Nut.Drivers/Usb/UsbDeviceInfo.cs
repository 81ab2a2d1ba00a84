namespace Nut.Drivers.Usb;

/// <summary>
/// What identifies a USB device to the matching options (NUT's USBDevice_t): the numeric IDs, the string
/// descriptors (null when the device has none), the bus ("001"), the device address ("004") and the port path
/// ("1.2").
/// </summary>
public sealed record UsbDeviceInfo(
    ushort VendorId, ushort ProductId, string? Vendor, string? Product, string? Serial, string Bus, string? Device,
    string? BusPort = null, ushort BcdDevice = 0)
{
    public override string ToString() => $"{VendorId:x4}:{ProductId:x4} bus {Bus} device {Device ?? "?"} ({Vendor ?? "no vendor"} / {Product ?? "no product"} / {Serial ?? "no serial"})";
}
