using System.Text;

namespace Nut.Drivers.Snmp.Mib;

/// <summary>
/// Every mapping NUT 2.8.0's snmp-ups knows, in the order <c>mibs=auto</c> tries them (the <c>mibs=--list</c> table).
/// The entries without a table are listed only, so the listing stays NUT's; detection skips them (docs/snmp.md).
/// </summary>
public static class MibRegistry
{
    public static IReadOnlyList<MibMapping> All { get; } =
    [
        Listed("apc_ats", "0.6", ".1.3.6.1.4.1.318.1.3.11", ".1.3.6.1.4.1.318.1.1.8.1.5.0"),
        Listed("apc_pdu", "0.4", ".1.3.6.1.4.1.318.1.3.4.4", ".1.3.6.1.4.1.318.1.1.4.1.4.0"),
        Listed("apc_pdu", "0.4", ".1.3.6.1.4.1.318.1.3.4.5", ".1.3.6.1.4.1.318.1.1.4.1.4.0"),
        Listed("apc_pdu", "0.4", ".1.3.6.1.4.1.318.1.3.4.6", ".1.3.6.1.4.1.318.1.1.4.1.4.0"),
        Tables.ApccMib.Apcc,
        Listed("baytech", "0.4034", ".1.3.6.1.4.1.4779", ".1.3.6.1.4.1.4779.1.3.5.2.1.24.1"),
        Listed("bestpower", "0.4", ".1.3.6.1.4.1.2947.1.1.2.0", ".1.3.6.1.4.1.2947.1.1.2.0"),
        Listed("cpqpower", "1.66", ".1.3.6.1.4.1.232.165.3", ".1.3.6.1.4.1.232.165.3.1.1.0"),
        Tables.CyberPowerMib.Cyberpower,
        Listed("delta_ups", "0.5", ".1.3.6.1.4.1.2254.2.4", null),
        Listed("eaton_ats16_nmc", "0.21", ".1.3.6.1.4.1.705.1", ".1.3.6.1.4.1.534.10.2.1.2.0"),
        Listed("eaton_ats16_nm2", "0.22", ".1.3.6.1.4.1.534.10.2", ".1.3.6.1.4.1.534.10.2.1.2.0"),
        Listed("eaton_ats30", "0.03", ".1.3.6.1.4.1.534.10.1", ".1.3.6.1.4.1.534.10.1.2.1.0"),
        Tables.EatonEpduMib.EatonEpdu,
        Listed("emerson_avocent_pdu", "1.3", ".1.3.6.1.4.1.10418.17.1.7", ".1.3.6.1.4.1.10418.17.2.1.2.0"),
        Listed("aphel_revelation", "0.52", ".1.3.6.1.4.1.534.6.6.6", ".1.3.6.1.4.1.534.6.6.6.1.1.12.0"),
        Listed("aphel_genesisII", "0.52", ".1.3.6.1.4.1.17373", ".1.3.6.1.4.1.17373.3.1.1.0"),
        Listed("pulizzi_switched1", "0.5", ".1.3.6.1.4.1.20677.1", ".1.3.6.1.4.1.20677.1"),
        Listed("pulizzi_switched2", "0.5", ".1.3.6.1.4.1.20677.2", ".1.3.6.1.4.1.20677.1"),
        Listed("hpe_epdu", "0.33", ".1.3.6.1.4.1.232.165.7", ".1.3.6.1.4.1.232.165.7.1.2.1.3.0"),
        Listed("huawei", "0.4", ".1.3.6.1.4.1.8072.3.2.10", ".1.3.6.1.4.1.2011.6.174.1.2.100.1.2.1"),
        Tables.MgeMib.Mge,
        Tables.NetvisionMib.Netvision,
        Tables.PowerwareMib.Pw,
        Tables.PowerwareMib.PxgxUps,
        Listed("raritan", "0.8", ".1.3.6.1.4.1.13742", ".1.3.6.1.4.1.13742.1.1.12.0"),
        Listed("raritan-px2", "0.4", ".1.3.6.1.4.1.13742.6", ".1.3.6.1.4.1.13742.6.3.2.1.1.3.1"),
        Listed("xppc", "0.4", ".1.3.6.1.4.1.935", null),
        Listed("tripplite", "1.54", ".1.3.6.1.4.1.850.1", null),
        Tables.IetfMib.Ietf,
    ];

    static MibMapping Listed(string name, string version, string sysOid, string? autoCheck) => new(name, version, sysOid, autoCheck, null, null);

    /// <summary>The mappings we carry a table for.</summary>
    public static IEnumerable<MibMapping> Implemented => All.Where(m => m.IsImplemented);

    /// <summary>The text <c>mibs=--list</c> prints after the banner, byte for byte as NUT prints it.</summary>
    public static string Listing()
    {
        var sb = new StringBuilder();
        sb.Append("The 'mibs' argument is '--list', so just listing the mappings this driver knows,\n"
            + "and for 'mibs=auto' these mappings will be tried in the following order until\n"
            + "the first one matches your device\n\n");
        sb.Append($"{"NUMBER",7}\t{"MAPPING NAME",-23}\t{"VERSION",-7}\t{"ENTRY POINT OID",-31}\t{"AUTO CHECK OID"}\n");
        for (int i = 0; i < All.Count; i++)
        {
            var m = All[i];
            sb.Append($" {i + 1,4} \t{m.Name,-23}\t{m.Version,7}\t{m.SysOid ?? "<NULL>",-31}\t{m.AutoCheckOid ?? "<NULL>"}\n");
        }
        sb.Append($"\nOverall this driver has loaded {All.Count} MIB-to-NUT mapping tables\n");
        return sb.ToString();
    }
}
