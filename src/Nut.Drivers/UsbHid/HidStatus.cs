using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.UsbHid;

/// <summary>The status conditions usbhid-ups keeps, one per HID status usage (NUT's STATUS(...) bits).</summary>
[Flags]
public enum HidStatusFlag
{
    None = 0,
    Online = 1 << 0, Discharging = 1 << 1, Charging = 1 << 2, LowBattery = 1 << 3, Overload = 1 << 4,
    ReplaceBattery = 1 << 5, ShutdownImminent = 1 << 6, Trim = 1 << 7, Boost = 1 << 8, BypassAuto = 1 << 9,
    BypassManual = 1 << 10, Off = 1 << 11, Calibrating = 1 << 12, OverHeat = 1 << 13, CommFault = 1 << 14,
    Depleted = 1 << 15, TimeLimitExpired = 1 << 16, FullyCharged = 1 << 17, AwaitingPower = 1 << 18,
    FanFailure = 1 << 19, NoBattery = 1 << 20, BattVoltLow = 1 << 21, BattVoltHigh = 1 << 22,
    ChargerFailure = 1 << 23, VoltageRange = 1 << 24, FrequencyRange = 1 << 25,
}

/// <summary>
/// The status bits as the device last reported them, and their combination into <c>ups.status</c>,
/// <c>ups.alarm</c> and <c>input.transfer.reason</c> (testdata/hid/FACTS.md §4, NUT 2.8.0's ups_status_set and
/// ups_alarm_set).
/// </summary>
public sealed class HidStatus
{
    HidStatusFlag _flags;
    // Whether any entry ever reported ACPresent (online or offline): without one NUT infers OB from discharging.
    bool _onlineKnown;
    long _lastOlDischrgWarning = long.MinValue;

    public HidStatusFlag Flags => _flags;

    /// <summary>Treat OL+DISCHRG as OB (the <c>onlinedischarge</c> flag).</summary>
    public bool OnlineDischarge { get; init; }

    /// <summary>Treat OL+DISCHRG as a calibration (OL DISCHRG CAL; the NUT 2.8.1 <c>onlinedischarge_calibration</c> flag).</summary>
    public bool OnlineDischargeCalibration { get; init; }

    /// <summary>Records one status usage's value.</summary>
    public void Apply(HidInfo entry, double value)
    {
        bool set;
        if (entry.StatusOf is { } map)
        {
            if (map(value) is not { } mapped) return;
            set = mapped;
        }
        else
            set = (value != 0) != entry.Inverted;
        if (entry.Status == HidStatusFlag.Online)
            _onlineKnown = true;
        Set(entry.Status, set);
    }

    public void Set(HidStatusFlag flag, bool on) => _flags = on ? _flags | flag : _flags & ~flag;

    public bool Has(HidStatusFlag flag) => (_flags & flag) != 0;

    /// <summary>Publishes ups.status (and input.transfer.reason).</summary>
    public void Commit(DriverState state, string upsName, long nowSeconds)
    {
        if (Has(HidStatusFlag.VoltageRange))
            state.SetInfo("input.transfer.reason", "input voltage out of range");
        else if (Has(HidStatusFlag.FrequencyRange))
            state.SetInfo("input.transfer.reason", "input frequency out of range");
        else
            state.DelInfo("input.transfer.reason");

        state.StatusInit();
        bool discharging = Has(HidStatusFlag.Discharging);
        bool calibrating = Has(HidStatusFlag.Calibrating);
        if (_onlineKnown && !Has(HidStatusFlag.Online))
            state.StatusSet("OB");
        else if (!_onlineKnown && discharging)
            state.StatusSet("OB");
        else if (discharging)
        {
            if (OnlineDischargeCalibration)
            {
                state.StatusSet("OL");
                calibrating = true;
            }
            else if (OnlineDischarge)
                state.StatusSet("OB");
            else
            {
                state.StatusSet("OL");
                // NUT warns about this state (self tests, or UT-series units that never clear ACPresent) at most
                // once a minute.
                if (nowSeconds - _lastOlDischrgWarning >= 60)
                {
                    _lastOlDischrgWarning = nowSeconds;
                    NutLog.Warning($"upsdrv_updateinfo: seems that UPS [{upsName}] is in OL+DISCHRG state now. Is it calibrating or do you perhaps want to set 'onlinedischarge' option? Some UPS models (e.g. CyberPower UT series) emit OL+DISCHRG when offline.");
                }
            }
        }
        else if (_onlineKnown)
            state.StatusSet("OL");

        if (discharging && !Has(HidStatusFlag.Depleted))
            state.StatusSet("DISCHRG");
        // NUT 2.8.0 shows CHRG whenever the unit says it charges (Eaton 5SC at 100 % reads "OL CHRG").
        if (Has(HidStatusFlag.Charging))
            state.StatusSet("CHRG");
        if ((_flags & (HidStatusFlag.LowBattery | HidStatusFlag.TimeLimitExpired | HidStatusFlag.ShutdownImminent)) != 0)
            state.StatusSet("LB");
        if (Has(HidStatusFlag.Overload))
            state.StatusSet("OVER");
        if (Has(HidStatusFlag.ReplaceBattery))
            state.StatusSet("RB");
        if (Has(HidStatusFlag.Trim))
            state.StatusSet("TRIM");
        if (Has(HidStatusFlag.Boost))
            state.StatusSet("BOOST");
        if ((_flags & (HidStatusFlag.BypassAuto | HidStatusFlag.BypassManual)) != 0)
            state.StatusSet("BYPASS");
        if (Has(HidStatusFlag.Off))
            state.StatusSet("OFF");
        if (calibrating)
            state.StatusSet("CAL");
        state.StatusCommit();
    }

    /// <summary>Publishes ups.alarm from the alarm conditions (only on full polls, as NUT).</summary>
    public void CommitAlarms(DriverState state)
    {
        state.AlarmInit();
        (HidStatusFlag Flag, string Text)[] alarms =
        [
            (HidStatusFlag.ReplaceBattery, "Replace battery!"),
            (HidStatusFlag.ShutdownImminent, "Shutdown imminent!"),
            (HidStatusFlag.FanFailure, "Fan failure!"),
            (HidStatusFlag.NoBattery, "No battery installed!"),
            (HidStatusFlag.BattVoltLow, "Battery voltage too low!"),
            (HidStatusFlag.BattVoltHigh, "Battery voltage too high!"),
            (HidStatusFlag.ChargerFailure, "Battery charger fail!"),
            (HidStatusFlag.OverHeat, "Temperature too high!"),
            (HidStatusFlag.CommFault, "Internal UPS fault!"),
            (HidStatusFlag.AwaitingPower, "Awaiting power!"),
            (HidStatusFlag.BypassAuto, "Automatic bypass mode!"),
            (HidStatusFlag.BypassManual, "Manual bypass mode!"),
        ];
        foreach (var (flag, text) in alarms)
            if (Has(flag))
                state.AlarmSet(text);
        state.AlarmCommit();
    }
}
