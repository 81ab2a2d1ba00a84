using Nut.Drivers.Host;
using Nut.Drivers.Tests.Usb;
using Nut.Drivers.UsbHid;
using Nut.Drivers.UsbHid.Hid;
using Nut.Drivers.UsbHid.Replay;
using Nut.Testing;

namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// usbhid-ups in-process on the replay simulator: the driver's start-up and updates are called directly with a
/// hand-moved clock, and interrupt-pipe waits return at once, so a whole scenario takes milliseconds.
/// </summary>
public sealed class HidDriverRig : IDisposable
{
    public static readonly string HidData = Path.Combine(Paths.TestData, "hid");

    readonly TempDir _dir = new("hidrig");
    public readonly ReplayTransport Transport;
    public readonly ManualClock Clock = new();
    public readonly UsbHidDriver Driver;
    public readonly DriverHostContext Host;
    public readonly List<string> Broadcasts = [];

    /// <param name="model">A testdata/hid model (its .hex; its .reports.txt when it has one).</param>
    /// <param name="extraReportLines">Lines appended to the reports file (DEVICE, STRING, F ...).</param>
    /// <param name="header">For a model without report values: the title line naming the IDs.</param>
    public HidDriverRig(string model, string extraReportLines = "", Dictionary<string, string>? options = null, string? header = null)
    {
        string hex = _dir[model + ".hex"];
        File.Copy(Path.Combine(HidData, model + ".hex"), hex);
        string reportsPath = Path.Combine(HidData, model + ".reports.txt");
        string reports = File.Exists(reportsPath) ? File.ReadAllText(reportsPath) : $"# {header}\n";
        File.WriteAllText(HidReportsFile.PathFor(hex), reports + extraReportLines);
        Transport = new ReplayTransport(hex, _ => { });
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["port"] = "replay:" + hex };
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in options ?? [])
        {
            if (v.Length == 0) flags.Add(k);
            else values[k] = v;
        }
        var state = new DriverState { Broadcast = Broadcasts.Add };
        Host = new DriverHostContext("ups", state, values, flags, _dir.FullPath, Clock);
        Driver = new UsbHidDriver([Transport]) { InterruptTimeoutMs = 0 };
    }

    public HidReplayDevice Device => Transport.Device;

    /// <summary>InitUps + InitInfo + the first update, as the host does; vendor names made known to the simulator.</summary>
    public HidDriverRig Start()
    {
        Driver.InitUps(Host);
        Device.Usages = HidUsageTable.Standard.With(Driver.Subdriver!.VendorUsages);
        Driver.InitInfo(Host);
        Driver.UpdateInfo(Host);
        return this;
    }

    /// <summary>One update after <paramref name="seconds"/> (2 = a quick poll; 30 = a full poll is due).</summary>
    public void Update(int seconds = 2)
    {
        Clock.Advance(seconds);
        Driver.UpdateInfo(Host);
    }

    public string? Var(string name) => Host.State.GetInfo(name);

    public string? Status => Var("ups.status");

    public SortedDictionary<string, string> Snapshot() =>
        new(Host.State.Snapshot().ToDictionary(v => v.Name, v => v.Value), StringComparer.Ordinal);

    public void Dispose()
    {
        Driver.Cleanup(Host);
        _dir.Dispose();
    }
}
