using System.Globalization;
using Nut.Core.State;
using Nut.Drivers.Host;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;
using Nut.Platform;

namespace Nut.Drivers.UsbHid;

/// <summary>Which entries a walk reads (NUT's HU_WALKMODE_*).</summary>
public enum WalkMode { Init, Quick, Full }

public sealed partial class UsbHidDriver
{
    /// <summary>
    /// Reads the entries the mode asks for and publishes them. Each report is fetched once per walk. Returns false
    /// when the device went away (the state is then stale and the next update tries to re-open it).
    /// </summary>
    bool Walk(DriverHostContext host, WalkMode mode)
    {
        var session = _session!;
        var state = host.State;
        session.NewPoll();
        foreach (var (e, field) in _items)
        {
            if (e.IsCommand)
                continue;
            if ((e.Flags & HidInfoFlags.Absent) != 0)
            {
                if (mode == WalkMode.Init)
                    PublishAbsent(state, e);
                continue;
            }
            switch (mode)
            {
                case WalkMode.Quick when (e.Flags & HidInfoFlags.QuickPoll) == 0:
                    continue;
                case WalkMode.Full when (e.Flags & HidInfoFlags.Static) != 0:
                    continue;
                // Semi-static values only change when we changed them (SET VAR, a command).
                case WalkMode.Full when (e.Flags & HidInfoFlags.SemiStatic) != 0 && !_dataChanged:
                    continue;
            }
            if (!session.TryRead(field, out double value))
            {
                if (session.Lost)
                {
                    Lost(host);
                    return false;
                }
                continue;
            }
            Apply(state, e, value);
            if (mode == WalkMode.Init && !e.IsStatus && (e.Flags & HidInfoFlags.Rw) != 0)
            {
                state.SetFlags(e.Name, VariableFlags.ReadWrite | VariableFlags.String);
                state.SetAux(e.Name, e.StringLength);
            }
        }
        return true;
    }

    void PublishAbsent(DriverState state, HidInfo e)
    {
        string value = e.Format switch
        {
            "offdelay" => _offDelay.ToString(CultureInfo.InvariantCulture),
            "ondelay" => _onDelay.ToString(CultureInfo.InvariantCulture),
            _ => e.Format,
        };
        if (state.GetInfo(e.Name) is null)
            state.SetInfo(e.Name, value);
        state.SetFlags(e.Name, VariableFlags.ReadWrite | VariableFlags.String);
        state.SetAux(e.Name, e.StringLength);
    }

    /// <summary>Publishes one value (or records one status bit).</summary>
    void Apply(DriverState state, HidInfo e, double value)
    {
        if (e.IsStatus)
        {
            _status.Apply(e, value);
            return;
        }
        value = _subdriver!.AdjustValue(_deviceInfo!, e, value);
        string? text = e.Lookup is { } lookup ? lookup.ToNut(value, _session!) : HidLookups.Format(e.Format, value);
        if (text is null)
        {
            NutLog.Debug(5, $"hu_find_infoval: no matching INFO_* value for this HID value ({value.ToString(CultureInfo.InvariantCulture)})");
            return;
        }
        state.SetInfo(e.Name, text);
    }

    /// <summary>
    /// Reads what the interrupt pipe has (fast events: a power failure shows at once) and applies every input
    /// field of each report received. Returns false when the device went away.
    /// </summary>
    bool ReadInterrupts(DriverHostContext host)
    {
        var session = _session!;
        var buffer = new byte[_interruptSize > 0 ? _interruptSize : 64];
        for (int i = 0; i < MaxEventsPerUpdate; i++)
        {
            int n = session.Device.ReadInputReport(buffer, i == 0 ? InterruptTimeoutMs : 0);
            if (n == 0 || n == UsbError.Timeout)
                break;
            if (n < 0)
            {
                if (n is UsbError.NoDevice or UsbError.Io or UsbError.Busy or UsbError.Access)
                {
                    if (n == UsbError.Busy)
                        NutLog.Critical("Got disconnected by another driver");
                    Lost(host);
                    return false;
                }
                NutLog.Debug(1, $"Error while reading the interrupt pipe: {UsbError.Describe(n)}");
                break;
            }
            ApplyInputReport(host.State, buffer.AsSpan(0, n));
        }
        return true;
    }

    const int MaxEventsPerUpdate = 16;

    void ApplyInputReport(DriverState state, ReadOnlySpan<byte> report)
    {
        var session = _session!;
        byte id = session.Descriptor.UsesReportIds && report.Length > 0 ? report[0] : (byte)0;
        NutLog.Debug(3, $"Got interrupt report 0x{id:x2} ({report.Length} bytes)");
        foreach (var f in session.Fields)
        {
            if (f.Type != HidReportType.Input || f.ReportId != id)
                continue;
            if (!_byPath.TryGetValue(session.Usages.FormatPath(f.Path), out var entries))
                continue;
            if (!HidReportCodec.TryReadRaw(f, report, out long raw))
                continue;
            double value = HidReportCodec.ToValue(f, raw);
            foreach (var (e, _) in entries)
                if (!e.IsCommand && (e.Flags & HidInfoFlags.Absent) == 0)
                    Apply(state, e, value);
        }
    }

    /// <summary>The device answered as if unplugged: stale data, close, re-open at the next updates (NUT's hd = NULL).</summary>
    void Lost(DriverHostContext host)
    {
        NutLog.Debug(1, $"Device lost: {UsbError.Describe(_session?.LastError is int e && e != 0 ? e : UsbError.NoDevice)}");
        host.State.DataStale();
        _session?.Dispose();
        _session = null;
        _needsReconnect = true;
    }

    /// <summary>
    /// Re-opens the same unit (same IDs, strings and bus; the device number may change) and reads everything again.
    /// </summary>
    bool Reconnect(DriverHostContext host)
    {
        NutLog.Debug(1, "Got to reconnect!");
        NutLog.Debug(4, "= device has been disconnected, try to reconnect =");
        var previous = _deviceInfo!;
        var transports = _transports ?? UsbHidOpener.TransportsFor(host.Port);
        IHidDevice? device;
        try
        {
            (device, _transport) = UsbHidOpener.Open(transports, d => UsbMatcher.SameDevice(d, previous) && _matcher!.Matches(d));
        }
        catch (DriverFatalException e)
        {
            NutLog.Debug(1, $"Reconnect failed: {e.Message}");
            device = null;
        }
        if (device is null)
        {
            NutLog.Debug(1, "Reconnect failed");
            host.State.DataStale();
            return false;
        }
        _session = OpenSession(device, host);
        if (_session is null)
        {
            host.State.DataStale();
            return false;
        }
        _deviceInfo = device.Info;
        ResolveTable();
        _needsReconnect = false;
        if (!Walk(host, WalkMode.Init))
            return false;
        NutLog.Info("Communications with the UPS re-established");
        _lastFullPoll = NowSeconds(host);
        _status.CommitAlarms(host.State);
        return true;
    }
}
