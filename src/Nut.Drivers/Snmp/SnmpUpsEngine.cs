using System.Globalization;
using Nut.Core.State;
using Nut.Drivers.Host;
using Nut.Drivers.Snmp.Mib;
using Nut.Platform;

namespace Nut.Drivers.Snmp;

/// <summary>
/// Runs a mapping against an agent the way snmp-ups does (snmp_ups_walk / su_ups_get): an initial walk that reads
/// every entry and drops the ones the device does not answer, then update walks over what is left (static entries
/// only once, semi-static ones every semistaticfreq walks), ups.status and ups.alarm rebuilt from their lookups on
/// every walk, phase-dependent entries chosen by input/output.phases, outlet and ambient templates expanded to
/// outlet.N.* etc. A daisy chain is served as its first unit only (docs/snmp.md).
/// </summary>
public sealed partial class SnmpUpsEngine
{
    /// <summary>One mapping entry with the flags that change at run time (NUT clears SU_FLAG_OK etc. in its table).</summary>
    sealed class Live(MibEntry def)
    {
        public MibEntry Def { get; } = def;
        public MibFlags Flags = def.Flags;
        public bool Ok = true;
        public bool Stale;
        public string Name => Def.Name;
        public bool Has(MibFlags f) => (Flags & f) != 0;
    }

    readonly List<Live> _entries;
    readonly SnmpAccess _snmp;
    readonly DriverState _state;
    readonly string _upsName;
    readonly TemperatureContext _temperature = new();
    readonly Dictionary<string, long> _phases = new() { ["input"] = -1, ["output"] = -1, ["input.bypass"] = -1 };
    readonly Dictionary<MibFlags, int> _templateBase = [];
    int _semistaticCountdown;

    public SnmpUpsEngine(MibMapping mapping, SnmpAccess snmp, DriverState state, string upsName, int semistaticFreq = 10)
    {
        Mapping = mapping;
        _entries = (mapping.Entries ?? []).Select(e => new Live(e)).ToList();
        _snmp = snmp;
        _state = state;
        _upsName = upsName;
        SemistaticFreq = semistaticFreq;
        _semistaticCountdown = semistaticFreq;
    }

    public MibMapping Mapping { get; }
    public int SemistaticFreq { get; }

    /// <summary>APC three-phase Symmetras report transfer points line to line: convert them (symmetrathreephase).</summary>
    public bool SymmetraThreePhase { get; set; }

    /// <summary>True when the mapping serves a daisy chain (it has device.count); we serve unit 1.</summary>
    public bool Daisychain { get; private set; }

    /// <summary>Added to the unit number (1) in "%i" device OIDs: the chain's first index minus one.</summary>
    int DeviceOffset { get; set; }

    int DeviceIndex => 1 + DeviceOffset;

    // ---------------------------------------------------------------- start-up (upsdrv_initups/initinfo)

    /// <summary>Daisy chain set-up (daisychain_init) for mappings that have device.count, serving one unit.</summary>
    public void InitDaisychain()
    {
        var count = _entries.FirstOrDefault(e => e.Name == "device.count");
        if (count is not null)
        {
            Daisychain = true;
            long devices = 1;
            var oid = count.Def.Oid;
            if (oid is not null && !SnmpTemplate.IsTemplate(oid))
            {
                if (count.Def.Lookup is { Kind: MibLookup.Conversion.DeviceCount }
                    && _snmp.TryGetString(oid, null, _temperature, out string list))
                    devices = list.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
                else if (_snmp.TryGetInt(oid, out long n))
                    devices = n;
            }
            if (devices < 1)
            {
                Daisychain = false;
            }
            else
            {
                if (devices > 1)
                    NutLog.Warning($"[{_upsName}] daisy chain of {devices} units: NutSharp publishes the first unit only");
                _state.SetInfo("device.count", "1");
                var type = _entries.FirstOrDefault(e => e.Name == "device.type");
                if (type?.Def.Default is { } t)
                {
                    _state.SetInfo("device.model", $"daisychain {t} (1+0)");
                    _state.SetInfo("device.type", t);
                }
                else
                {
                    _state.SetInfo("device.model", "daisychain (1+0)");
                }
            }
        }
        var model = Mapping.Find("device.model");
        if (model?.Oid is { } m && SnmpTemplate.IsTemplate(m))
            DeviceOffset = BaseIndex(MibFlags.Daisy, model) - 1;
    }

    /// <summary>The commands the device answers (su_addcmd: the OID must exist), then the first walk.</summary>
    public bool Init(bool noTransferOids)
    {
        foreach (var e in _entries.Where(e => e.Def.IsCommand && !e.Def.Has(MibFlags.Outlet | MibFlags.OutletGroup)))
        {
            if (e.Def.Oid is { } oid && _snmp.Exists(DeviceOid(oid)))
                _state.AddCommand(e.Name);
        }
        if (noTransferOids)
            DisableTransferOids();
        return Walk(init: true);
    }

    /// <summary>notransferoids (APC Symmetras answer the transfer points wrongly): as in NUT 2.8.0, the start-up walk still
    /// reads and publishes them once; the update walks no longer ask (DriverPollingTests counts it).</summary>
    void DisableTransferOids()
    {
        NutLog.Info("Disabling transfer OIDs");
        foreach (var e in _entries.Where(e => e.Name is "input.transfer.low" or "input.transfer.high"))
            e.Ok = false;
    }

    // ---------------------------------------------------------------- walks

    /// <summary>
    /// One walk over the mapping. Returns the outcome of the last entry read, as NUT does (a device that stops answering
    /// fails them all). A time-out ends the walk at once: the rest would only time out too.
    /// </summary>
    public bool Walk(bool init)
    {
        if (!init && --_semistaticCountdown < 0)
            _semistaticCountdown = SemistaticFreq;
        bool status = false;
        try
        {
            foreach (var e in _entries)
                status = Visit(e, init, statusOnly: false) ?? status;
        }
        catch (SnmpTimeoutException ex)
        {
            NutLog.Debug(1, $"[{_upsName}] walk stopped: {ex.Message}");
            return false;
        }
        return status;
    }

    /// <summary>
    /// The quick poll between full walks: only the status and alarm entries, so ups.status follows the device every
    /// poll interval (NUT 2.8.0 waits for the next full walk; docs/snmp.md).
    /// </summary>
    public bool WalkStatus()
    {
        bool status = true;
        try
        {
            foreach (var e in _entries.Where(IsStatusOrAlarm))
                status = Visit(e, init: false, statusOnly: true) ?? status;
        }
        catch (SnmpTimeoutException ex)
        {
            NutLog.Debug(1, $"[{_upsName}] status poll stopped: {ex.Message}");
            return false;
        }
        return status;
    }

    static bool IsStatusOrAlarm(Live e) => !e.Def.IsTemplate
        && (e.Name.Equals("ups.status", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".alarm", StringComparison.Ordinal)
            || e.Name.Equals("ups.alarms", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads one entry if this walk should (null when skipped).</summary>
    bool? Visit(Live e, bool init, bool statusOnly)
    {
        if (init && e.Name.StartsWith("device.count", StringComparison.Ordinal))
        {
            e.Ok = false;
            return null;
        }
        if (e.Def.IsCommand && !e.Def.Has(MibFlags.Outlet | MibFlags.OutletGroup))
            return null;
        if (!init && !e.Ok)
            return null;
        if (!init && !statusOnly && e.Has(MibFlags.SemiStatic) && _semistaticCountdown != 0)
            return null;
        if (!init && e.Has(MibFlags.Static))
            return null;
        if (e.Has(MibFlags.Absent) && !e.Def.IsTemplate)
        {
            if (init)
            {
                if (e.Def.Default is not null)
                    SetInfo(e, e.Name, null);
                e.Flags |= MibFlags.Static;
            }
            return null;
        }
        if (e.Has(MibFlags.AnyInput) && SkipForPhases("input", e))
            return null;
        if (e.Has(MibFlags.AnyOutput) && SkipForPhases("output", e))
            return null;
        if (e.Has(MibFlags.AnyBypass) && SkipForPhases("input.bypass", e))
            return null;
        if (e.Def.Has(MibFlags.Outlet))
            return e.Def.IsCommand && !init ? null : Template(init, "outlet", MibFlags.Outlet, e);
        if (e.Def.Has(MibFlags.OutletGroup))
            return e.Def.IsCommand && !init ? null : Template(init, "outlet.group", MibFlags.OutletGroup, e);
        if (e.Def.Has(MibFlags.Ambient))
            return e.Def.IsCommand && !init ? null : Template(init, "ambient", MibFlags.Ambient, e);
        return GetAndProcess(init, e, e.Name, e.Def.Oid is { } o ? DeviceOid(o) : null);
    }

    /// <summary>A unit's OID: "%i" is the unit index in daisy-chain mappings.</summary>
    string DeviceOid(string oid) => SnmpTemplate.IsTemplate(oid) ? SnmpTemplate.Fill(oid, DeviceIndex) : oid;

    /// <summary>Reads and publishes one (instantiated) entry; tracks drop-outs and stale data (get_and_process_data).</summary>
    bool GetAndProcess(bool init, Live e, string name, string? oid)
    {
        bool ok = UpsGet(e, name, oid);
        if (ok)
        {
            if (e.Stale)
            {
                NutLog.Info($"[{_upsName}] get_and_process_data: data resumed for {name}");
                e.Stale = false;
            }
            if (e.Has(MibFlags.Unique))
            {
                DisableCompetition(e);
                e.Flags &= ~MibFlags.Unique;
            }
        }
        else if (init)
        {
            e.Ok = false; // the device does not have it: never asked again
        }
        else if (!e.Stale)
        {
            NutLog.Info($"[{_upsName}] snmp_ups_walk: data stale for {name}");
            e.Stale = true;
        }
        return ok;
    }

    /// <summary>The other entries that publish the same variable are dropped (SU_FLAG_UNIQUE).</summary>
    void DisableCompetition(Live winner)
    {
        foreach (var e in _entries)
            if (e != winner && e.Name.Equals(winner.Name, StringComparison.OrdinalIgnoreCase))
                e.Ok = false;
    }

    /// <summary>Reads one value and publishes it, or feeds ups.status / ups.alarm (su_ups_get).</summary>
    bool UpsGet(Live e, string name, string? oid)
    {
        var def = e.Def;
        if (name.Equals("ups.status", StringComparison.OrdinalIgnoreCase))
        {
            if (oid is null || !_snmp.TryGetInt(oid, out long v))
                return false;
            if (def.Lookup?.TextOf(v, _temperature) is { Length: > 0 } token)
                _state.StatusSet(token);
            return true;
        }
        if (name.EndsWith(".alarm", StringComparison.Ordinal))
        {
            if (oid is null || !_snmp.TryGetInt(oid, out long v))
                return false;
            SetAlarm(e, name, v);
            return true;
        }
        if (name.Equals("ups.alarms", StringComparison.OrdinalIgnoreCase))
            return ReadAlarmTable(oid);
        if (name.Equals("ambient.temperature", StringComparison.OrdinalIgnoreCase))
        {
            if (oid is null || !_snmp.TryGetInt(oid, out long v))
                return false;
            double t = oid == ApcIemTemperatureOid
                ? (_snmp.TryGetInt(ApcIemTemperatureUnitOid, out long unit) && unit != 2 ? v : (v - 32) / 1.8)
                : v * def.Length;
            SetInfo(e, name, ((float)t).ToString("0.0", CultureInfo.InvariantCulture));
            return true;
        }
        string text;
        if (oid is null && def.Default is not null)
        {
            text = def.Default;
        }
        else if (def.IsString)
        {
            if (oid is null || !_snmp.TryGetString(oid, def.Lookup, _temperature, out text))
                return false;
            if (SymmetraThreePhase && name is "input.transfer.low" or "input.transfer.high")
                text = (CAtof(text) * 0.707).ToString("F2", CultureInfo.InvariantCulture);
            if (def.Lookup?.Reformat(text) is { } reformatted)
                text = reformatted;
        }
        else
        {
            if (oid is null || !_snmp.TryGetInt(oid, out long v))
                return false;
            if (e.Has(MibFlags.NegInvalid) && v < 0 || e.Has(MibFlags.ZeroInvalid) && v == 0)
            {
                e.Ok = false;
                if (e.Has(MibFlags.Unique))
                {
                    DisableCompetition(e);
                    e.Flags &= ~MibFlags.Unique;
                }
                return false;
            }
            text = def.Lookup?.TextOf(v, _temperature) ?? FormatNumber(v * def.Length);
        }
        SetInfo(e, name, text);
        return true;
    }

    const string ApcIemTemperatureOid = ".1.3.6.1.4.1.318.1.1.10.2.3.2.1.4.1";
    const string ApcIemTemperatureUnitOid = ".1.3.6.1.4.1.318.1.1.10.2.3.2.1.5.1";

    /// <summary>Whole numbers print as integers, the rest with two decimals (of a float, as NUT prints them).</summary>
    public static string FormatNumber(double d)
    {
        if (d >= int.MinValue && d <= int.MaxValue && Math.Abs((int)d - d) < 1e-6)
            return ((int)d).ToString(CultureInfo.InvariantCulture);
        return ((double)(float)d).ToString("F2", CultureInfo.InvariantCulture);
    }

    static double CAtof(string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : 0;

    /// <summary>Publishes a value with the entry's flags, length and (for writable lookups) enumeration (su_setinfo).</summary>
    void SetInfo(Live e, string name, string? value)
    {
        var def = e.Def;
        if (def.IsCommand)
            return;
        if (name.Equals("ups.status", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".alarm", StringComparison.Ordinal))
            return;
        value ??= def.Default;
        if (value is null)
            return;
        _state.SetInfo(name, value);
        var flags = VariableFlags.None;
        if (def.IsWritable) flags |= VariableFlags.ReadWrite;
        if (def.IsString) flags |= VariableFlags.String;
        _state.SetFlags(name, flags);
        _state.SetAux(name, (int)def.Length);
        if (def.IsWritable && def.Lookup is { IsFunction: false } lk)
            foreach (var (_, text) in lk.Pairs)
                _state.AddEnum(name, text);
    }

    /// <summary>An alarm from a lookup; outlet and phase alarms say which (su_alarm_set).</summary>
    void SetAlarm(Live e, string name, long v)
    {
        string type = name.StartsWith("device.", StringComparison.Ordinal) ? name[(name.IndexOf('.', 7) + 1)..] : name;
        if (e.Def.Lookup?.TextOf(v, _temperature) is not { Length: > 0 } text)
            return;
        if (e.Def.Has(MibFlags.Outlet | MibFlags.OutletGroup))
        {
            bool group = e.Def.Has(MibFlags.OutletGroup);
            string rest = type[(group ? "outlet.group.".Length : "outlet.".Length)..];
            int n = CInt(rest);
            text = $"outlet{(group ? " group" : "")} {n} {text}";
        }
        if (type.StartsWith('L'))
            text = $"phase L{CInt(type[1..])} {text}";
        _state.AlarmSet(text);
    }

    static int CInt(string s)
    {
        int i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i == 0 ? 0 : int.Parse(s[..i], CultureInfo.InvariantCulture);
    }

    /// <summary>"ups.alarms": when the count is positive, every listed alarm OID known to the mapping sets its status/alarm.</summary>
    bool ReadAlarmTable(string? oid)
    {
        if (oid is null || !_snmp.TryGetInt(oid, out long count))
            return false;
        if (count <= 0 || Mapping.Alarms is not { } alarms)
            return true;
        foreach (var vb in _snmp.Walk(oid))
        {
            if (vb.Value.Type != SnmpValueType.ObjectId || vb.Value.Text is not { } target)
                continue;
            var a = alarms.FirstOrDefault(x => Normal(x.Oid) == Normal(target));
            if (a?.Status is { } s) _state.StatusSet(s);
            if (a?.Alarm is { } al) _state.AlarmSet(al);
        }
        return true;
    }

    static string Normal(string oid) => oid.StartsWith('.') ? oid : "." + oid;
}
