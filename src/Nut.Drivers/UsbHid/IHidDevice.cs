using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid;

/// <summary>
/// An opened USB HID device, as usbhid-ups needs it: its report descriptor, feature reports read and written
/// through the control pipe, input reports from the interrupt pipe, and USB string descriptors. Implemented by
/// the Linux hidraw transport, the libusb transport, and the replay simulator (<c>port = replay:FILE.hex</c>).
/// Byte conventions: a report buffer starts with its report-ID byte when the descriptor declares report IDs
/// (and without one when it does not), exactly as the device sends it.
/// </summary>
public interface IHidDevice : IDisposable
{
    /// <summary>Vendor/product IDs and strings, bus, device and port, for matching and for ups.vendorid etc.</summary>
    UsbDeviceInfo Info { get; }

    /// <summary>The raw report descriptor.</summary>
    byte[] ReportDescriptor { get; }

    /// <summary>
    /// GET_REPORT(Feature, <paramref name="reportId"/>) into <paramref name="buffer"/>. Returns the number of bytes
    /// received (report-ID byte included), or a negative <see cref="UsbError"/> code (NoDevice when unplugged).
    /// </summary>
    int GetFeatureReport(byte reportId, Span<byte> buffer);

    /// <summary>SET_REPORT(Feature): <paramref name="report"/>[0] is the report ID. Returns bytes sent or a negative <see cref="UsbError"/>.</summary>
    int SetFeatureReport(ReadOnlySpan<byte> report);

    /// <summary>
    /// Reads one input report from the interrupt pipe, waiting at most <paramref name="timeoutMs"/>. Returns its
    /// length, 0 on time-out, or a negative <see cref="UsbError"/>.
    /// </summary>
    int ReadInputReport(Span<byte> buffer, int timeoutMs);

    /// <summary>A USB string descriptor (battery chemistry, iProduct, ...); null when the device has none at that index.</summary>
    string? GetString(int index);
}

/// <summary>A way to reach HID devices (hidraw, libusb, replay): finds and opens the first one the matcher accepts.</summary>
public interface IHidTransport
{
    /// <summary>"hidraw", "libusb-1.0.26 (API: 0x1000109)", "replay", for logs and driver.version.usb.</summary>
    string Name { get; }

    /// <summary>
    /// Opens the first HID device <paramref name="match"/> accepts; null when none matched. Throws
    /// <see cref="UsbUnavailableException"/> when the transport cannot work on this machine at all.
    /// </summary>
    IHidDevice? Open(Func<UsbDeviceInfo, bool> match);
}
