namespace Nut.Drivers.Usb;

/// <summary>
/// String descriptors over plain control transfers, as libusb does them, so a fake device sees the same requests
/// a real one does: GET_DESCRIPTOR(STRING, index) with a language ID, and the ASCII flavour that first asks
/// descriptor 0 for the device's first language.
/// </summary>
public static class UsbStrings
{
    const byte DirIn = 0x80, GetDescriptor = 0x06, StringType = 0x03;

    /// <summary>Default control time-out of libusb's descriptor helpers.</summary>
    public const int TimeoutMs = 1000;

    /// <summary>The raw descriptor (libusb_get_string_descriptor; NUT's usb_get_string): bytes read or an error.</summary>
    public static int GetRaw(IUsbHandle usb, byte index, ushort langId, Span<byte> buf) =>
        usb.ControlTransfer(DirIn, GetDescriptor, (ushort)((StringType << 8) | index), langId, buf, TimeoutMs);

    /// <summary>
    /// libusb_get_string_descriptor_ascii (NUT's usb_get_string_simple): the first language from descriptor 0,
    /// then the string in it, UTF-16 turned into ASCII ('?' for anything else), NUL-terminated; returns its length.
    /// </summary>
    public static int GetAscii(IUsbHandle usb, byte index, Span<byte> data)
    {
        if (index == 0)
            return UsbError.InvalidParam;
        Span<byte> tbuf = stackalloc byte[255];
        int r = GetRaw(usb, 0, 0, tbuf);
        if (r < 0)
            return r;
        if (r < 4)
            return UsbError.Io;
        ushort langId = (ushort)(tbuf[2] | (tbuf[3] << 8));
        r = GetRaw(usb, index, langId, tbuf);
        if (r < 0)
            return r;
        if (r < 2 || tbuf[1] != StringType || tbuf[0] > r)
            return UsbError.Io;
        int di = 0;
        for (int si = 2; si + 1 < tbuf[0]; si += 2)
        {
            if (di >= data.Length - 1)
                break;
            data[di++] = (tbuf[si] & 0x80) != 0 || tbuf[si + 1] != 0 ? (byte)'?' : tbuf[si];
        }
        data[di] = 0;
        return di;
    }

    /// <summary>
    /// The in-place UTF-16 to ASCII conversion NUT's krauler, hunnox and snr code applies to a raw descriptor:
    /// refused (-1) when the length byte disagrees with what was read; high bytes become '?'. Returns the length.
    /// </summary>
    public static int RawToAscii(Span<byte> buf, int read)
    {
        if (read != buf[0])
            return -1;
        int size = buf[0], di = 0;
        for (int si = 2; si < size; si += 2)
        {
            if (di >= buf.Length - 1)
                break;
            buf[di++] = buf[si + 1] != 0 ? (byte)'?' : buf[si];
        }
        buf[di] = 0;
        return di;
    }
}
