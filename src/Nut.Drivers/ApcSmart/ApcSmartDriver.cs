using Nut.Drivers.Host;
using Nut.Drivers.Qx;
using Nut.Platform;

namespace Nut.Drivers.ApcSmart;

/// <summary>
/// apcsmart (testdata/serial/apcsmart.md, docs/apcsmart.md): APC's Smart protocol at 2400 8N1. Enters smart mode,
/// learns from the firmware or the 'a' reply which variables and commands the unit has (and from ^Z which values the
/// writable ones take), then reads the status every poll interval and the other variables with it (all of them
/// hourly). A unit that stops answering goes stale; every tenth update after that it is woken with 'Y' and, when it
/// answers, polled again.
/// </summary>
public sealed partial class ApcSmartDriver : IUpsDriver
{
    public const string AltCable = "940-0095B";

    /// <summary>How many updates a stale unit is left alone before it is nudged with 'Y' (NUT: 10).</summary>
    public const int NudgeAfter = 10;

    /// <summary>Seconds between full scans of every variable.</summary>
    public const int FullScanSeconds = 3600;

    readonly List<ApcVariable> _vars = ApcSmartTables.NewVariables();
    readonly HashSet<ApcCommand> _presentCommands = [];
    DriverHostContext? _host;
    ApcSmartLink? _link;
    int _status;
    int _staleUpdates;
    long _lastFullScan;
    long _lastNasty;

    public DriverInfo Info { get; } = new("apcsmart", "APC Smart protocol driver", "3.2");

    public string? SubDriverBanner => "APC command table " + ApcSmartTables.TableVersion;

    public string? HelpAppendix =>
        "\nFor detailed information, please refer to:\n - apcsmart(8)\n - http://www.networkupstools.org/docs/man/apcsmart.html\n";

    public IReadOnlyList<DriverSetting> Settings { get; } =
    [
        new("ttymode", "tty discipline selection", IsFlag: false),
        new("cable", "alternate cable (940-0095B) selection", IsFlag: false),
        new("awd", "hard hibernate's additional wakeup delay", IsFlag: false),
        new("sdtype", "simple shutdown method", IsFlag: false),
        new("advorder", "advanced shutdown control", IsFlag: false),
        new("cshdelay", "CS hack delay", IsFlag: false),
    ];

    public static int Run(string[] args) => DriverHost.Run(new ApcSmartDriver(), args);

    DriverHostContext Host => _host ?? throw new InvalidOperationException("not initialised");
    ApcSmartLink Link => _link ?? throw new InvalidOperationException("port not open");

    public void InitUps(DriverHostContext host)
    {
        _host = host;
        Validate(host, "awd", "^[0-9]{1,3}$");
        Validate(host, "sdtype", "^[0-5]$");
        Validate(host, "advorder", "^([0-4]{1,5}|[Nn][Oo])$");
        Validate(host, "cshdelay", @"^([0-9]\.?|[0-9]?\.[0-9])$");
        var line = SerialLine.Open(host.Port, 2400);
        if (string.Equals(host.GetValue("cable"), AltCable, StringComparison.OrdinalIgnoreCase))
        {
            // The 940-0095B cable is powered from DTR and must see RTS low.
            line.SetDtr(true);
            line.SetRts(false);
        }
        // ttymode=raw asks NUT for plain non-canonical reads; reads here are byte by byte in both cases, so it only
        // changes nothing (see docs/apcsmart.md).
        _link = new ApcSmartLink(line) { Alert = OnAlert };
        _link.Flush(alertAware: false);
    }

    static void Validate(DriverHostContext host, string name, string pattern)
    {
        if (host.GetValue(name) is { } v && !ApcSmartConvert.Matches(pattern, v))
            throw new DriverFatalException($"invalid value ({v}) for option '{name}'");
    }

    public void InitInfo(DriverHostContext host)
    {
        if (!SmartMode(5))
            throw new DriverFatalException($"unable to detect an APC Smart protocol UPS on port {host.Port}\n"
                + "check the cabling, port name or model name and try again");
        if (!Discover())
            throw new DriverFatalException($"Problems with communicating APC UPS on port {host.Port}\n");
        host.State.SetInfo("ups.mfr", "APC");
        NutLog.Debug(1, $"detected {host.State.GetInfo("ups.model") ?? "\"unknown model\""} [{host.State.GetInfo("ups.serial") ?? "unknown serial"}] on {host.Port}");
        host.State.DataOk();
    }

    public void UpdateInfo(DriverHostContext host)
    {
        if (host.State.IsStale)
        {
            if (_staleUpdates == 0)
                NutLog.Debug(1, "upsdrv_updateinfo: comm lost");
            _lastFullScan = 0; // a full scan when the unit is back
            if (++_staleUpdates < NudgeAfter)
                return;
            NutLog.Debug(1, $"upsdrv_updateinfo: nudging ups with 'Y', iteration #{_staleUpdates} ...");
            if (!SmartMode(1))
                return;
            _staleUpdates = 0;
        }
        if (!UpdateStatus())
        {
            host.State.DataStale();
            return;
        }
        long now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        bool all = now - _lastFullScan > FullScanSeconds;
        if (all)
            _lastFullScan = now;
        if (Scan(all))
            host.State.DataOk();
        else
            host.State.DataStale();
    }

    /// <summary>Puts the unit in smart mode: 'Y' answered by "SM"; otherwise ESC (to end whatever it expected) and again.</summary>
    bool SmartMode(int tries)
    {
        for (int i = 0; i < tries; i++)
        {
            Link.Flush(alertAware: false);
            if (!Link.Write('Y'))
                return false;
            var r = Link.ReadLine(ApcFilter.Plain, ApcSmartLink.OneAndHalf, timeoutAllowed: true);
            if (r.Length > 0 && r.Is("SM"))
                return true;
            if (r.Failed)
                Thread.Sleep(1000);
            if (!Link.Write('\u001b'))
                return false;
            Link.ReadLine(ApcFilter.Plain, ApcSmartLink.OneAndHalf, timeoutAllowed: true);
        }
        return false;
    }

    bool UpdateStatus()
    {
        NutLog.Debug(1, "update_status: [Q]");
        Link.Flush(alertAware: true);
        if (!Link.Write('Q'))
            return false;
        var r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (!r.Usable)
        {
            if (!r.Failed)
                NutLog.Warning("update_status: failed");
            return false;
        }
        _status = (int)(ApcSmartConvert.StrtolHex(r.Text!) & 0xff);
        PublishStatus();
        return true;
    }

    void OnAlert(char c)
    {
        NutLog.Debug(1, $"alert_handler: {ApcSmartConvert.Show(c)}");
        _status = ApcStatusBits.Apply(_status, c);
        PublishStatus();
    }

    void PublishStatus()
    {
        var state = Host.State;
        state.StatusInit();
        foreach (var token in ApcStatusBits.Tokens(_status))
            state.StatusSet(token);
        state.StatusCommit();
    }

    /// <summary>Reads the polled variables (or all of them); false as soon as one read fails.</summary>
    bool Scan(bool all)
    {
        NutLog.Debug(1, $"update_info: starting scan{(all ? " (all vars)" : "")}");
        foreach (var v in _vars)
        {
            if (!all && !v.Has(ApcVarKind.Poll))
                continue;
            if (!Poll(v))
            {
                NutLog.Debug(1, "update_info: aborting scan");
                return false;
            }
        }
        NutLog.Debug(1, "update_info: scan completed");
        return true;
    }

    /// <summary>Reads one present variable; an "NA" now means the unit dropped it, and it is removed.</summary>
    bool Poll(ApcVariable v)
    {
        if (!v.Present)
            return true;
        NutLog.Debug(1, $"poll_data: {v.Name} [{ApcSmartConvert.Show(v.Command)}]");
        Link.Flush(alertAware: true);
        if (!Link.Write(v.Command))
            return false;
        var r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (r.Length < 1)
            return false;
        if (r.Is("NA"))
        {
            NutLog.Warning($"poll_data: verified variable {v.Name} [{ApcSmartConvert.Show(v.Command)}] returned NA, removing");
            v.Present = false;
            Delete(v, 0);
        }
        else
        {
            Publish(v, r.Text!);
        }
        return true;
    }

    /// <summary>Publishes an answer; a packed one ("a,b,c") as ambient.1.x, ambient.2.x ... (empty fields as N/A).</summary>
    void Publish(ApcVariable v, string raw)
    {
        var state = Host.State;
        if (!v.Has(ApcVarKind.Pack))
        {
            state.SetInfo(v.Name, ApcSmartConvert.ToNut(v.Format, raw));
            return;
        }
        const int maxFields = 4;
        var fields = raw.Split(',', maxFields + 1);
        if (fields.Length > maxFields)
        {
            NutLog.Warning($"packed variable {v.Name} [{ApcSmartConvert.Show(v.Command)}] longer than {maxFields} fields,\nignoring remaining fields");
            fields = fields[..maxFields];
        }
        if (v.PackCount > fields.Length)
            Delete(v, fields.Length);
        v.PackCount = fields.Length;
        for (int i = fields.Length - 1; i >= 0; i--)
            state.SetInfo(PackedName(v, i), fields[i].Length > 0 ? ApcSmartConvert.ToNut(v.Format, fields[i]) : "N/A");
    }

    void Delete(ApcVariable v, int from)
    {
        if (!v.Has(ApcVarKind.Pack))
        {
            Host.State.DelInfo(v.Name);
            return;
        }
        for (int i = from; i < v.PackCount; i++)
            Host.State.DelInfo(PackedName(v, i));
        v.PackCount = 0;
    }

    static string PackedName(ApcVariable v, int index) => v.Name.Replace(".0.", $".{index + 1}.", StringComparison.Ordinal);

    ApcVariable? ByCommand(char c) => _vars.FirstOrDefault(v => v.Present && v.Command == c);

    ApcVariable? ByName(string name) => _vars.FirstOrDefault(v => v.Present && v.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public void Cleanup(DriverHostContext host)
    {
        if (_link is null)
            return;
        // Leave smart mode, as NUT does on exit.
        _link.Flush(alertAware: false);
        _link.Write('R');
        _link.ReadLine(ApcFilter.Plain, ApcSmartLink.Normal, timeoutAllowed: true);
        _link.Dispose();
        _link = null;
    }
}
