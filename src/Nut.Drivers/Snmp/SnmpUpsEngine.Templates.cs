using System.Globalization;
using Nut.Drivers.Snmp.Mib;

namespace Nut.Drivers.Snmp;

public sealed partial class SnmpUpsEngine
{
    /// <summary>
    /// Phase-dependent entries (process_phase_data): the first one learns input/output.phases (default 1) and
    /// publishes it; single-phase entries are kept when it is 1, three-phase ones when it is 3, the others dropped.
    /// Bypass entries only publish input.bypass.phases and are always read: NUT 2.8.0 tests them with the input flags
    /// (its type test matches "input" first), and we keep that so both drivers publish the same variables.
    /// </summary>
    bool SkipForPhases(string type, Live e)
    {
        long n = ResolvePhases(type);
        MibFlags one, three;
        switch (type)
        {
            case "input": one = MibFlags.Input1; three = MibFlags.Input3; break;
            case "output": one = MibFlags.Output1; three = MibFlags.Output3; break;
            default: return false;
        }
        if (e.Has(one))
        {
            if (n != 1) { e.Ok = false; return true; }
            e.Flags &= ~(one | three);
        }
        else if (e.Has(three))
        {
            if (n != 3) { e.Ok = false; return true; }
            e.Flags &= ~(one | three);
        }
        return false;
    }

    long ResolvePhases(string type)
    {
        if (_phases[type] != -1)
            return _phases[type];
        string name = type + ".phases";
        long n = 1;
        if (_state.GetInfo(name) is { } published)
        {
            n = (long)SnmpAccess.CStrtol(published);
        }
        else if (Mapping.Find(name)?.Oid is { } oid && _snmp.TryGetInt(DeviceOid(oid), out long v))
        {
            n = v;
        }
        _phases[type] = n;
        _state.SetInfo(name, n.ToString(CultureInfo.InvariantCulture));
        return n;
    }

    /// <summary>
    /// Expands an outlet / outlet group / ambient template (process_template): the count comes from "outlet.count"
    /// etc. when published, else from probing consecutive indexes; the first index (0 or 1) is probed once per kind.
    /// </summary>
    bool Template(bool init, string type, MibFlags kind, Live e)
    {
        string countName = type + ".count";
        int count;
        if (_state.GetInfo(countName) is { } published)
        {
            count = (int)SnmpAccess.CStrtol(published);
        }
        else
        {
            count = GuessCount(e);
            if (count > 0)
                _state.SetInfo(countName, count.ToString(CultureInfo.InvariantCulture));
        }
        bool status = true;
        if (count <= 0)
            return status;
        int first = BaseIndex(kind, e.Def);
        for (int n = first; n < first + count; n++)
        {
            string name = SnmpTemplate.Fill(e.Name, n);
            var instance = new Live(e.Def with { Default = e.Def.Default is { } d && d.Contains("%i", StringComparison.Ordinal) ? SnmpTemplate.Fill(d, n) : e.Def.Default }) { Flags = e.Flags };
            if (e.Def.Oid is null)
            {
                SetInfo(instance, name, null);
                continue;
            }
            string oid = InstanceOid(e.Def, n);
            if (e.Def.IsCommand)
            {
                if (init)
                    _state.AddCommand(name);
            }
            else
            {
                status = GetAndProcess(init, instance, name, oid);
            }
        }
        return status;
    }

    /// <summary>The OID of template instance <paramref name="n"/>; in a daisy chain one "%i" is the unit.</summary>
    string InstanceOid(MibEntry def, int n)
    {
        string oid = def.Oid!;
        if (SnmpTemplate.Holes(oid) < 2)
            return SnmpTemplate.Fill(oid, n);
        if (def.Has(MibFlags.Daisy2))
            return SnmpTemplate.Fill(oid, n + DeviceOffset, 1 - DeviceOffset);
        return SnmpTemplate.Fill(oid, DeviceIndex, n);
    }

    /// <summary>How many instances answer, from index 0 (or 1 when 0 does not answer or reads 0 where 0 is invalid).</summary>
    int GuessCount(Live e)
    {
        if (e.Def.Oid is null)
            return 0;
        int first = 0;
        string probe = InstanceOid(e.Def, 0);
        if (!_snmp.Exists(probe))
            first = 1;
        else if (e.Has(MibFlags.ZeroInvalid) && _snmp.TryGetInt(probe, out long v) && v == 0)
            first = 1;
        int count = 0;
        while (count < 1024 && _snmp.Exists(InstanceOid(e.Def, first + count)))
            count++;
        return count;
    }

    /// <summary>The first index of a template kind: 0 when the agent answers it (and the value is valid), else 1, else 2.</summary>
    int BaseIndex(MibFlags kind, MibEntry def)
    {
        if (_templateBase.TryGetValue(kind, out int cached))
            return cached;
        int b;
        for (b = 0; b < 2; b++)
        {
            string oid = kind == MibFlags.Daisy || SnmpTemplate.Holes(def.Oid) < 2 ? SnmpTemplate.Fill(def.Oid!, b)
                : def.Has(MibFlags.Daisy1) ? SnmpTemplate.Fill(def.Oid!, DeviceIndex, b) : SnmpTemplate.Fill(def.Oid!, b, DeviceIndex);
            if (!_snmp.Exists(oid))
                continue;
            if (def.Has(MibFlags.ZeroInvalid))
            {
                if (_snmp.TryGetInt(oid, out long v) && v != 0) break;
            }
            else if (def.Has(MibFlags.NaInvalid))
            {
                if (_snmp.TryGetString(oid, null, _temperature, out string s) && !s.StartsWith("N/A", StringComparison.Ordinal)) break;
            }
            else
            {
                break;
            }
        }
        _templateBase[kind] = b;
        return b;
    }
}
