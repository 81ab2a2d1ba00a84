using Nut.Drivers.Host;
using Nut.Drivers.Usb;
using Nut.Platform;

namespace Nut.Drivers.Qx.Usb;

/// <summary>
/// Q* over one of the USB-to-serial bridges: the chosen subdriver encodes each command; errors are handled as NUT's
/// qx_command does — a stall is cleared, a vanished or failing device (no device, I/O, access, not found) is
/// closed and re-opened at the next command by its exact identity (an unplugged UPS comes back by itself when it is
/// plugged in again), a device taken by another driver ends the driver.
/// </summary>
public sealed class UsbQxPort : IQxPort
{
    /// <summary>Answer buffer, NUT's SMALLBUF.</summary>
    public const int BufferSize = 512;

    readonly IUsbBus _bus;
    readonly UsbDeviceInfo _device;
    readonly UsbMatcher _matcher;
    readonly QxUsbLink _link;
    IUsbHandle? _usb;

    public UsbQxPort(IUsbBus bus, IUsbHandle usb, UsbDeviceInfo device, UsbMatcher matcher, IQxUsbSubdriver subdriver, int langIdFix)
    {
        _bus = bus;
        _usb = usb;
        _device = device;
        _matcher = matcher;
        Subdriver = subdriver;
        _link = new QxUsbLink(usb, langIdFix);
    }

    public IQxUsbSubdriver Subdriver { get; }
    public UsbDeviceInfo Device => _device;

    /// <summary>True while the device is closed after an error, waiting to be found again.</summary>
    public bool Disconnected => _usb is null;

    public string? Exchange(string command)
    {
        if (_usb is null && !Reopen())
            return null;
        var buf = new byte[BufferSize];
        int ret = Subdriver.Command(_link, command + "\r", buf);
        if (ret > 0)
            return QxUsbText.Answer(buf, ret);
        if (ret == 0)
            return null;
        switch (ret)
        {
            case UsbError.Busy:
                throw new DriverFatalException("Got disconnected by another driver");
            case UsbError.Pipe:
                if (_usb!.ClearHalt(CypressSubdriver.EndpointIn) == 0)
                {
                    NutLog.Debug(1, "Stall condition cleared");
                    break;
                }
                if (_usb.Reset() == 0)
                    NutLog.Debug(1, "Device reset handled");
                Close();
                break;
            case UsbError.NoDevice or UsbError.Access or UsbError.Io or UsbError.NotFound:
                Close();
                break;
        }
        return null;
    }

    void Close()
    {
        NutLog.Debug(1, "USB device lost: closing it, it will be looked for again at the next command");
        _usb?.Dispose();
        _usb = null;
    }

    /// <summary>Looks for the same device again (same IDs, strings and bus, and still accepted by the options).</summary>
    bool Reopen()
    {
        try
        {
            _usb = _bus.Open(d => UsbMatcher.SameDevice(d, _device) && _matcher.Matches(d), out _);
        }
        catch (Exception e) when (e is UsbClaimException or UsbUnavailableException)
        {
            // NUT exits here; a driver that keeps trying lets the UPS come back without a restart.
            NutLog.Info(e.Message);
            _usb = null;
        }
        if (_usb is null)
            return false;
        NutLog.Debug(1, "USB device found again");
        _link.Usb = _usb;
        return true;
    }

    public void Dispose() => _usb?.Dispose();
}
