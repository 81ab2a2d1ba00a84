namespace Nut.Drivers.Usb;

/// <summary>The USB devices present: enumerated, matched, opened and claimed (libusb, or a fake in tests).</summary>
public interface IUsbBus
{
    /// <summary>"libusb-1.0.26 (API: 0x1000109)", as NUT publishes it in driver.version.usb.</summary>
    string Version { get; }

    /// <summary>
    /// Opens the first device <paramref name="match"/> accepts and claims its interface 0 (detaching a kernel
    /// driver first). Null when no device matched; <see cref="UsbUnavailableException"/> when USB cannot be used at
    /// all (library missing, no access to the bus); <see cref="UsbClaimException"/> when the device matched but
    /// cannot be claimed.
    /// </summary>
    IUsbHandle? Open(Func<UsbDeviceInfo, bool> match, out UsbDeviceInfo? device);
}

/// <summary>USB cannot be used on this machine (the message says why and what to install).</summary>
public sealed class UsbUnavailableException(string message) : Exception(message);

/// <summary>The device matched but could not be claimed (another driver holds it, or no permission).</summary>
public sealed class UsbClaimException(string message) : Exception(message);
