namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// ioctl request numbers for hidraw (linux/hidraw.h) and usbdevfs (linux/usbdevice_fs.h), computed the way the
/// kernel's _IOC macros do for x86-64 and arm64: direction in bits 30-31, argument size in bits 16-29, type
/// character in bits 8-15, command number in bits 0-7.
/// </summary>
public static class HidIoctl
{
    const uint IocWrite = 1, IocRead = 2;
    const int DirShift = 30, SizeShift = 16, TypeShift = 8;

    /// <summary>Largest size the 14-bit size field can carry.</summary>
    public const int MaxSize = (1 << 14) - 1;

    /// <summary>_IOC(dir, type, nr, size).</summary>
    public static uint Ioc(uint dir, char type, uint nr, int size) =>
        (dir << DirShift) | ((uint)size << SizeShift) | ((uint)type << TypeShift) | nr;

    /// <summary>HID_MAX_DESCRIPTOR_SIZE: the kernel keeps at most this many descriptor bytes.</summary>
    public const int MaxDescriptorSize = 4096;

    /// <summary>HIDIOCGRDESCSIZE = _IOR('H', 0x01, int) = 2&lt;&lt;30 | 4&lt;&lt;16 | 'H'&lt;&lt;8 | 1 = 0x80044801.</summary>
    public const uint GetReportDescriptorSize = (IocRead << DirShift) | (4u << SizeShift) | ('H' << TypeShift) | 0x01;

    /// <summary>
    /// HIDIOCGRDESC = _IOR('H', 0x02, struct hidraw_report_descriptor { u32 size; u8 value[4096]; })
    /// = 2&lt;&lt;30 | 4100&lt;&lt;16 | 'H'&lt;&lt;8 | 2 = 0x90044802.
    /// </summary>
    public const uint GetReportDescriptor = (IocRead << DirShift) | ((4u + MaxDescriptorSize) << SizeShift) | ('H' << TypeShift) | 0x02;

    /// <summary>HIDIOCGRAWINFO = _IOR('H', 0x03, struct hidraw_devinfo { u32 bustype; s16 vendor, product; }) = 0x80084803.</summary>
    public const uint GetRawInfo = (IocRead << DirShift) | (8u << SizeShift) | ('H' << TypeShift) | 0x03;

    /// <summary>HIDIOCSFEATURE(len) = _IOC(_IOC_WRITE|_IOC_READ, 'H', 0x06, len): 0xC0004806 | len&lt;&lt;16.</summary>
    public static uint SetFeature(int length) => Ioc(IocWrite | IocRead, 'H', 0x06, length);

    /// <summary>HIDIOCGFEATURE(len) = _IOC(_IOC_WRITE|_IOC_READ, 'H', 0x07, len): 0xC0004807 | len&lt;&lt;16.</summary>
    public static uint GetFeature(int length) => Ioc(IocWrite | IocRead, 'H', 0x07, length);

    /// <summary>
    /// sizeof(struct usbdevfs_ctrltransfer) on a 64-bit kernel: u8 bRequestType, u8 bRequest, u16 wValue, u16 wIndex,
    /// u16 wLength, u32 timeout, 4 bytes of padding, void *data = 24.
    /// </summary>
    public const int UsbCtrlTransferSize = 24;

    /// <summary>USBDEVFS_CONTROL = _IOWR('U', 0, struct usbdevfs_ctrltransfer) = 3&lt;&lt;30 | 24&lt;&lt;16 | 'U'&lt;&lt;8 | 0 = 0xC0185500.</summary>
    public const uint UsbDevFsControl = ((IocWrite | IocRead) << DirShift) | ((uint)UsbCtrlTransferSize << SizeShift) | ('U' << TypeShift) | 0x00;
}
