using Nut.Drivers.Host;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Replay;
using Nut.Drivers.UsbHid.Transport;
using Nut.Platform;

namespace Nut.Drivers.UsbHid;

/// <summary>
/// Chooses how usbhid-ups reaches its device. NUT ignores <c>port</c> (users write <c>auto</c>); ours reads
/// <c>replay:FILE.hex</c> as the simulator, <c>hidraw</c> and <c>libusb</c> as "only that transport", and
/// anything else (<c>auto</c>) as Linux hidraw first (no detaching of the kernel driver, works without libusb
/// installed) with libusb-1.0 as the fallback when hidraw finds nothing or is not available. Which one answered
/// is logged and published as driver.version.usb.
/// </summary>
public static class UsbHidOpener
{
    /// <summary>The transports to try for <paramref name="port"/>, in order.</summary>
    public static IReadOnlyList<IHidTransport> TransportsFor(string port)
    {
        if (ReplayTransport.FromPort(port) is { } replay)
            return [replay];
        return port switch
        {
            "hidraw" => [new HidrawTransport()],
            "libusb" => [new LibUsbHidTransport()],
            _ => [new HidrawTransport(), new LibUsbHidTransport()],
        };
    }

    /// <summary>
    /// Opens the first device a transport finds that <paramref name="match"/> accepts. Transports that cannot
    /// work here are skipped with a debug line; the last such reason is returned when none could be used at all.
    /// </summary>
    public static (IHidDevice? Device, IHidTransport? Transport) Open(IReadOnlyList<IHidTransport> transports, Func<UsbDeviceInfo, bool> match)
    {
        foreach (var t in transports)
        {
            try
            {
                if (t.Open(match) is { } device)
                {
                    NutLog.Debug(1, $"HID device opened through {t.Name}");
                    return (device, t);
                }
                NutLog.Debug(2, $"{t.Name}: no matching HID device");
            }
            catch (UsbUnavailableException e)
            {
                NutLog.Debug(1, $"{t.Name}: not usable here: {e.Message}");
                if (t is ReplayTransport)
                    throw new DriverFatalException(e.Message);
            }
        }
        return (null, null);
    }
}
