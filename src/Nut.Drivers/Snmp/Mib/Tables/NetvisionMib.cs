// Generated from the mapping facts of NUT 2.8.0 drivers/netvision-mib.c (variable names, OIDs, multipliers, flags and
// lookup values only) by our own generator; the representation is ours (see MibEntry).
using F = Nut.Drivers.Snmp.Mib.MibFlags;
using I = Nut.Drivers.Snmp.Mib.InfoFlags;

namespace Nut.Drivers.Snmp.Mib.Tables;

/// <summary>The netvision mapping (NUT: netvision-mib.c).</summary>
public static class NetvisionMib
{
    static readonly MibLookup NetvisionBattInfo = new([(2, ""), (3, "LB"), (4, "LB"), (5, "DISCHRG"), (6, "RB")]);
    static readonly MibLookup NetvisionOnbattInfo = new([(0, "OL"), (1, "OB")]);
    static readonly MibLookup NetvisionOutputInfo = new([(1, ""), (2, ""), (3, "OL"), (4, "OL BYPASS"), (5, "OB"), (6, "OL BOOST"), (7, "OL TRIM"), (8, "OL"), (9, "")]);

    static readonly MibEntry[] NetvisionMibEntries =
    [
        new("device.description", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.1.0", null, F.None),
        new("device.contact", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.4.0", null, F.None),
        new("device.location", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.6.0", null, F.None),
        new("ups.mfr", I.String, 128, ".1.3.6.1.4.1.4555.1.1.1.1.1.3.0", "SOCOMEC SICON UPS", F.Static),
        new("ups.model", I.String, 128, ".1.3.6.1.4.1.4555.1.1.1.1.1.1.0", "Generic SNMP UPS", F.Static),
        new("ups.serial", I.String, 128, ".1.3.6.1.4.1.4555.1.1.1.1.1.4.0", "", F.Static),
        new("ups.firmware.aux", I.String, 128, ".1.3.6.1.4.1.4555.1.1.1.1.1.2.0", "", F.Static),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.4555.1.1.1.1.2.1.0", "", F.StatusBatt, NetvisionBattInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.4555.1.1.1.1.4.1.0", "", F.StatusPwr, NetvisionOutputInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.4555.1.1.1.1.6.3.2.0", "", F.StatusPwr, NetvisionOnbattInfo),
        new("ups.load", I.None, 1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.4.1", "0", F.Input1),
        new("input.phases", I.None, 1.0, ".1.3.6.1.4.1.4555.1.1.1.1.3.1.0", null, F.None),
        new("input.frequency", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.2.0", null, F.None),
        new("input.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.5.1", null, F.Input1),
        new("input.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.3.1", null, F.Input1),
        new("input.L1-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.5.1", null, F.Input3),
        new("input.L1.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.3.1", null, F.Input3),
        new("input.L2-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.5.2", null, F.Input3),
        new("input.L2.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.3.2", null, F.Input3),
        new("input.L3-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.5.3", null, F.Input3),
        new("input.L3.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.3.3.1.3.3", null, F.Input3),
        new("output.phases", I.None, 1.0, ".1.3.6.1.4.1.4555.1.1.1.1.4.3.0", null, F.None),
        new("output.frequency", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.2.0", null, F.None),
        new("output.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.2.1", null, F.Output1),
        new("output.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.3.1", null, F.Output1),
        new("output.load", I.None, 1.0, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.4.1", null, F.Output1),
        new("output.L1-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.2.1", null, F.Output3),
        new("output.L1.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.3.1", null, F.Output3),
        new("output.L1.power.percent", I.None, 1.0, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.4.1", null, F.Output3),
        new("output.L2-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.2.2", null, F.Output3),
        new("output.L2.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.3.2", null, F.Output3),
        new("output.L2.power.percent", I.None, 1.0, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.4.2", null, F.Output3),
        new("output.L3-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.2.3", null, F.Output3),
        new("output.L3.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.3.3", null, F.Output3),
        new("output.L3.power.percent", I.None, 1.0, ".1.3.6.1.4.1.4555.1.1.1.1.4.4.1.4.3", null, F.Output3),
        new("input.bypass.phases", I.None, 1.0, ".1.3.6.1.4.1.4555.1.1.1.1.5.2.0", null, F.None),
        new("input.bypass.frequency", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.1.0", null, F.None),
        new("input.bypass.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.2.1", null, F.Bypass1),
        new("input.bypass.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.3.1", null, F.Bypass1),
        new("input.bypass.L1-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.2.1", null, F.Bypass3),
        new("input.bypass.L1.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.3.1", null, F.Bypass3),
        new("input.bypass.L2-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.2.2", null, F.Bypass3),
        new("input.bypass.L2.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.3.2", null, F.Bypass3),
        new("input.bypass.L3-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.2.3", null, F.Bypass3),
        new("input.bypass.L3.current", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.5.3.1.3.3", null, F.Bypass3),
        new("battery.charge", I.None, 1, ".1.3.6.1.4.1.4555.1.1.1.1.2.4.0", "", F.None),
        new("battery.voltage", I.None, 0.1, ".1.3.6.1.4.1.4555.1.1.1.1.2.5.0", "", F.None),
        new("battery.runtime", I.None, 60, ".1.3.6.1.4.1.4555.1.1.1.1.2.3.0", "", F.None),
    ];

    public static MibMapping Netvision { get; } = new("netvision", "0.44", ".1.3.6.1.4.1.4555.1.1.1", ".1.3.6.1.4.1.4555.1.1.1.1.1.1.0", null, NetvisionMibEntries);
}

