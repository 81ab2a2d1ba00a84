using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// One hidraw device found in sysfs: its /dev node, the USB identity the matching options see, and the usbdevfs
/// node (/dev/bus/usb/BBB/DDD) through which string descriptors are read.
/// </summary>
public sealed record HidrawNode(string Name, string DevicePath, UsbDeviceInfo Info, string UsbFsPath);
