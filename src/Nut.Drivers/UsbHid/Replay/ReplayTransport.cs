using Nut.Drivers.Usb;

namespace Nut.Drivers.UsbHid.Replay;

/// <summary>
/// <c>port = replay:/path/model.hex</c>: the driver talks to a <see cref="HidReplayDevice"/> built from that
/// descriptor and its sibling <c>model.reports.txt</c>, which is followed for edits while the driver runs. The
/// matching options apply as to a real device. Open may be called again (after an unplug): it hands out the same
/// simulated unit, under its new device number, once it is plugged in again.
/// </summary>
public sealed class ReplayTransport(string hexPath, Action<int>? wait = null) : IHidTransport
{
    /// <summary>The port prefix that selects this transport.</summary>
    public const string PortPrefix = "replay:";

    HidReplayDevice? _device;

    public string Name => "replay";

    /// <summary>The descriptor file replayed.</summary>
    public string HexPath => hexPath;

    /// <summary>The transport for a <c>replay:FILE</c> port, or null when the port names another transport.</summary>
    public static ReplayTransport? FromPort(string? port) =>
        port is not null && port.StartsWith(PortPrefix, StringComparison.Ordinal) && port.Length > PortPrefix.Length
            ? new ReplayTransport(port[PortPrefix.Length..])
            : null;

    /// <summary>The simulated unit (loaded on first use), for scenarios that change values or pull the plug.</summary>
    public HidReplayDevice Device
    {
        get
        {
            if (_device is null)
            {
                // Unreadable or malformed files make the transport unusable: say which file and line.
                _device = HidReplayDevice.Load(hexPath, out string? error, wait)
                    ?? throw new UsbUnavailableException($"replay: {error}");
            }
            return _device;
        }
    }

    public IHidDevice? Open(Func<UsbDeviceInfo, bool> match)
    {
        var device = Device;
        return device.IsPlugged && match(device.Info) ? device : null;
    }
}
