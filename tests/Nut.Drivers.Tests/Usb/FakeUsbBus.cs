using Nut.Drivers.Usb;

namespace Nut.Drivers.Tests.Usb;

/// <summary>A USB bus with the fake devices a test plugs in; opening follows libusb's order (first match wins).</summary>
public sealed class FakeUsbBus : IUsbBus
{
    readonly List<(UsbDeviceInfo Info, IUsbHandle Device)> _devices = [];

    public string Version => "libusb-1.0.26 (API: 0x1000109)";

    public int Opens { get; private set; }

    public void Plug(UsbDeviceInfo info, IUsbHandle device)
    {
        lock (_devices) _devices.Add((info, device));
    }

    public void Unplug(IUsbHandle device)
    {
        lock (_devices) _devices.RemoveAll(d => d.Device == device);
        if (device is FakeQxUsbDevice fake)
            fake.Unplugged = true;
    }

    public IUsbHandle? Open(Func<UsbDeviceInfo, bool> match, out UsbDeviceInfo? device)
    {
        lock (_devices)
        {
            Opens++;
            foreach (var (info, handle) in _devices)
            {
                if (!match(info))
                    continue;
                device = info;
                return handle;
            }
        }
        device = null;
        return null;
    }
}
