using Nut.Drivers.Host;
using Nut.Drivers.Qx;
using Nut.Drivers.Tests.Serial;
using Nut.Drivers.Usb;

namespace Nut.Drivers.Tests.Usb;

/// <summary>A clock the test moves by hand (full polls are due every pollfreq seconds).</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(int seconds) => Now = Now.AddSeconds(seconds);
}

/// <summary>
/// A Q* driver (in-process) on a fake USB bus holding one simulated UPS behind the chosen bridge: the driver's
/// start-up and polls are called directly, so a whole run takes milliseconds.
/// </summary>
public sealed class QxUsbRig
{
    public readonly MegatecSimulator Ups = new();
    public readonly FakeUsbBus Bus = new();
    public readonly FakeQxUsbDevice Device;
    public readonly UsbDeviceInfo Info;
    public readonly ManualClock Clock = new();
    public readonly QxDriver Driver;
    public readonly DriverHostContext Host;

    public QxUsbRig(FakeBridge bridge, UsbDeviceInfo info, Dictionary<string, string>? options = null, QxPersonality? personality = null)
    {
        Device = new FakeQxUsbDevice(bridge, Ups);
        Info = info;
        Bus.Plug(info, Device);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["port"] = "auto" };
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in options ?? [])
        {
            if (v.Length == 0) flags.Add(k);
            else values[k] = v;
        }
        Host = new DriverHostContext("q", new DriverState(), values, flags, Path.GetTempPath(), Clock);
        Driver = new QxDriver(personality ?? QxPersonality.NutdrvQx, usbBus: Bus);
    }

    /// <summary>InitUps + InitInfo + one poll, as the host does at start-up.</summary>
    public QxUsbRig Start()
    {
        Driver.InitUps(Host);
        Driver.InitInfo(Host);
        Driver.UpdateInfo(Host);
        return this;
    }

    public string? Var(string name) => Host.State.GetInfo(name);

    public static UsbDeviceInfo Dev(ushort vid, ushort pid, string? vendor = null, string? product = null, string? serial = null, string bus = "001", string device = "004") =>
        new(vid, pid, vendor, product, serial, bus, device);
}
