using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Qx;

/// <summary>
/// nutdrv_qx (spec/drivers.md §5; testdata/serial/megatec.md): finds which Q* protocol the device speaks (or uses
/// <c>protocol=</c>), reads everything once, then polls the status every poll interval and everything every
/// <c>pollfreq</c> seconds. A device that stops answering goes stale at the next full poll and comes back by
/// itself when it answers again.
/// </summary>
public sealed class QxDriver : IUpsDriver
{
    /// <summary>How often a protocol's recognition is tried before the next protocol is.</summary>
    public const int ClaimTries = 3;

    /// <summary>Default seconds between full polls.</summary>
    public const int DefaultPollFreq = 30;

    readonly QxPersonality _personality;
    readonly Func<DriverHostContext, IQxPort>? _portFactory;
    Nut.Drivers.Usb.IUsbBus? _usbBus;
    int? _altSetting;
    IQxPort? _port;
    QxEngine? _engine;
    BlazerSession? _blazer;
    long _lastFullPoll;
    int _pollFreq = DefaultPollFreq;
    bool _stale;

    /// <param name="personality">nutdrv_qx, blazer_ser or blazer_usb.</param>
    /// <param name="portFactory">Opens the device (tests pass a fake); null = serial or USB from the configuration.</param>
    /// <param name="usbBus">The USB bus (tests pass a fake); null = libusb.</param>
    public QxDriver(QxPersonality personality, Func<DriverHostContext, IQxPort>? portFactory = null, Nut.Drivers.Usb.IUsbBus? usbBus = null)
    {
        _personality = personality;
        _portFactory = portFactory;
        _usbBus = usbBus;
    }

    public DriverInfo Info => _personality.Info;
    public IReadOnlyList<DriverSetting> Settings => _personality.Settings;

    // NUT's upsdrv_help and sub-driver banner: nutdrv_qx and blazer_usb list their USB subdrivers, blazer_ser only
    // names its manual page; only nutdrv_qx announces the libusb layer (see UsbCommDriver).
    public string? HelpAppendix => _personality.Link switch
    {
        QxLink.Serial => $"Read The Fine Manual ('man 8 {Info.ProgramName}')\n",
        _ => Usb.QxUsbSubdrivers.HelpText(_personality.Blazer ? Usb.QxUsbSubdrivers.BlazerUsbNames : Usb.QxUsbSubdrivers.NutdrvQxNames, Info.ProgramName),
    };

    public string? SubDriverBanner => _personality.Link == QxLink.Auto ? Nut.Drivers.Usb.UsbCommDriver.Banner : null;

    public static int RunNutdrvQx(string[] args) => DriverHost.Run(new QxDriver(QxPersonality.NutdrvQx), args);
    public static int RunBlazerSer(string[] args) => DriverHost.Run(new QxDriver(QxPersonality.BlazerSer), args);
    public static int RunBlazerUsb(string[] args) => DriverHost.Run(new QxDriver(QxPersonality.BlazerUsb), args);

    /// <summary>The opened port (after <see cref="InitUps"/>): serial, or USB with its subdriver.</summary>
    public IQxPort? Port => _port;

    /// <summary>The engine of the recognised protocol (after <see cref="InitUps"/>).</summary>
    public QxEngine Engine => _engine ?? throw new InvalidOperationException("no device recognised yet");

    public void InitUps(DriverHostContext host)
    {
        if (host.GetValue("pollfreq") is { } pf)
        {
            _pollFreq = (int)CNumber.Strtol(pf);
            if (_pollFreq <= 0)
                throw new DriverFatalException("Error: invalid pollfreq: " + pf);
        }
        if (host.GetValue("usb_set_altinterface") is { } alt)
            _altSetting = (int)CNumber.Strtol(alt);
        _port = _portFactory is not null ? _portFactory(host) : OpenPort(host);
        if (_personality.Blazer)
        {
            // blazer finds the protocol in InitInfo; -k talks to the port without detection.
            _blazer = new BlazerSession(_port, host);
            return;
        }
        _engine = Detect(host, _port);
        NutLog.Info($"Using protocol: {_engine.Protocol.FullName}");
    }

    IQxPort OpenPort(DriverHostContext host)
    {
        bool usb = _personality.Link switch
        {
            QxLink.Usb => true,
            QxLink.Serial => false,
            _ => Usb.QxUsbOpener.WantsUsb(host),
        };
        if (_personality.Link != QxLink.Serial)
            Usb.QxUsbOpener.PublishLibraryVersion(host, UsbBus);
        if (usb)
            return Usb.QxUsbOpener.Open(host, _personality, UsbBus);
        return SerialQxPort.Open(host.Port, host.GetValue("cablepower"));
    }

    /// <summary>The USB bus (libusb unless a test gave a fake), made on first use so serial runs never need it.</summary>
    Nut.Drivers.Usb.IUsbBus UsbBus => _usbBus ??= new Nut.Drivers.Usb.LibUsbBus(AltSetting());

    int? AltSetting() => _altSetting;

    static QxEngine Detect(DriverHostContext host, IQxPort port)
    {
        string? forced = host.GetValue("protocol");
        foreach (var protocol in QxProtocols.DetectionOrder())
        {
            if (forced is not null && !QxProtocols.Matches(protocol, forced))
            {
                NutLog.Debug(2, $"Skipping protocol {protocol.FullName}");
                continue;
            }
            var engine = new QxEngine(port, protocol, host, QxPersonality.NutdrvQx);
            for (int i = 0; i < ClaimTries; i++)
                if (engine.TryClaim())
                    return engine;
        }
        NutLog.Error("Device not supported!");
        throw new DriverFatalException("Device not supported!");
    }

    public void InitInfo(DriverHostContext host)
    {
        if (_blazer is not null)
        {
            _blazer.InitInfo();
            _engine = _blazer.Engine;
            return;
        }
        var engine = Engine;
        host.State.SetInfo("driver.version.data", engine.Protocol.FullName);
        engine.Protocol.InitUps(engine);
        if (!engine.Walk(QxWalk.Init))
            throw new DriverFatalException("Can't initialise data from the UPS");
        engine.Protocol.AfterInitWalk(engine);
        engine.Battery.Init(engine);
        host.State.SetInfo("driver.parameter.pollfreq", _pollFreq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _lastFullPoll = engine.NowSeconds();
    }

    public void UpdateInfo(DriverHostContext host)
    {
        if (_blazer is not null)
        {
            _blazer.UpdateInfo();
            return;
        }
        var engine = Engine;
        long now = engine.NowSeconds();
        // As NUT: a full update every pollfreq, and right after a SET or command changed the device.
        if (now - _lastFullPoll > _pollFreq || engine.DataChanged)
        {
            NutLog.Debug(1, "Full update...");
            if (!engine.Walk(QxWalk.Full))
            {
                host.State.DataStale();
                _stale = true;
                return;
            }
            engine.Battery.Update(engine);
            _lastFullPoll = now;
        }
        else
        {
            NutLog.Debug(1, "Quick update...");
            if (!engine.Walk(QxWalk.Quick))
            {
                NutLog.Debug(1, "Communications with the UPS lost: status read failed!");
                return;
            }
        }
        engine.CommitStatus();
        if (_stale)
        {
            NutLog.Info("Communications with the UPS re-established");
            _stale = false;
        }
        host.State.DataOk();
    }

    public int Shutdown(DriverHostContext host) => _blazer is not null ? _blazer.Shutdown() : Engine.Shutdown();

    public int InstCmd(DriverHostContext host, string command, string? parameter) =>
        _blazer is not null ? _blazer.InstCmd(command, parameter) : Engine.InstCmd(command, parameter);

    public int SetVar(DriverHostContext host, string name, string value) =>
        _blazer is not null ? _blazer.SetVar(name, value) : Engine.SetVar(name, value);

    public void Cleanup(DriverHostContext host) => _port?.Dispose();
}
