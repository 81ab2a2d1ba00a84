using System.Globalization;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Qx;

/// <summary>
/// What Q* devices do not report, estimated as NUT does: battery.charge from the battery voltage between a low
/// and a high voltage (given, or guessed from the nominal voltage as 104/120 and 130/120 of it), and
/// battery.runtime from the <c>runtimecal</c> points (runtime at two loads), the charge time and the idle load,
/// integrated over time: on battery the estimate drains with the load, on line it refills over the charge time.
/// </summary>
public sealed class QxBattery
{
    /// <summary>Used when <c>chargetime</c> is not set: 12 hours.</summary>
    public const double DefaultChargeTimeSeconds = 43200;

    /// <summary>Used when <c>idleload</c> is not set: 10 % load.</summary>
    public const double DefaultIdleLoad = 0.1;

    double _nominal = -1, _low = -1, _high = -1;
    double _runtimeNominal = -1, _runtimeEstimate, _exponent;
    double _chargeTime = DefaultChargeTimeSeconds, _idleLoad = DefaultIdleLoad;
    double _loadFactor = 1;
    long _lastPoll;
    bool _estimateCharge, _estimateRuntime;

    /// <summary>Runs once after the start-up walk (NUT's qx_initbattery).</summary>
    /// <param name="engine">The engine whose state holds the battery values.</param>
    /// <param name="announce">nutdrv_qx guesses the voltage range and publishes a first charge here; blazer did the
    /// former itself and publishes the charge at its first poll.</param>
    public void Init(QxEngine engine, bool announce = true)
    {
        var state = engine.State;
        _estimateCharge = !state.Has("battery.charge");
        _estimateRuntime = !state.Has("battery.runtime");
        if (!_estimateCharge && !_estimateRuntime)
            return;

        _high = Number(state.GetInfo("battery.voltage.high"));
        _low = Number(state.GetInfo("battery.voltage.low"));
        _nominal = Number(state.GetInfo("battery.voltage.nominal"));

        if (announce && _nominal != -1 && (_low == -1 || _high == -1))
        {
            NutLog.Info("No values for battery high/low voltages");
            _low = 104 * _nominal / 120;
            _high = 130 * _nominal / 120;
            state.SetInfo("battery.voltage.low", CNumber.Fixed(_low, 2));
            state.SetInfo("battery.voltage.high", CNumber.Fixed(_high, 2));
            NutLog.Info($"Using 'guesstimation' (low: {CNumber.Fixed(_low, 6)}, high: {CNumber.Fixed(_high, 6)})!");
        }
        if (announce && _nominal == -1)
            NutLog.Info($"Can't autodetect number of battery packs [{CNumber.Fixed(_nominal, 0)}/{CNumber.Fixed(Number(state.GetInfo("battery.voltage")), 2)}]");

        if (announce && _estimateCharge)
            PublishChargeFromVoltage(state);

        string? runtimecal = engine.Host.GetValue("runtimecal");
        if (runtimecal is null)
        {
            NutLog.Info("Battery runtime will not be calculated (runtimecal not set)");
            return;
        }
        double[]? p = ParseRuntimeCal(runtimecal);
        if (p is null)
            throw new DriverFatalException("Parameter out of range (runtimecal)");
        _exponent = Math.Log(p[0] / p[2]) / Math.Log(p[3] / p[1]);
        NutLog.Debug(2, $"qx_initbattery: battery runtime exponent: {CNumber.Fixed(_exponent, 3)}");
        _runtimeNominal = p[0] * Math.Pow(p[1] / 100, _exponent);
        NutLog.Debug(2, $"qx_initbattery: battery runtime nominal: {CNumber.Fixed(_runtimeNominal, 1)}");
        double charge = state.GetInfo("battery.charge") is { } c ? CNumber.Strtod(c) : 100;
        _runtimeEstimate = _runtimeNominal * charge / 100;
        NutLog.Debug(2, $"qx_initbattery: battery runtime estimate: {CNumber.Fixed(_runtimeEstimate, 1)}");

        if (engine.Host.GetValue("chargetime") is { } ct)
        {
            _chargeTime = CNumber.Strtod(ct);
            NutLog.Debug(2, $"qx_initbattery: battery charge time: {(long)_chargeTime}");
        }
        if (engine.Host.GetValue("idleload") is { } idle)
        {
            _idleLoad = CNumber.Strtod(idle) / 100;
            NutLog.Debug(2, $"qx_initbattery: minimum load used (idle): {CNumber.Fixed(_idleLoad, 3)}");
        }
        else
        {
            NutLog.Info($"No idle load specified, using built in default [{CNumber.Fixed(100 * _idleLoad, 1)} %]");
        }
        _lastPoll = engine.NowSeconds();
    }

    /// <summary>"r1,l1,r2,l2": runtime r1 (s) at load l1 (%) and r2 at l2; all positive, distinct points.</summary>
    static double[]? ParseRuntimeCal(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 4)
            return null;
        var values = new double[4];
        for (int i = 0; i < 4; i++)
        {
            values[i] = CNumber.Strtod(parts[i], out int used);
            if (used == 0 || values[i] <= 0)
                return null;
        }
        return values[0] == values[2] || values[1] == values[3] ? null : values;
    }

    /// <summary>Runs after every full poll (NUT's qx_battery).</summary>
    public void Update(QxEngine engine)
    {
        var state = engine.State;
        if (!_estimateRuntime || _runtimeNominal == -1)
        {
            if (_estimateCharge)
                PublishChargeFromVoltage(state);
            return;
        }
        long now = engine.NowSeconds();
        double elapsed = now - _lastPoll;
        if (engine.Status.Has("OL"))
        {
            _runtimeEstimate += _runtimeNominal * elapsed / _chargeTime;
            if (_runtimeEstimate > _runtimeNominal) _runtimeEstimate = _runtimeNominal;
        }
        else
        {
            _runtimeEstimate -= _loadFactor * elapsed;
            if (_runtimeEstimate < 0) _runtimeEstimate = 0;
        }
        double load = Number(state.GetInfo("ups.load"));
        load = load < 0 ? _idleLoad : Math.Max(load / 100, _idleLoad);
        _loadFactor = Math.Pow(load, _exponent);
        if (_estimateCharge)
            state.SetInfo("battery.charge", CNumber.Fixed(100 * _runtimeEstimate / _runtimeNominal, 0));
        state.SetInfo("battery.runtime", CNumber.Fixed(_runtimeEstimate / _loadFactor, 0));
        _lastPoll = now;
    }

    void PublishChargeFromVoltage(DriverState state)
    {
        double voltage = Number(state.GetInfo("battery.voltage"));
        if (voltage == -1 || _low == -1 || _high == -1 || _high <= _low)
            return;
        double charge = Math.Clamp(100 * (voltage - _low) / (_high - _low), 0, 100);
        state.SetInfo("battery.charge", CNumber.Fixed(charge, 0));
    }

    static double Number(string? text) => text is null ? -1 : CNumber.Strtod(text);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"battery {_low}..{_high} V (nominal {_nominal}), runtime {_runtimeEstimate}/{_runtimeNominal}");
}
