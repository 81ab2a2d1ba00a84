using System.Globalization;
using System.Text.RegularExpressions;
using Nut.Drivers.Host;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;
using Nut.Drivers.UsbHid.Subdrivers;
using Nut.Platform;

namespace Nut.Drivers.UsbHid;

/// <summary>
/// usbhid-ups (NUT 2.8.0, "Generic HID driver 0.47"): USB HID Power Device UPSes. Opens the device through
/// hidraw, libusb or the replay simulator, picks the vendor subdriver by vendor/product ID, resolves the
/// subdriver's usage-path table against the report descriptor, then polls: a full read of every mapped feature
/// value each <c>pollfreq</c> seconds, a quick read of status and timers at every update in between, and input
/// reports from the interrupt pipe applied as they come. A device that disappears is marked stale and re-opened
/// at the following updates; everything is republished when it returns.
/// </summary>
public sealed partial class UsbHidDriver : IUpsDriver
{
    readonly IReadOnlyList<IHidTransport>? _transports;
    HidSubdriver? _subdriver;
    HidDeviceSession? _session;
    IHidTransport? _transport;
    UsbDeviceInfo? _deviceInfo;
    UsbMatcher? _matcher;
    Regex? _forcedSubdriver;
    HidStatus _status = new();
    // The table entries the device has, in table order (after start-up's "first entry of a name wins").
    List<(HidInfo Entry, HidField Field)> _items = [];
    Dictionary<string, List<(HidInfo Entry, HidField Field)>> _byPath = [];
    int _pollFreq = UsbHidSettings.DefaultPollFreq;
    int _offDelay = UsbHidSettings.DefaultOffDelay, _onDelay = UsbHidSettings.DefaultOnDelay;
    int _interruptSize;
    bool _useInterrupt = true, _interruptOnly;
    bool _dataChanged;
    bool _needsReconnect;
    long _lastFullPoll = long.MinValue;

    /// <param name="transports">How to reach devices (tests pass a replay transport); null = from <c>port</c>.</param>
    public UsbHidDriver(IReadOnlyList<IHidTransport>? transports = null) => _transports = transports;

    public static int Run(string[] args) => DriverHost.Run(new UsbHidDriver(), args);

    public DriverInfo Info { get; } = new("usbhid-ups", "Generic HID driver", "0.47");

    public IReadOnlyList<DriverSetting> Settings => UsbHidSettings.All;

    public string? SubDriverBanner => UsbCommDriver.Banner;

    /// <summary>How long one interrupt-pipe read may wait (NUT waits 250 ms); tests shorten it.</summary>
    public int InterruptTimeoutMs { get; set; } = 250;

    /// <summary>The subdriver in use (after <see cref="InitUps"/>).</summary>
    public HidSubdriver? Subdriver => _subdriver;

    /// <summary>The opened device (null while unplugged).</summary>
    public IHidDevice? Device => _session?.Device;

    public void InitUps(DriverHostContext host)
    {
        ReadOptions(host);
        var transports = _transports ?? UsbHidOpener.TransportsFor(host.Port);
        var subdrivers = HidSubdrivers.Create(host.HasFlag("explore"));
        HidSubdriver? chosen = null;
        bool productIdGiven = host.GetValue("productid") is not null;
        bool Match(UsbDeviceInfo d)
        {
            if (!_matcher!.Matches(d)) return false;
            chosen = HidSubdrivers.Choose(subdrivers, d, productIdGiven, _forcedSubdriver, NutLog.Info);
            if (chosen is null)
                NutLog.Debug(2, $"{d}: failed to match a subdriver to vendor and/or product ID");
            return chosen is not null;
        }
        var (device, transport) = UsbHidOpener.Open(transports, Match);
        if (device is null || chosen is null)
            throw new DriverFatalException("No matching HID UPS found");
        _transport = transport;
        _subdriver = chosen;
        NutLog.Info($"Using subdriver: {chosen.Name}");
        if (host.GetValue("record") is { } recordPath)
            Record(device, recordPath, chosen);
        _session = OpenSession(device, host) ?? throw new DriverFatalException("No matching HID UPS found");
        _deviceInfo = device.Info;
        // Checked once the device is open, as NUT does.
        if (_interruptSize == 0 || _interruptSize < -1)
            throw new DriverFatalException($"Error: invalid interruptsize: {_interruptSize}");
        if (!_subdriver.UsesInterruptPipe(_deviceInfo) && _useInterrupt && !_interruptOnly)
        {
            NutLog.Info("interrupt pipe disabled (add 'pollonly' flag to 'ups.conf' to get rid of this message)");
            _useInterrupt = false;
        }
        ResolveTable();
    }

    void ReadOptions(DriverHostContext host)
    {
        // NUT 2.8.0 takes pollfreq as atoi gives it (0 or less: a full poll at every update).
        _pollFreq = IntOption(host, "pollfreq", UsbHidSettings.DefaultPollFreq);
        _offDelay = IntOption(host, "offdelay", UsbHidSettings.DefaultOffDelay);
        _onDelay = IntOption(host, "ondelay", UsbHidSettings.DefaultOnDelay);
        _useInterrupt = !host.HasFlag("pollonly");
        _interruptOnly = host.HasFlag("interruptonly");
        _interruptSize = host.GetValue("interruptsize") is null ? -1 : IntOption(host, "interruptsize", 0);
        if (host.HasFlag("explore") && host.GetValue("vendorid") is null)
            throw new DriverFatalException("must specify \"vendorid\" when using \"explore\"");
        // NUT 2.8.0 prints "(null)" where the expression should be (its error text is never filled in); we
        // print the same line and name the expression in the debug log.
        _matcher = UsbMatcher.Create(host.GetValue, out string? invalid);
        if (_matcher is null)
        {
            NutLog.Debug(1, $"invalid regular expression: {invalid}");
            throw new DriverFatalException("invalid regular expression: (null)");
        }
        if (host.GetValue("subdriver") is { } sd)
        {
            try
            {
                _forcedSubdriver = new Regex(sd, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                throw new DriverFatalException($"invalid regular expression: {sd}");
            }
        }
        _status = new HidStatus { OnlineDischarge = host.HasFlag("onlinedischarge"), OnlineDischargeCalibration = host.HasFlag("onlinedischarge_calibration") };
    }

    // NUT reads these with atoi: leading number, 0 when none.
    static int IntOption(DriverHostContext host, string name, int fallback)
    {
        string? v = host.GetValue(name);
        if (v is null) return fallback;
        return (int)Nut.Drivers.Qx.CNumber.Strtol(v);
    }

    /// <summary>Parses the descriptor, checks it describes a power device, applies the subdriver's fixes.</summary>
    HidDeviceSession? OpenSession(IHidDevice device, DriverHostContext host)
    {
        var descriptor = HidReportDescriptor.Parse(device.ReportDescriptor, out string? error);
        if (error is not null && descriptor.Fields.Count == 0)
        {
            NutLog.Error("Failed to parse report descriptor!");
            NutLog.Debug(1, error);
            device.Dispose();
            throw new DriverFatalException("Failed to parse report descriptor!");
        }
        // Megatec-over-USB bridges (0665:5161, 06da:0002...) share IDs with real HID units but describe no power
        // device usages: those belong to nutdrv_qx / blazer_usb.
        if (!descriptor.Fields.Any(f => f.Path.Any(n => (n >> 16) is 0x84 or 0x85)))
        {
            NutLog.Error($"{device.Info}: the report descriptor has no Power Device or Battery System usage (a serial-over-USB bridge?); try the nutdrv_qx driver");
            device.Dispose();
            return null;
        }
        var usages = HidUsageTable.Standard.With(_subdriver!.VendorUsages);
        var fields = _subdriver.FixDescriptor(device.Info, descriptor.Fields, usages, host.HasFlag("disable_fix_report_desc"));
        return new HidDeviceSession(device, descriptor, fields, usages);
    }

    public bool RunsOnce(IReadOnlyDictionary<string, string> values) => values.ContainsKey("record");

    void Record(IHidDevice device, string path, HidSubdriver subdriver)
    {
        int n = Replay.HidRecorder.Write(device, path, HidUsageTable.Standard.With(subdriver.VendorUsages));
        device.Dispose();
        throw new DriverFatalException($"Recorded {n} reports of {device.Info} to {path} and {Replay.HidReportsFile.PathFor(path)}", 0);
    }

    /// <summary>
    /// Keeps the entries whose path the device has: every status bit and command, and for a variable the first
    /// entry that resolves (NUT's order of preference). Explore publishes every feature path instead.
    /// </summary>
    void ResolveTable()
    {
        var items = new List<(HidInfo, HidField)>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<HidInfo> table = _subdriver is ExploreHid ? ExploreTable() : _subdriver!.Table;
        foreach (var e in table)
        {
            if (!_subdriver!.Accepts(_deviceInfo!, e) || _session!.FindFeature(e.Path) is not { } field)
                continue;
            if (!e.IsStatus && !taken.Add((e.IsCommand ? "cmd:" : "var:") + e.Name))
                continue;
            items.Add((e, field));
        }
        _items = items;
        _byPath = [];
        foreach (var item in items)
        {
            if (!_byPath.TryGetValue(item.Item1.Path, out var list))
                _byPath[item.Item1.Path] = list = [];
            list.Add(item);
        }
    }

    IEnumerable<HidInfo> ExploreTable() =>
        _session!.FeaturePaths.Select(p => HidInfo.Var(p, p, "%.2f"));

    public void InitInfo(DriverHostContext host)
    {
        var state = host.State;
        var d = _deviceInfo!;
        state.SetInfo("ups.vendorid", d.VendorId.ToString("x4", CultureInfo.InvariantCulture));
        state.SetInfo("ups.productid", d.ProductId.ToString("x4", CultureInfo.InvariantCulture));
        if (_subdriver!.FormatManufacturer(d) is { } mfr) state.SetInfo("ups.mfr", mfr);
        if (_subdriver.FormatModel(d) is { } model) state.SetInfo("ups.model", model);
        if (_subdriver.FormatSerial(d) is { } serial) state.SetInfo("ups.serial", serial);
        foreach (var (name, value) in _subdriver.ModelExtras(d))
            state.SetInfo(name, value);
        state.SetInfo("driver.version.data", _subdriver.Name);
        state.SetInfo("driver.version.usb", _transport?.Name ?? "unknown");
        state.SetInfo("driver.parameter.pollfreq", _pollFreq.ToString(CultureInfo.InvariantCulture));
        if (!Walk(host, WalkMode.Init))
            throw new DriverFatalException("Can't initialize data from HID UPS");
        AddCommands(state);
        _lastFullPoll = NowSeconds(host);
        _status.Commit(state, host.UpsName, NowSeconds(host));
        _status.CommitAlarms(state);
    }

    void AddCommands(DriverState state)
    {
        foreach (var (e, _) in _items)
            if (e.IsCommand)
                state.AddCommand(e.Name);
        // The commands NUT composes from the delays when the table has no entry of their own.
        bool off = HasCommand("load.off.delay"), on = HasCommand("load.on.delay");
        if (off) state.AddCommand("load.off");
        if (on) state.AddCommand("load.on");
        if (off && on)
        {
            state.AddCommand("shutdown.return");
            state.AddCommand("shutdown.stayoff");
        }
    }

    bool HasCommand(string name) => FindItem(name, command: true) is not null;

    (HidInfo Entry, HidField Field)? FindItem(string name, bool command)
    {
        foreach (var item in _items)
            if (item.Entry.Name == name && item.Entry.IsCommand == command && !item.Entry.IsStatus)
                return item;
        return null;
    }

    static long NowSeconds(DriverHostContext host) => host.Clock.GetUtcNow().ToUnixTimeSeconds();

    public void UpdateInfo(DriverHostContext host)
    {
        var state = host.State;
        if (_needsReconnect && !Reconnect(host))
            return;
        long now = NowSeconds(host);
        if (_useInterrupt && !ReadInterrupts(host))
            return;
        bool full = !_interruptOnly && (now - _lastFullPoll >= _pollFreq || _dataChanged);
        if (full)
        {
            NutLog.Debug(1, "Full update...");
            if (!Walk(host, WalkMode.Full))
                return;
            _lastFullPoll = now;
            _dataChanged = false;
            _status.CommitAlarms(state);
        }
        else if (!_interruptOnly)
        {
            NutLog.Debug(1, "Quick update...");
            if (!Walk(host, WalkMode.Quick))
                return;
        }
        _status.Commit(state, host.UpsName, now);
        state.DataOk();
    }

    public void Cleanup(DriverHostContext host)
    {
        _session?.Dispose();
        _session = null;
    }
}
