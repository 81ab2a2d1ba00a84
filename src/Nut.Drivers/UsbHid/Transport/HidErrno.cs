using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// Linux errno values of failed hidraw/usbdevfs calls turned into libusb's error codes, so every transport reports
/// failures the same way and the driver's reconnect logic only needs to look for <see cref="UsbError.NoDevice"/>.
/// </summary>
public static class HidErrno
{
    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, ENXIO = 6, EAGAIN = 11, ENOMEM = 12, EACCES = 13,
        EBUSY = 16, ENODEV = 19, EINVAL = 22, ENOTTY = 25, EPIPE = 32, EOVERFLOW = 75, ESHUTDOWN = 108, ETIMEDOUT = 110;

    public static int ToUsbError(int errno) => errno switch
    {
        // The device node or the device behind it is gone (unplugged, or reset and re-enumerated).
        ENODEV or ENOENT or ENXIO or ESHUTDOWN => UsbError.NoDevice,
        EACCES or EPERM => UsbError.Access,
        EBUSY => UsbError.Busy,
        ETIMEDOUT or EAGAIN => UsbError.Timeout,
        EPIPE => UsbError.Pipe,
        EOVERFLOW => UsbError.Overflow,
        EINTR => UsbError.Interrupted,
        ENOMEM => UsbError.NoMem,
        EINVAL => UsbError.InvalidParam,
        // The node does not understand the ioctl: not a hidraw (or usbdevfs) device.
        ENOTTY => UsbError.NotSupported,
        EIO => UsbError.Io,
        _ => UsbError.Other,
    };
}
