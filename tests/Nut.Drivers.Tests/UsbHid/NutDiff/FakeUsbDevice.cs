using System.Globalization;
using System.Text;
using Nut.Drivers.UsbHid.Hid;
using Nut.Drivers.UsbHid.Replay;

namespace Nut.Drivers.Tests.UsbHid.NutDiff;

/// <summary>
/// Writes the device file fakeusb.c serves (format in its header comment) from a replay recording
/// (<c>model.hex</c> + <c>model.reports.txt</c>). The feature reports are what our own simulator answers to
/// GET_REPORT for each of the 256 IDs, fitted to the descriptor as it fits them, so Debian's driver and ours read
/// byte for byte the same device; a SET_REPORT is accepted for every feature report the descriptor declares, as ours does.
/// </summary>
static class FakeUsbDevice
{
    /// <summary>bcdDevice of the simulated unit: not 0x0202, which makes NUT read Eaton's second HID descriptor.</summary>
    const string DeviceRelease = "0100";

    public static void Write(string hexPath, string deviceFile)
    {
        var device = HidReplayDevice.Load(hexPath, out string? error, _ => { }) ?? throw new InvalidOperationException(error);
        var reports = HidReportsFile.Load(HidReportsFile.PathFor(hexPath), out error) ?? throw new InvalidOperationException(error);
        var sb = new StringBuilder();
        var info = device.Info;
        sb.Append(CultureInfo.InvariantCulture,
            $"DEVICE {info.VendorId:x4} {info.ProductId:x4} {DeviceRelease} {reports.ManufacturerIndex} {reports.ProductIndex} {reports.SerialIndex}\n");
        foreach (var (index, text) in reports.Strings)
            sb.Append(CultureInfo.InvariantCulture, $"STRING {index} {text}\n");
        sb.Append("DESCRIPTOR ").Append(Convert.ToHexStringLower(device.ReportDescriptor)).Append('\n');
        var buffer = new byte[4096];
        for (int id = 0; id < 256; id++)
        {
            int n = device.GetFeatureReport((byte)id, buffer);
            if (n > 0)
                sb.Append(CultureInfo.InvariantCulture, $"FEATURE {id} {Convert.ToHexStringLower(buffer, 0, n)}\n");
        }
        for (int id = 0; id < 256; id++)
            if (device.Descriptor.ReportLength(HidReportType.Feature, (byte)id) > 0)
                sb.Append(CultureInfo.InvariantCulture, $"SETTABLE {id}\n");
        // Written whole and renamed, so the shim never reads half a file.
        File.WriteAllText(deviceFile + ".tmp", sb.ToString());
        File.Move(deviceFile + ".tmp", deviceFile, overwrite: true);
    }
}
