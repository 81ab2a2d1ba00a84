using Nut.Drivers.Snmp.Mib;
using Nut.Platform;

namespace Nut.Drivers.Snmp;

/// <summary>
/// Which mapping fits an agent, as snmp-ups chooses it (load_mib2nut): with <c>mibs=auto</c> the sysObjectID is
/// compared with each mapping's (three tries), and a match must also answer its model OID; failing that, each mapping
/// in the listed order is tried by reading its model OID. A named mapping is tried alone. Public so nut-scanner can use it.
/// </summary>
public static class SnmpMibDetector
{
    public const string SysObjectIdOid = ".1.3.6.1.2.1.1.2.0";

    /// <summary>The outcome: the mapping and the model string read while checking it.</summary>
    public sealed record Result(MibMapping Mapping, string Model);

    /// <summary>Detects the mapping; throws <see cref="Host.DriverFatalException"/> with NUT's messages when none fits.</summary>
    public static Result Detect(SnmpAccess access, string mibs, string upsName, string host)
    {
        bool auto = mibs == "auto";
        var temperature = new TemperatureContext();
        if (auto)
        {
            for (int i = 0; i < 3; i++)
            {
                if (MatchSysOid(access, temperature) is { } r)
                    return r;
            }
        }
        bool seen = false;
        foreach (var m in MibRegistry.All)
        {
            if (!auto && m.Name != mibs)
                continue;
            if (!auto)
                seen = true;
            if (!m.IsImplemented)
            {
                NutLog.Debug(1, $"mapping '{m.Name}' is listed but has no table in NutSharp; skipped");
                continue;
            }
            if (ReadModel(access, m, temperature) is { } model)
                return new Result(m, model);
        }
        if (!auto)
            throw new Host.DriverFatalException(seen
                ? $"Requested 'mibs' value '{mibs}' did not match this device [{upsName}] (host {host})"
                : $"Unknown 'mibs' value: {mibs}");
        throw new Host.DriverFatalException($"No supported device detected at [{upsName}] (host {host})");
    }

    static Result? MatchSysOid(SnmpAccess access, TemperatureContext temperature)
    {
        if (!access.TryGetOid(SysObjectIdOid, out string sysOid))
            return null;
        foreach (var m in MibRegistry.All)
        {
            if (m.SysOid is null || !m.IsImplemented || Normal(m.SysOid) != Normal(sysOid))
                continue;
            if (ReadModel(access, m, temperature) is { } model)
                return new Result(m, model);
        }
        NutLog.Error($"No matching MIB found for sysOID '{sysOid}'!\nPlease report it to NUT developers, with an 'upsc' output for your device.\nGoing back to the classic MIB detection method.");
        return null;
    }

    /// <summary>The model string through the mapping's device.model (else ups.model) OID, index 0 for a template.</summary>
    static string? ReadModel(SnmpAccess access, MibMapping m, TemperatureContext temperature)
    {
        var e = m.Find("device.model") ?? m.Find("ups.model");
        if (e?.Oid is null)
            return null;
        string oid = SnmpTemplate.IsTemplate(e.Oid) ? SnmpTemplate.Fill(e.Oid, 0) : e.Oid;
        return access.TryGetString(oid, null, temperature, out string model) ? model : null;
    }

    static string Normal(string oid) => oid.StartsWith('.') ? oid : "." + oid;
}
