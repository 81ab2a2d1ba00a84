using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;
using Nut.Platform;

namespace Nut.Drivers.UsbHid;

/// <summary>
/// An opened device with its parsed (and vendor-fixed) descriptor: finds fields by usage path, reads feature
/// reports once per poll however many variables share them, and writes one field with read-modify-write of its
/// report. Remembers the last USB error so the driver can tell "unplugged" from "this report failed".
/// </summary>
public sealed class HidDeviceSession : IHidLookupContext, IDisposable
{
    readonly Dictionary<string, HidField> _feature = new(StringComparer.Ordinal);
    readonly Dictionary<byte, byte[]?> _cache = [];
    readonly Dictionary<int, string?> _strings = [];

    public HidDeviceSession(IHidDevice device, HidReportDescriptor descriptor, IReadOnlyList<HidField> fields, HidUsageTable usages)
    {
        Device = device;
        Descriptor = descriptor;
        Fields = fields;
        Usages = usages;
        foreach (var f in fields)
        {
            if (f.Type != HidReportType.Feature) continue;
            // NUT's lookup takes the first field declared with a path.
            _feature.TryAdd(usages.FormatPath(f.Path), f);
        }
    }

    public IHidDevice Device { get; }
    public HidReportDescriptor Descriptor { get; }
    public IReadOnlyList<HidField> Fields { get; }
    public HidUsageTable Usages { get; }

    /// <summary>The last negative USB status a transfer returned (0 when the last one worked).</summary>
    public int LastError { get; private set; }

    /// <summary>True when the last error means the device is gone or taken (reconnect needed).</summary>
    public bool Lost => LastError is UsbError.NoDevice or UsbError.Io or UsbError.Busy or UsbError.Access or UsbError.NotFound;

    public HidField? FindFeature(string path) => _feature.GetValueOrDefault(path);

    public IEnumerable<string> FeaturePaths => _feature.Keys;

    /// <summary>Forgets the reports read so far, so the next reads fetch fresh ones (start of a poll).</summary>
    public void NewPoll() => _cache.Clear();

    /// <summary>Drops one report from the cache (after writing it).</summary>
    public void Invalidate(byte reportId) => _cache.Remove(reportId);

    /// <summary>The physical value of a feature field, from this poll's copy of its report.</summary>
    public bool TryRead(HidField f, out double value)
    {
        value = 0;
        byte[]? report = ReadReport(f.ReportId);
        if (report is null || !HidReportCodec.TryReadRaw(f, report, out long raw))
            return false;
        value = HidReportCodec.ToValue(f, raw);
        return true;
    }

    byte[]? ReadReport(byte id)
    {
        if (_cache.TryGetValue(id, out var cached))
            return cached;
        int length = Descriptor.ReportLength(HidReportType.Feature, id);
        // Some APC units answer with more than declared: leave room and ignore the rest.
        var buffer = new byte[Math.Max(length, 1) + 64];
        if (Descriptor.UsesReportIds) buffer[0] = id;
        int n = Device.GetFeatureReport(id, buffer);
        if (n < 0)
        {
            LastError = n;
            NutLog.Debug(2, $"Can't retrieve Report {id:x2}: {UsbError.Describe(n)}");
            _cache[id] = null;
            return null;
        }
        LastError = 0;
        var report = buffer.AsSpan(0, Math.Max(n, 0)).ToArray();
        _cache[id] = report;
        return report;
    }

    /// <summary>
    /// Writes <paramref name="value"/> (physical) into the field with SET_REPORT(Feature): the report is read
    /// fresh, the field's bits replaced, and the whole report sent back. Returns the bytes sent, or null on failure.
    /// </summary>
    public byte[]? Write(HidField f, double value)
    {
        Invalidate(f.ReportId);
        int length = Descriptor.ReportLength(HidReportType.Feature, f.ReportId);
        var current = ReadReport(f.ReportId);
        var report = new byte[length];
        if (current is not null)
            current.AsSpan(0, Math.Min(current.Length, length)).CopyTo(report);
        if (Descriptor.UsesReportIds) report[0] = f.ReportId;
        HidReportCodec.WriteRaw(f, report, Encode(f, value));
        Invalidate(f.ReportId);
        int n = Device.SetFeatureReport(report);
        if (n < 0)
        {
            LastError = n;
            NutLog.Debug(1, $"Can't set Report {f.ReportId:x2}: {UsbError.Describe(n)}");
            return null;
        }
        LastError = 0;
        return report;
    }

    /// <summary>
    /// The logical value for a physical one. Inside the declared range this is the codec's; outside it NUT writes
    /// the value anyway (masked to the field's bits) rather than clamping: beeper.mute writes 3 to an
    /// AudibleAlarmControl some APC units declare 1..2, shutdown.stop writes -1 to unsigned delays.
    /// </summary>
    static long Encode(HidField f, double value)
    {
        long clamped = HidReportCodec.FromValue(f, value);
        if (HidReportCodec.ToValue(f, clamped) == value)
            return clamped;
        bool scaled = !(f.PhysicalMin == f.LogicalMin && f.PhysicalMax == f.LogicalMax)
            && f.PhysicalMax > f.PhysicalMin && f.LogicalMax > f.LogicalMin;
        if (scaled)
            return clamped; // a scaled range (CyberPower's minutes): stay inside it
        double v = value * Math.Pow(10, Hid.HidUnits.ExponentCorrection(f.Unit) - f.UnitExponent);
        return (long)Math.Round(v, MidpointRounding.AwayFromZero);
    }

    /// <summary>USB strings, fetched once each (battery chemistry, firmware).</summary>
    public string? GetString(int index)
    {
        if (!_strings.TryGetValue(index, out var s))
            _strings[index] = s = Device.GetString(index);
        return s;
    }

    public void Dispose() => Device.Dispose();
}
