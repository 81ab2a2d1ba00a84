using System.Globalization;
using Nut.Drivers.Host;
using Nut.Drivers.Qx.Protocols;
using Nut.Platform;

namespace Nut.Drivers.Qx;

/// <summary>
/// blazer_ser / blazer_usb on the Q* engine: NUT's older Megatec drivers, which old ups.conf files still name.
/// They differ from nutdrv_qx in what users see: four protocols tried by their status query alone, identity as
/// ups.mfr / ups.model, delays in ups.conf only (ondelay in minutes), every value re-read at every poll, the
/// device declared lost after a few failed polls, and their own messages.
/// </summary>
public sealed class BlazerSession
{
    /// <summary>Failed polls tolerated before the loss is logged; one more marks the data stale.</summary>
    public const int MaxTries = 3;

    static readonly (string Name, string Status, string Vendor)[] Protocols =
    [
        ("megatec", "Q1", "I"),
        ("mustek", "QS", "I"),
        ("megatec/old", "D", "I"),
        ("zinto", "Q1", "FW?"),
    ];

    readonly IQxPort _port;
    readonly DriverHostContext _host;
    QxEngine? _engine;
    int _failures;

    public BlazerSession(IQxPort port, DriverHostContext host)
    {
        _port = port;
        _host = host;
    }

    public QxEngine Engine => _engine ?? throw new InvalidOperationException("no device recognised yet");

    const string DeprecationNotice =
        "Please note that this driver is deprecated and will not receive\n"
        + "new development. If it works for managing your devices - fine,\n"
        + "but if you are running it to try setting up a new device, please\n"
        + "consider the newer nutdrv_qx instead, which should handle all 'Qx'\n"
        + "protocol variants for NUT. (Please also report if your device works\n"
        + "with this driver, but nutdrv_qx would not actually support it with\n"
        + "any subdriver!)\n";

    /// <summary>Start-up: the deprecation notice, protocol detection, ratings, identity, battery, delays, commands.</summary>
    public void InitInfo()
    {
        NutLog.Warning(DeprecationNotice);
        _engine = Detect();
        var state = _host.State;

        if (!_host.HasFlag("norating"))
            ReadStatic(QxItemsWith("F"), "Ratings", info: false);
        if (!_host.HasFlag("novendor"))
            ReadStatic(QxItemsWith(_vendorCommand), "Vendor information", info: true);

        InitBattery();

        long ondelay = CNumber.Strtol(_host.GetValue("ondelay") ?? "3");
        long offdelay = CNumber.Strtol(_host.GetValue("offdelay") ?? "30");
        state.SetInfo("ups.delay.start", (ondelay * 60).ToString(CultureInfo.InvariantCulture));
        state.SetInfo("ups.delay.shutdown", offdelay.ToString(CultureInfo.InvariantCulture));
        foreach (var item in _engine.Items)
            if (item.Has(QxFlags.Command))
                state.AddCommand(item.Name);
    }

    string _vendorCommand = "I";

    QxEngine Detect()
    {
        string? forced = _host.GetValue("protocol");
        foreach (var (name, status, vendor) in Protocols)
        {
            if (forced is not null && forced != name)
            {
                NutLog.Debug(2, $"Skipping {name} protocol...");
                continue;
            }
            NutLog.Debug(2, $"Trying {name} protocol...");
            var engine = new QxEngine(_port, new BlazerProtocol(status, vendor), _host, QxPersonality.BlazerSer);
            _engine = engine;
            for (int attempt = 1; attempt <= MaxTries; attempt++)
            {
                if (ReadStatus())
                {
                    NutLog.Debug(2, $"Status read in {attempt} tries");
                    NutLog.Info($"Supported UPS detected with {name} protocol");
                    _vendorCommand = vendor;
                    return engine;
                }
                NutLog.Debug(2, $"Status read {attempt} failed");
            }
        }
        throw new DriverFatalException("No supported UPS detected");
    }

    IEnumerable<QxItem> QxItemsWith(string command) => Engine.Items.Where(i => i.Command == command && i.Has(QxFlags.Static));

    /// <summary>Reads a group of static items, up to three tries; the values are published under blazer's names.</summary>
    void ReadStatic(IEnumerable<QxItem> items, string what, bool info)
    {
        var list = items.ToList();
        for (int attempt = 1; attempt <= MaxTries; attempt++)
        {
            Engine.ForgetAnswer();
            string? first = list.Count > 0 ? Engine.ReadValue(list[0]) : null;
            if (first is null)
            {
                NutLog.Debug(2, $"{what} read {attempt} failed");
                continue;
            }
            foreach (var item in list)
                if (Engine.ReadValue(item) is { } value)
                    Engine.Publish(item, value);
            string message = $"{what} read in {attempt} tries";
            if (info) NutLog.Info(message); else NutLog.Debug(2, message);
            return;
        }
        NutLog.Info($"{what} read failed");
    }

    /// <summary>One status line: every value, the status bits, ups.status committed at once.</summary>
    bool ReadStatus()
    {
        var engine = Engine;
        engine.ForgetAnswer();
        engine.Alarms.Clear(); // each status line says again which alarms are on
        foreach (var item in engine.Items)
        {
            if (item.Has(QxFlags.Static | QxFlags.Command | QxFlags.SetVar))
                continue;
            string? value = engine.ReadValue(item);
            if (value is null)
            {
                NutLog.Debug(2, "blazer_status: short reply");
                return false;
            }
            if (engine.Publish(item, value) == QxEngine.SetResult.Failed)
                return false;
        }
        engine.CommitStatus();
        return true;
    }

    void InitBattery()
    {
        var state = _host.State;
        double nominal = Number(state.GetInfo("battery.voltage.nominal"));
        double low = Number(_host.GetValue("default.battery.voltage.low") ?? state.GetInfo("battery.voltage.low"));
        double high = Number(_host.GetValue("default.battery.voltage.high") ?? state.GetInfo("battery.voltage.high"));
        if (nominal != -1 && (low == -1 || high == -1))
        {
            NutLog.Info("No values provided for battery high/low voltages in ups.conf\n");
            low = 104 * nominal / 120;
            high = 130 * nominal / 120;
            state.SetInfo("battery.voltage.low", CNumber.Fixed(low, 2));
            state.SetInfo("battery.voltage.high", CNumber.Fixed(high, 2));
            NutLog.Info($"Using 'guestimation' (low: {CNumber.Fixed(low, 6)}, high: {CNumber.Fixed(high, 6)})!");
        }
        Engine.Battery.Init(Engine, announce: false);
    }

    static double Number(string? s) => s is null ? -1 : CNumber.Strtod(s);

    /// <summary>Every poll reads the whole status line; after three failures the loss is logged, after four the data is stale.</summary>
    public void UpdateInfo()
    {
        if (ReadStatus())
        {
            Engine.Battery.Update(Engine);
            if (_failures > MaxTries)
                NutLog.Info("Communications with UPS re-established");
            _failures = 0;
            _host.State.DataOk();
            return;
        }
        _failures++;
        if (_failures < MaxTries + 1)
            NutLog.Debug(1, "Communications with UPS lost: status read failed!");
        else if (_failures == MaxTries + 1)
            NutLog.Warning("Communications with UPS lost: status read failed!");
        else
            _host.State.DataStale();
    }

    /// <summary>blazer's instant commands: test.battery.start takes minutes (1..99), messages in blazer's words.</summary>
    public int InstCmd(string name, string? parameter)
    {
        NutLog.Info($"instcmd({name}, {parameter ?? "[NULL]"})");
        string? command = name switch
        {
            "beeper.toggle" => "Q",
            "load.off" => "S00R0000",
            "load.on" or "shutdown.stop" => "C",
            "shutdown.return" => ShutdownReturn(),
            "shutdown.stayoff" => "S" + BlazerItems.ShutdownPart(EngineOrPlain()) + "R0000",
            "test.battery.start.deep" => "TL",
            "test.battery.start.quick" => "T",
            "test.battery.stop" => "CT",
            "test.battery.start" => "",
            _ => null,
        };
        if (command is null)
        {
            NutLog.Info($"instcmd: command [{name}] not found");
            return HandlerStatus.Unknown;
        }
        if (name == "test.battery.start")
        {
            long minutes = parameter is null ? 10 : CNumber.Strtol(parameter);
            if (minutes < 1 || minutes > 99)
            {
                NutLog.Info($"instcmd: command [{name}] failed, delay [{parameter}] out of range");
                return HandlerStatus.Failed;
            }
            command = "T" + minutes.ToString("00", CultureInfo.InvariantCulture);
        }
        string? answer = EngineOrPlain().Query(command);
        if (answer is not null && answer.TrimEnd('\r') == command)
        {
            NutLog.Info($"instcmd: command [{name}] failed");
            return HandlerStatus.Failed;
        }
        NutLog.Info($"instcmd: command [{name}] handled");
        return HandlerStatus.Handled;
    }

    QxEngine? _plain;

    /// <summary>-k runs without detection (blazer only opens the port), so commands may need an engine of their own.</summary>
    QxEngine EngineOrPlain() => _engine ?? (_plain ??= new QxEngine(_port, new BlazerProtocol("Q1", "I"), _host, QxPersonality.BlazerSer));

    string ShutdownReturn()
    {
        var engine = EngineOrPlain();
        long ondelay = CNumber.Strtol(_host.State.GetInfo("ups.delay.start") ?? "0") / 60;
        string s = "S" + BlazerItems.ShutdownPart(engine);
        return ondelay == 0 ? s : s + "R" + ondelay.ToString("0000", CultureInfo.InvariantCulture);
    }

    /// <summary>blazer has no SET handler at all.</summary>
    public int SetVar(string name, string value)
    {
        NutLog.Info("Got SET, but driver lacks a handler");
        return HandlerStatus.Unknown;
    }

    /// <summary>-k: cancel any pending shutdown, then shut down (three tries each), as nutdrv_qx does.</summary>
    public int Shutdown()
    {
        var state = _host.State;
        long ondelay = CNumber.Strtol(_host.GetValue("ondelay") ?? "3");
        long offdelay = CNumber.Strtol(_host.GetValue("offdelay") ?? "30");
        state.SetInfo("ups.delay.start", (ondelay * 60).ToString(CultureInfo.InvariantCulture));
        state.SetInfo("ups.delay.shutdown", offdelay.ToString(CultureInfo.InvariantCulture));
        bool cancelled = false;
        for (int i = 0; i < MaxTries && !cancelled; i++)
            cancelled = InstCmd("shutdown.stop", null) == HandlerStatus.Handled;
        if (!cancelled)
            NutLog.Info("No shutdown pending");
        string command = _host.HasFlag("stayoff") ? "shutdown.stayoff" : "shutdown.return";
        for (int i = 0; i < MaxTries; i++)
        {
            if (InstCmd(command, null) != HandlerStatus.Handled)
                continue;
            NutLog.Info($"Shutting down in {offdelay} seconds");
            return 0;
        }
        NutLog.Info("Shutdown failed!");
        return 1;
    }
}
