using Nut.Drivers.Tests.Serial;
using Nut.Drivers.Tests.UsbHid.Driver;
using Nut.Drivers.UsbHid.Hid;
using Nut.Drivers.UsbHid.Replay;
using Nut.Drivers.UsbHid.Subdrivers;
using Nut.Testing;

namespace Nut.Drivers.Tests.UsbHid.NutDiff;

/// <summary>
/// One recorded testdata/hid unit in a scratch folder, readable by both drivers: ours through
/// <c>port = replay:model.hex</c>, Debian's through the fake libusb and the device file written from the same
/// recording. A state change edits the recording, then rewrites the device file, so both see it.
/// </summary>
sealed class NutDiffUnit : IDisposable
{
    readonly TempDir _dir = new("nutdiff");

    public NutDiffUnit(HidModel model)
    {
        Model = model;
        HexPath = _dir[model.Name + ".hex"];
        File.Copy(Path.Combine(HidDriverRig.HidData, model.Name + ".hex"), HexPath);
        string reports = File.ReadAllText(Path.Combine(HidDriverRig.HidData, model.Name + ".reports.txt"));
        File.WriteAllText(HidReportsFile.PathFor(HexPath), reports + model.ExtraReportLines);
        DeviceFile = _dir["device.txt"];
        FakeUsbDevice.Write(HexPath, DeviceFile);
    }

    public HidModel Model { get; }
    public string HexPath { get; }
    public string DeviceFile { get; }
    public TempDir Dir => _dir;

    /// <summary>
    /// The SET_REPORTs Debian's driver sent so far, as "xx xx ..." lines. NUT sends its buffer of a report it never
    /// managed to read (not in the recording) with the first byte, the report ID, still 00: that byte is replaced
    /// by the ID the request named (wValue), so the payloads compare, and the line is marked "(ID byte was 00)".
    /// </summary>
    public List<string> DebianSetReports => File.Exists(DeviceFile + ".set")
        ? [.. File.ReadAllLines(DeviceFile + ".set").Select(SentBytes)]
        : [];

    static string SentBytes(string line)
    {
        string[] t = line.Split(' ', StringSplitOptions.RemoveEmptyEntries); // SET id b0 b1 ...
        if (t.Length > 2 && t[2] == "00" && t[1] != "00")
            return string.Join(' ', new[] { t[1] }.Concat(t[3..])) + " (ID byte was 00)";
        return string.Join(' ', t[2..]);
    }

    /// <summary>Debian's <c>usbhid-ups -a ups -d 1</c> on the fake libusb device.</summary>
    public (SortedDictionary<string, string> Values, ProcResult Raw) DumpDebian()
    {
        using var dir = new TempDir("nutdiff-debian");
        dir.Write("ups.conf", "[ups]\n\tdriver = usbhid-ups\n\tport = auto\n");
        var r = Proc.Run(Paths.Debian("usbhid-ups"), ["-a", "ups", "-u", "root", "-d", "1"], FakeUsbShim.Environment(dir, DeviceFile), TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, r.ToString());
        return (DriverDump.Parse(r.Stdout), r);
    }

    /// <summary>Our usbhid-ups executable, <c>-a ups -d 1</c>, on the replayed recording.</summary>
    public (SortedDictionary<string, string> Values, ProcResult Raw) DumpOurs()
    {
        using var dir = new TempDir("nutdiff-ours");
        dir.Write("ups.conf", $"[ups]\n\tdriver = usbhid-ups\n\tport = replay:{HexPath}\n");
        var r = Proc.Run(Paths.Ours("usbhid-ups"), ["-a", "ups", "-u", "root", "-d", "1"], DriverDump.Env(dir), TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, r.ToString());
        return (DriverDump.Parse(r.Stdout), r);
    }

    /// <summary>
    /// Sets raw field values in the recording (each path where the descriptor has it), as a unit changing state
    /// at once, then rewrites the device file. Returns how many fields were set.
    /// </summary>
    public int Change(IEnumerable<(string Path, long Raw)> fields)
    {
        var device = HidReplayDevice.Load(HexPath, out string? error, _ => { }) ?? throw new InvalidOperationException(error);
        // The vendor's usage names too (MGE's Charger.Mode), from the subdriver NUT's rules pick for this unit.
        if (HidSubdrivers.Choose(HidSubdrivers.Create(explore: false), device.Info, productIdGiven: false, forced: null) is { } subdriver)
            device.Usages = HidUsageTable.Standard.With(subdriver.VendorUsages);
        int set = 0;
        foreach (var (path, raw) in fields)
        {
            try
            {
                device.SetRaw(path, raw);
                set++;
            }
            catch (ArgumentException)
            {
                // this descriptor has no such field
            }
        }
        // The new bytes of every report: input-only ones as the interrupt pipe delivers them, then the feature ones.
        var now = new Dictionary<byte, byte[]>();
        var buffer = new byte[4096];
        for (int n; (n = device.ReadInputReport(buffer, 0)) > 0;)
            now[buffer[0]] = buffer[..n];
        for (int id = 0; id < 256; id++)
            if (device.GetFeatureReport((byte)id, buffer) is int n and > 0)
                now[(byte)id] = buffer[..n];
        string reportsPath = HidReportsFile.PathFor(HexPath);
        var reports = HidReportsFile.Load(reportsPath, out error) ?? throw new InvalidOperationException(error);
        for (int i = 0; i < reports.Reports.Count; i++)
            if (now.TryGetValue(reports.Reports[i].Id, out var bytes))
                reports.Reports[i] = reports.Reports[i] with { Bytes = bytes };
        File.WriteAllText(reportsPath, reports.Format());
        FakeUsbDevice.Write(HexPath, DeviceFile);
        return set;
    }

    public void Dispose() => _dir.Dispose();
}
