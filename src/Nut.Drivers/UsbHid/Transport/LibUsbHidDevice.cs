using System.Text;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// A HID device claimed through libusb: GET_REPORT and SET_REPORT as class requests on the control pipe
/// (0xA1/0x01 and 0x21/0x09, wValue = report type &lt;&lt; 8 | report ID, wIndex = interface), input reports from
/// the interrupt IN endpoint, strings with libusb's ASCII helper. Errors are libusb's codes, passed through.
/// </summary>
public sealed class LibUsbHidDevice(IUsbHandle usb, UsbDeviceInfo info, byte[] descriptor, byte inEndpoint) : IHidDevice
{
    const byte ClassIn = 0xA1, ClassOut = 0x21, GetReport = 0x01, SetReport = 0x09;
    const ushort FeatureType = 0x0300;
    const ushort Interface = 0;

    /// <summary>NUT's USB_TIMEOUT for report transfers.</summary>
    public const int ControlTimeoutMs = 5000;

    readonly bool _numbered = HidReportDescriptor.Parse(descriptor, out _).UsesReportIds;

    public UsbDeviceInfo Info => info;

    public byte[] ReportDescriptor => descriptor;

    /// <summary>The interrupt IN endpoint read by <see cref="ReadInputReport"/> (0x81 when the descriptor named none).</summary>
    public byte InEndpoint => inEndpoint;

    public int GetFeatureReport(byte reportId, Span<byte> buffer) =>
        usb.ControlTransfer(ClassIn, GetReport, (ushort)(FeatureType | reportId), Interface, buffer, ControlTimeoutMs);

    public int SetFeatureReport(ReadOnlySpan<byte> report)
    {
        // Numbered reports travel with their ID byte; an unnumbered one is all data and goes out as report 0.
        byte id = _numbered && report.Length > 0 ? report[0] : (byte)0;
        var data = report.ToArray();
        return usb.ControlTransfer(ClassOut, SetReport, (ushort)(FeatureType | id), Interface, data, ControlTimeoutMs);
    }

    public int ReadInputReport(Span<byte> buffer, int timeoutMs)
    {
        int r = usb.InterruptTransfer(inEndpoint, buffer, timeoutMs);
        return r == UsbError.Timeout ? 0 : r;
    }

    public string? GetString(int index)
    {
        if (index <= 0 || index > 255)
            return null;
        var buf = new byte[256];
        int r = UsbStrings.GetAscii(usb, (byte)index, buf);
        return r > 0 ? Encoding.Latin1.GetString(buf, 0, r) : null;
    }

    public void Dispose() => usb.Dispose();
}
