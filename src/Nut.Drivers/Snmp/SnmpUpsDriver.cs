using Nut.Drivers.Host;
using Nut.Drivers.Snmp.Mib;
using Nut.Platform;

namespace Nut.Drivers.Snmp;

/// <summary>
/// snmp-ups (docs/snmp.md): UPSes and PDUs over SNMP v1/v2c/v3. Chooses a MIB-to-NUT mapping (mibs=auto: by
/// sysObjectID, else by probing each mapping's model OID), publishes what the mapping reads, walks everything every
/// pollfreq seconds and only the status entries on the polls in between, and turns INSTCMD/SET into SNMP SETs.
/// </summary>
public sealed class SnmpUpsDriver : IUpsDriver
{
    /// <summary>How the driver gets its SNMP session; tests swap in a fake agent.</summary>
    public static Func<SnmpSettings, ISnmpClient> ClientFactory { get; set; } = SnmpClient.Create;

    SnmpUpsOptions? _options;
    SnmpAccess? _snmp;
    SnmpUpsEngine? _engine;
    long _lastFullPoll = long.MinValue;
    bool _commOk;
    bool _quickPoll;

    public DriverInfo Info { get; } = new("snmp-ups", "Generic SNMP UPS driver", "1.21");

    public IReadOnlyList<DriverSetting> Settings => SnmpUpsOptions.Table;

    /// <summary>The engine after InitUps (tests read it).</summary>
    public SnmpUpsEngine? Engine => _engine;

    public static int Run(string[] args)
    {
        var driver = new SnmpUpsDriver();
        if (WantsMibList(args))
        {
            // NUT lists the mappings from upsdrv_initups, before it ever goes to the background; our host would
            // detach first, so the listing is answered here (same banner, same text, exit status 0).
            Console.Out.Write($"Network UPS Tools - {driver.Info.LongName} {driver.Info.Version} ({Nut.Core.Protocol.NutVersion.Release})\n");
            Console.Out.Write(MibRegistry.Listing());
            Console.Out.Flush();
            return 0;
        }
        return DriverHost.Run(driver, args);
    }

    /// <summary>"-x mibs=--list" with an -a/-s section and no option that ends the program earlier (-h, -V, -L).</summary>
    static bool WantsMibList(string[] args)
    {
        bool list = false, section = false;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-h" or "-V" or "-L")
                return false;
            if (a is "-a" or "-s" || a.StartsWith("-a", StringComparison.Ordinal) || a.StartsWith("-s", StringComparison.Ordinal))
                section = true;
            if ((a == "-x" && i + 1 < args.Length && args[i + 1] == "mibs=--list") || a == "-xmibs=--list")
                list = true;
        }
        return list && section;
    }

    public void InitUps(DriverHostContext host)
    {
        var options = SnmpUpsOptions.Parse(host.Port, host.GetValue, host.HasFlag);
        _options = options;
        ISnmpClient client;
        try
        {
            client = ClientFactory(options.Snmp);
        }
        catch (Exception e) when (e is ArgumentException or SnmpErrorException or System.Net.Sockets.SocketException)
        {
            NutLog.Error($"nut_snmp_init: snmp_open: {e.Message}");
            throw new DriverFatalException("Unable to establish communication");
        }
        _snmp = new SnmpAccess(client, host.UpsName);
        SnmpMibDetector.Result found;
        try
        {
            found = SnmpMibDetector.Detect(_snmp, options.Mibs, host.UpsName, host.Port);
        }
        catch (SnmpTimeoutException)
        {
            throw new DriverFatalException(options.Mibs == "auto"
                ? $"No supported device detected at [{host.UpsName}] (host {host.Port})"
                : $"{options.Mibs} MIB wasn't found on {host.Port}");
        }
        var m = found.Mapping;
        NutLog.Notice($"Detected {found.Model} on host {host.Port} (mib: {m.Name} {m.Version})");
        _engine = new SnmpUpsEngine(m, _snmp, host.State, host.UpsName, options.SemistaticFreq)
        {
            SymmetraThreePhase = options.SymmetraThreePhase,
        };
        try
        {
            _engine.InitDaisychain();
            if (m.Find("load.off.delay") is not null)
                host.State.AddCommand("load.off");
            if (m.Find("load.on.delay") is not null)
                host.State.AddCommand("load.on");
            if (m.Find("load.off.delay") is not null && m.Find("load.on.delay") is not null)
            {
                host.State.AddCommand("shutdown.return");
                host.State.AddCommand("shutdown.stayoff");
            }
            // sysDescr / sysContact / sysLocation, for mappings that do not read them themselves.
            PublishOnce(host, "device.description", ".1.3.6.1.2.1.1.1.0");
            PublishOnce(host, "device.contact", ".1.3.6.1.2.1.1.4.0");
            PublishOnce(host, "device.location", ".1.3.6.1.2.1.1.6.0");
            SetDelays(host);
        }
        catch (SnmpTimeoutException)
        {
            NutLog.Warning($"[{host.UpsName}] the agent stopped answering during start-up");
        }
    }

    void PublishOnce(DriverHostContext host, string name, string oid)
    {
        if (host.State.GetInfo(name) is null && _snmp!.TryGetString(oid, null, new TemperatureContext(), out string v))
            host.State.SetInfo(name, v);
    }

    void SetDelays(DriverHostContext host)
    {
        if (_options!.OnDelay is >= 0 and { } on)
            _engine!.Set(command: false, "ups.delay.start", SnmpUpsOptions.Format(on));
        if (_options.OffDelay is >= 0 and { } off)
            _engine!.Set(command: false, "ups.delay.shutdown", SnmpUpsOptions.Format(off));
    }

    public void InitInfo(DriverHostContext host)
    {
        var engine = _engine!;
        host.State.SetInfo("driver.version.data", $"{engine.Mapping.Name} MIB {engine.Mapping.Version}");
        bool ok;
        try
        {
            ok = engine.Init(_options!.NoTransferOids);
        }
        catch (SnmpTimeoutException)
        {
            ok = false;
        }
        _commOk = ok;
        if (ok) host.State.DataOk(); else host.State.DataStale();
        // The quick status poll is only safe when every status and alarm source is a plain entry: template alarms
        // (outlets, sensors) are read by full walks only, and a quick commit would drop them in between.
        _quickPoll = !(engine.Mapping.Entries ?? []).Any(e => e.IsTemplate && e.Name.EndsWith(".alarm", StringComparison.Ordinal));
    }

    public void UpdateInfo(DriverHostContext host)
    {
        var engine = _engine!;
        long now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        bool full = !_commOk || now > _lastFullPoll + _options!.PollFreq;
        if (!full && !_quickPoll)
        {
            if (_commOk) host.State.DataOk(); else host.State.DataStale();
            return;
        }
        host.State.AlarmInit();
        host.State.StatusInit();
        bool ok = full ? engine.Walk(init: false) : engine.WalkStatus();
        if (!ok && _commOk)
            NutLog.Debug(1, $"upsdrv_updateinfo: {(full ? "pollfreq" : "status")}: Data STALE");
        _commOk = ok;
        if (ok)
        {
            host.State.AlarmCommit();
            host.State.StatusCommit();
            host.State.DataOk();
        }
        else
        {
            host.State.DataStale(); // keep the last good status rather than publish a half-read one
        }
        if (full)
            _lastFullPoll = host.Clock.GetUtcNow().ToUnixTimeSeconds();
    }

    public int Shutdown(DriverHostContext host)
    {
        SetDelays(host);
        foreach (var cmd in new[] { "shutdown.return", "shutdown.reboot", "load.off.delay" })
            if (_engine!.Set(command: true, cmd, null) == HandlerStatus.Handled)
                return 0;
        throw new DriverFatalException("Shutdown failed!");
    }

    public int InstCmd(DriverHostContext host, string command, string? parameter) => Guard(() => _engine!.Set(command: true, command, parameter));

    public int SetVar(DriverHostContext host, string name, string value) => Guard(() => _engine!.Set(command: false, name, value));

    static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (SnmpTimeoutException)
        {
            return HandlerStatus.Failed;
        }
    }

    public void Cleanup(DriverHostContext host) => _snmp?.Client.Dispose();
}
