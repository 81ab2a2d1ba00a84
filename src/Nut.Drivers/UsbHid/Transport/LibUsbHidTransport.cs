using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.UsbHid.Transport;

/// <summary>
/// USB HID through libusb-1.0, the way NUT's usbhid-ups reaches devices: the existing <see cref="IUsbBus"/> matches,
/// opens, detaches the kernel's HID driver and claims interface 0; then the report descriptor is fetched with
/// GET_DESCRIPTOR(Report), its length taken from the HID class descriptor (see
/// <see cref="HidClassDescriptors.ChooseLength"/>). Open can be called again after a removal: the bus is scanned
/// afresh.
/// </summary>
public sealed class LibUsbHidTransport(IUsbBus? bus = null) : IHidTransport
{
    const ushort Interface = 0;

    /// <summary>Used when the configuration descriptor names no interrupt IN endpoint (every UPS seen uses 0x81).</summary>
    const byte DefaultInEndpoint = 0x81;

    readonly IUsbBus _bus = bus ?? new LibUsbBus();

    public string Name => _bus.Version;

    public IHidDevice? Open(Func<UsbDeviceInfo, bool> match)
    {
        var usb = _bus.Open(match, out var info);
        if (usb is null || info is null)
            return null;
        int direct = HidClassDescriptors.LengthFromHidDescriptor(usb, Interface);
        var config = HidClassDescriptors.ReadConfiguration(usb);
        var (fromConfig, endpoint) = config is null ? (-1, (byte)0) : HidClassDescriptors.FindInInterface(config, Interface);
        if (direct >= 0 && fromConfig >= 0 && direct != fromConfig)
            NutLog.Debug(2, $"HID descriptor lengths disagree: {direct} (HID descriptor) vs {fromConfig} (configuration descriptor)");
        int length = HidClassDescriptors.ChooseLength(direct, fromConfig);
        if (length < 0)
        {
            NutLog.Info($"Unable to get HID descriptor of {info}: no plausible report descriptor length ({direct}, {fromConfig})");
            usb.Dispose();
            return null;
        }
        var descriptor = HidClassDescriptors.ReadReportDescriptor(usb, Interface, length);
        if (descriptor is null)
        {
            NutLog.Info($"Unable to get Report descriptor of {info}");
            usb.Dispose();
            return null;
        }
        NutLog.Debug(2, $"Report descriptor of {descriptor.Length} bytes (asked for {length})");
        return new LibUsbHidDevice(usb, info, descriptor, endpoint != 0 ? endpoint : DefaultInEndpoint);
    }
}
