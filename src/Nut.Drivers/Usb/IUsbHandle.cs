namespace Nut.Drivers.Usb;

/// <summary>
/// An opened, claimed USB device as the Q* subdrivers use it: libusb's synchronous transfers with libusb-0.1's
/// return convention (bytes moved, or a negative <see cref="UsbError"/> code), so the subdrivers read like the
/// wire protocols they implement. The real one is libusb; tests put a fake device behind it.
/// </summary>
public interface IUsbHandle : IDisposable
{
    /// <summary>A control transfer; the direction is bit 7 of <paramref name="requestType"/>.</summary>
    int ControlTransfer(byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs);

    /// <summary>An interrupt transfer; the direction is bit 7 of <paramref name="endpoint"/> (0x81 = in, 0x02 = out).</summary>
    int InterruptTransfer(byte endpoint, Span<byte> data, int timeoutMs);

    /// <summary>Clears a halt (stall) on an endpoint; 0 on success.</summary>
    int ClearHalt(byte endpoint);

    /// <summary>Resets the device (it may re-enumerate, which makes the handle stale); 0 on success.</summary>
    int Reset();

    /// <summary>
    /// Gives the device time to work between two transfers (ablerex's converter needs half a second to fetch the
    /// UPS's answer). A real device is simply waited for; a fake one records the wait instead of sleeping.
    /// </summary>
    void Wait(TimeSpan time) => Thread.Sleep(time);
}
