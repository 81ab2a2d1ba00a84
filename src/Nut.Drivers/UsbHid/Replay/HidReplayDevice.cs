using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;
using Nut.Platform;

namespace Nut.Drivers.UsbHid.Replay;

/// <summary>
/// A simulated USB HID UPS built from a report descriptor and recorded report values (<see cref="HidReportsFile"/>):
/// GET_REPORT(Feature) answers with the recorded bytes, fitted to the descriptor's report length; SET_REPORT
/// stores the bytes (and logs them in <see cref="SetReports"/>); the interrupt pipe delivers an input report
/// whenever its bytes changed since it was last delivered. A scenario changes values while a driver runs
/// (<see cref="SetValue"/>, <see cref="SetRaw"/>, <see cref="SetReportBytes"/>), or pulls the plug
/// (<see cref="Unplug"/>: every call answers <see cref="UsbError.NoDevice"/> until <see cref="Replug"/>, which also
/// gives the unit a new device number, as a real re-plug does). Thread-safe: the driver and the scenario run on
/// different threads. Dispose does nothing: the simulated unit outlives the driver's handles to it.
/// </summary>
public sealed class HidReplayDevice : IHidDevice
{
    /// <summary>Granularity of the built-in wait, so file edits are noticed while a read waits.</summary>
    const int WaitSliceMs = 200;

    readonly Lock _lock = new();
    readonly HidReportDescriptor _parsed;
    readonly Dictionary<byte, byte[]> _reports = [];
    readonly Dictionary<byte, HidReportKind> _kinds = [];
    readonly SortedDictionary<byte, byte[]> _lastDelivered = [];
    readonly List<byte[]> _setReports = [];
    readonly SemaphoreSlim _changed = new(0);
    readonly Action<int>? _wait;
    HidReportsFile _file;
    bool _unplugged;

    /// <summary>Counts changes (under the lock), so a waiting read knows whether a wake-up is news.</summary>
    long _version;
    int _deviceNumber = 1;

    /// <param name="descriptor">The report descriptor.</param>
    /// <param name="reports">The recorded values, IDs and strings.</param>
    /// <param name="wait">
    /// What <see cref="ReadInputReport"/> does when nothing changed: given the time-out, returns when it wishes
    /// (tests pass one that records the call and returns at once). Default: wait for a change or the time-out.
    /// </param>
    public HidReplayDevice(byte[] descriptor, HidReportsFile reports, Action<int>? wait = null)
    {
        ReportDescriptor = descriptor;
        _parsed = HidReportDescriptor.Parse(descriptor, out string? error);
        if (error is not null)
            NutLog.Debug(1, $"replay: report descriptor: {error}");
        _wait = wait;
        _file = reports;
        Apply(reports, initial: true);
    }

    /// <summary>Loads <c>model.hex</c> and its sibling <c>model.reports.txt</c>; null with an error naming file and line.</summary>
    public static HidReplayDevice? Load(string hexPath, out string? error, Action<int>? wait = null)
    {
        var descriptor = HidHexFile.Load(hexPath, out error);
        if (descriptor is null)
            return null;
        string reportsPath = HidReportsFile.PathFor(hexPath);
        var reports = HidReportsFile.Load(reportsPath, out error);
        if (reports is null)
            return null;
        return new HidReplayDevice(descriptor, reports, wait) { Watch = new ReportsFileWatch(reportsPath) };
    }

    /// <summary>When set, the values file is re-read whenever it changes (the replay transport sets it).</summary>
    public ReportsFileWatch? Watch { get; set; }

    /// <summary>Names for <see cref="SetValue"/> paths; add a subdriver's vendor names to use those.</summary>
    public HidUsageTable Usages { get; set; } = HidUsageTable.Standard;

    /// <summary>The parsed descriptor.</summary>
    public HidReportDescriptor Descriptor => _parsed;

    public byte[] ReportDescriptor { get; }

    public UsbDeviceInfo Info
    {
        get
        {
            lock (_lock)
            {
                return new UsbDeviceInfo(_file.VendorId ?? 0, _file.ProductId ?? 0,
                    StringAt(_file.ManufacturerIndex), StringAt(_file.ProductIndex), StringAt(_file.SerialIndex),
                    "001", _deviceNumber.ToString("000", System.Globalization.CultureInfo.InvariantCulture), "1");
            }
        }
    }

    /// <summary>False between <see cref="Unplug"/> and <see cref="Replug"/>.</summary>
    public bool IsPlugged
    {
        get { lock (_lock) return !_unplugged; }
    }

    /// <summary>Every SET_REPORT received, in order, exactly as sent (report ID first).</summary>
    public IReadOnlyList<byte[]> SetReports
    {
        get { lock (_lock) return [.. _setReports]; }
    }

    string? StringAt(int index) => index > 0 && _file.Strings.TryGetValue(index, out var s) ? s : null;

    /// <summary>Takes over a (re-read) values file: its reports replace the current bytes of the same IDs.</summary>
    public void Apply(HidReportsFile file)
    {
        lock (_lock)
            Apply(file, initial: false);
        Changed();
    }

    void Apply(HidReportsFile file, bool initial)
    {
        _file = file;
        foreach (var r in file.Reports)
        {
            _reports[r.Id] = r.Bytes;
            _kinds[r.Id] = (initial ? 0 : _kinds.GetValueOrDefault(r.Id)) | r.Kind;
        }
        // Input reports: those recorded as such, and those the descriptor declares Input and we have bytes for.
        foreach (byte id in _reports.Keys)
        {
            if ((_kinds[id] & HidReportKind.Input) == 0 && _parsed.ReportLength(HidReportType.Input, id) > 0)
                _kinds[id] |= HidReportKind.Input;
            if (initial && (_kinds[id] & HidReportKind.Input) != 0)
                _lastDelivered[id] = Fit(_reports[id], HidReportType.Input, id);
        }
    }

    /// <summary>Re-reads the values file if it changed; called under the lock.</summary>
    bool Refresh()
    {
        if (Watch?.Poll() is not { } file)
            return false;
        Apply(file, initial: false);
        return true;
    }

    /// <summary>The bytes padded with zeros or cut to the length the descriptor gives this report (as recorded if none).</summary>
    byte[] Fit(byte[] bytes, HidReportType type, byte id)
    {
        int length = _parsed.ReportLength(type, id);
        if (length <= 0 || length == bytes.Length)
            return (byte[])bytes.Clone();
        var fitted = new byte[length];
        bytes.AsSpan(0, Math.Min(length, bytes.Length)).CopyTo(fitted);
        return fitted;
    }

    public int GetFeatureReport(byte reportId, Span<byte> buffer)
    {
        lock (_lock)
        {
            Refresh();
            if (_unplugged)
                return UsbError.NoDevice;
            if (!_reports.TryGetValue(reportId, out var bytes)
                || ((_kinds[reportId] & HidReportKind.Feature) == 0 && _parsed.ReportLength(HidReportType.Feature, reportId) == 0))
                return UsbError.Pipe; // a real device stalls a request for a report it does not have
            var answer = Fit(bytes, HidReportType.Feature, reportId);
            int n = Math.Min(answer.Length, buffer.Length);
            answer.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
    }

    public int SetFeatureReport(ReadOnlySpan<byte> report)
    {
        lock (_lock)
        {
            Refresh();
            if (_unplugged)
                return UsbError.NoDevice;
            _setReports.Add(report.ToArray());
            if (report.Length == 0)
                return UsbError.InvalidParam;
            byte id = _parsed.UsesReportIds ? report[0] : (byte)0;
            if (_parsed.ReportLength(HidReportType.Feature, id) == 0)
                return UsbError.Pipe;
            _reports[id] = Fit(report.ToArray(), HidReportType.Feature, id);
            _kinds[id] = _kinds.GetValueOrDefault(id) | HidReportKind.Feature;
        }
        Changed();
        return report.Length;
    }

    public int ReadInputReport(Span<byte> buffer, int timeoutMs)
    {
        long seen;
        lock (_lock)
        {
            Refresh();
            if (_unplugged)
                return UsbError.NoDevice;
            if (TakeChange(buffer) is int n and >= 0)
                return n;
            seen = _version;
        }
        WaitForChange(timeoutMs, seen);
        lock (_lock)
        {
            Refresh();
            if (_unplugged)
                return UsbError.NoDevice;
            return TakeChange(buffer) is int n and >= 0 ? n : 0;
        }
    }

    /// <summary>The first input report whose bytes differ from what was last delivered (-1 when none); under the lock.</summary>
    int TakeChange(Span<byte> buffer)
    {
        foreach (var (id, bytes) in _reports.OrderBy(r => r.Key))
        {
            if ((_kinds[id] & HidReportKind.Input) == 0)
                continue;
            var now = Fit(bytes, HidReportType.Input, id);
            if (_lastDelivered.TryGetValue(id, out var last) && last.AsSpan().SequenceEqual(now))
                continue;
            _lastDelivered[id] = now;
            int n = Math.Min(now.Length, buffer.Length);
            now.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        return -1;
    }

    /// <summary>Waits until something changed after <paramref name="seen"/>, or the time-out.</summary>
    void WaitForChange(int timeoutMs, long seen)
    {
        if (_wait is not null)
        {
            _wait(timeoutMs);
            return;
        }
        var until = Environment.TickCount64 + Math.Max(0, timeoutMs);
        for (long left = timeoutMs; left > 0; left = until - Environment.TickCount64)
        {
            // A wake-up may be left over from a change the caller already saw: only a newer one ends the wait.
            _changed.Wait((int)Math.Min(left, WaitSliceMs));
            lock (_lock)
            {
                if (_version != seen || Refresh())
                    return;
            }
        }
    }

    public string? GetString(int index)
    {
        lock (_lock)
        {
            Refresh();
            return _unplugged ? null : StringAt(index);
        }
    }

    /// <summary>Sets a field, by usage path, to a physical value (converted as the driver will read it back).</summary>
    public void SetValue(string path, double value) => SetField(path, f => HidReportCodec.FromValue(f, value));

    /// <summary>Sets a field, by usage path, to a raw logical value.</summary>
    public void SetRaw(string path, long raw) => SetField(path, _ => raw);

    /// <summary>Replaces a whole report (ID byte first), as if the unit's state changed all at once.</summary>
    public void SetReportBytes(params byte[] report)
    {
        ArgumentOutOfRangeException.ThrowIfZero(report.Length);
        lock (_lock)
        {
            _reports[report[0]] = (byte[])report.Clone();
            if (!_kinds.ContainsKey(report[0]))
                _kinds[report[0]] = HidReportKind.Feature
                    | (_parsed.ReportLength(HidReportType.Input, report[0]) > 0 ? HidReportKind.Input : 0);
        }
        Changed();
    }

    /// <summary>The current physical value of a field (Feature declaration first), or null when it has none.</summary>
    public double? GetValue(string path)
    {
        lock (_lock)
        {
            var f = FieldsAt(path).First();
            return _reports.TryGetValue(f.ReportId, out var bytes) && HidReportCodec.TryReadRaw(f, bytes, out long raw)
                ? HidReportCodec.ToValue(f, raw) : null;
        }
    }

    /// <summary>The current raw logical value of a field, or null when it has none.</summary>
    public long? GetRaw(string path)
    {
        lock (_lock)
        {
            var f = FieldsAt(path).First();
            return _reports.TryGetValue(f.ReportId, out var bytes) && HidReportCodec.TryReadRaw(f, bytes, out long raw) ? raw : null;
        }
    }

    /// <summary>Pulls the plug: every call answers NoDevice, and a waiting read returns at once.</summary>
    public void Unplug()
    {
        lock (_lock)
            _unplugged = true;
        Changed();
    }

    /// <summary>Plugs the unit back in, under the next device number.</summary>
    public void Replug()
    {
        lock (_lock)
        {
            _unplugged = false;
            _deviceNumber++;
        }
        Changed();
    }

    /// <summary>The Feature and the Input declaration of a path (whichever exist), for writing both copies.</summary>
    List<HidField> FieldsAt(string path)
    {
        var nodes = Usages.ParsePath(path) ?? throw new ArgumentException($"replay: \"{path}\" is not a usage path this table knows", nameof(path));
        var fields = new List<HidField>();
        if (_parsed.Find(HidReportType.Feature, nodes) is { } feature)
            fields.Add(feature);
        if (_parsed.Find(HidReportType.Input, nodes) is { } input)
            fields.Add(input);
        return fields.Count > 0 ? fields
            : throw new ArgumentException($"replay: the descriptor has no field {path}", nameof(path));
    }

    void SetField(string path, Func<HidField, long> raw)
    {
        lock (_lock)
        {
            foreach (var f in FieldsAt(path))
            {
                int length = Math.Max(_parsed.ReportLength(HidReportType.Feature, f.ReportId), _parsed.ReportLength(HidReportType.Input, f.ReportId));
                var bytes = _reports.TryGetValue(f.ReportId, out var old) ? old : [];
                if (bytes.Length < length)
                {
                    var grown = new byte[length];
                    bytes.CopyTo(grown, 0);
                    bytes = grown;
                }
                else
                {
                    bytes = (byte[])bytes.Clone();
                }
                if (_parsed.UsesReportIds)
                    bytes[0] = f.ReportId;
                HidReportCodec.WriteRaw(f, bytes, raw(f));
                _reports[f.ReportId] = bytes;
                var kind = f.Type == HidReportType.Input ? HidReportKind.Input : HidReportKind.Feature;
                _kinds[f.ReportId] = _kinds.GetValueOrDefault(f.ReportId) | kind;
            }
        }
        Changed();
    }

    /// <summary>Tells a waiting read that something changed.</summary>
    void Changed()
    {
        lock (_lock)
            _version++;
        _changed.Release();
    }

    public void Dispose() { }
}
