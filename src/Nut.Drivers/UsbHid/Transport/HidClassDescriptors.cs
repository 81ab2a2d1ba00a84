using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// What the libusb transport needs from the standard descriptors, fetched with plain control transfers so a fake
/// device sees every byte: the report descriptor's length from the HID class descriptor (asked for directly, and
/// found inside the configuration descriptor, as NUT does) and the interrupt IN endpoint of interface 0.
/// </summary>
public static class HidClassDescriptors
{
    const byte DirIn = 0x80, InterfaceRecipient = 0x01, GetDescriptor = 0x06;
    const byte ConfigType = 0x02, InterfaceType = 0x04, EndpointType = 0x05, HidType = 0x21;
    const int TimeoutMs = 5000;

    /// <summary>NUT's buffer limit for a report descriptor; a length above it is not plausible.</summary>
    public const int MaxPlausibleLength = 6144;

    /// <summary>wDescriptorLength from GET_DESCRIPTOR(HID, 0) on the interface (0x81, 0x06, 0x2100); -1 when unavailable.</summary>
    public static int LengthFromHidDescriptor(IUsbHandle usb, ushort iface)
    {
        Span<byte> buf = stackalloc byte[9];
        int r = usb.ControlTransfer(DirIn | InterfaceRecipient, GetDescriptor, HidType << 8, iface, buf, TimeoutMs);
        if (r < 9 || buf[1] != HidType)
            return -1;
        return buf[7] | (buf[8] << 8);
    }

    /// <summary>The configuration descriptor with all its interface, class and endpoint descriptors; null on failure.</summary>
    public static byte[]? ReadConfiguration(IUsbHandle usb)
    {
        Span<byte> head = stackalloc byte[9];
        int r = usb.ControlTransfer(DirIn, GetDescriptor, ConfigType << 8, 0, head, TimeoutMs);
        if (r < 9 || head[1] != ConfigType)
            return null;
        int total = head[2] | (head[3] << 8);
        if (total < 9)
            return null;
        var all = new byte[total];
        r = usb.ControlTransfer(DirIn, GetDescriptor, ConfigType << 8, 0, all, TimeoutMs);
        return r < 9 ? null : all.AsSpan(0, r).ToArray();
    }

    /// <summary>
    /// Walks a configuration descriptor for interface <paramref name="iface"/> (alternate setting 0): the
    /// wDescriptorLength of its HID descriptor (-1 if none) and its first interrupt IN endpoint (0 if none).
    /// </summary>
    public static (int ReportLength, byte InEndpoint) FindInInterface(ReadOnlySpan<byte> config, int iface)
    {
        int length = -1;
        byte endpoint = 0;
        bool inside = false;
        for (int i = 0; i + 1 < config.Length;)
        {
            int len = config[i];
            if (len < 2 || i + len > config.Length)
                break;
            var d = config.Slice(i, len);
            switch (d[1])
            {
                case InterfaceType when len >= 4:
                    inside = d[2] == iface && d[3] == 0;
                    break;
                case HidType when inside && len >= 9 && length < 0:
                    length = d[7] | (d[8] << 8);
                    break;
                case EndpointType when inside && len >= 4 && endpoint == 0:
                    if ((d[2] & 0x80) != 0 && (d[3] & 0x03) == 0x03)
                        endpoint = d[2];
                    break;
            }
            i += len;
        }
        return (length, endpoint);
    }

    /// <summary>
    /// The report-descriptor length to ask for when the two sources may disagree (NUT issue 2441: a Smart-UPS
    /// reported 61939 one way and 1040 the other; 1040 was right). A length is plausible when it lies in
    /// 1..<see cref="MaxPlausibleLength"/>; of two plausible ones the larger is asked for, since a device sends at
    /// most its real descriptor. -1 when neither is plausible.
    /// </summary>
    public static int ChooseLength(int fromHidDescriptor, int fromConfiguration)
    {
        static bool Plausible(int n) => n > 0 && n <= MaxPlausibleLength;
        return (Plausible(fromHidDescriptor), Plausible(fromConfiguration)) switch
        {
            (true, true) => Math.Max(fromHidDescriptor, fromConfiguration),
            (true, false) => fromHidDescriptor,
            (false, true) => fromConfiguration,
            _ => -1,
        };
    }

    /// <summary>GET_DESCRIPTOR(Report) on the interface (0x81, 0x06, 0x2200): the descriptor, or null.</summary>
    public static byte[]? ReadReportDescriptor(IUsbHandle usb, ushort iface, int length)
    {
        var buf = new byte[length];
        int r = usb.ControlTransfer(DirIn | InterfaceRecipient, GetDescriptor, 0x22 << 8, iface, buf, TimeoutMs);
        return r <= 0 ? null : buf.AsSpan(0, r).ToArray();
    }
}
