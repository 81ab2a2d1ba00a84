// Generated from the mapping facts of NUT 2.8.0 drivers/cyberpower-mib.c (variable names, OIDs, multipliers, flags and
// lookup values only) by our own generator; the representation is ours (see MibEntry).
using F = Nut.Drivers.Snmp.Mib.MibFlags;
using I = Nut.Drivers.Snmp.Mib.InfoFlags;

namespace Nut.Drivers.Snmp.Mib.Tables;

/// <summary>The cyberpower mapping (NUT: cyberpower-mib.c).</summary>
public static class CyberPowerMib
{
    static readonly MibLookup CyberpowerBatteryStatus = new([(1, ""), (2, ""), (3, "LB")]);
    static readonly MibLookup CyberpowerBattreplStatus = new([(1, ""), (2, "RB")]);
    static readonly MibLookup CyberpowerCalStatus = new([(1, ""), (2, ""), (3, "CAL")]);
    static readonly MibLookup CyberpowerPowerStatus = new([(1, "NULL"), (2, "OL"), (3, "OB"), (4, "OL BOOST"), (5, "OFF"), (6, "OFF"), (7, "OL"), (8, "OL"), (9, "OL BYPASS"), (10, "OL TRIM"), (11, "OL OVER")]);

    static readonly MibEntry[] CyberpowerMibEntries =
    [
        new("device.description", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.1.0", null, F.None),
        new("device.contact", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.4.0", null, F.None),
        new("device.location", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.6.0", null, F.None),
        new("device.type", I.String, 128, null, "ups", F.Static | F.Absent),
        new("ups.mfr", I.String, 128, null, "CYBERPOWER", F.Static | F.Absent),
        new("ups.model", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.1.1.1.0", "CyberPower", F.Static),
        new("ups.serial", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.1.2.3.0", "", F.Static),
        new("ups.firmware", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.1.2.1.0", "", F.Static),
        new("ups.mfr.date", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.1.2.2.0", "", F.None),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.4.1.1.0", "", F.StatusPwr, CyberpowerPowerStatus),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.2.1.1.0", "", F.StatusBatt, CyberpowerBatteryStatus),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.7.2.7.0", "", F.StatusCal, CyberpowerCalStatus),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.3808.1.1.1.2.2.5.0", "", F.StatusRb, CyberpowerBattreplStatus),
        new("ups.load", I.None, 1.0, ".1.3.6.1.4.1.3808.1.1.1.4.2.3.0", "", F.None),
        new("battery.runtime", I.None, 1.0, ".1.3.6.1.4.1.3808.1.1.1.2.2.4.0", "", F.None),
        new("battery.runtime.elapsed", I.None, 1.0, ".1.3.6.1.4.1.3808.1.1.1.2.1.2.0", "", F.None),
        new("battery.voltage", I.None, 0.1, ".1.3.6.1.2.1.33.1.2.5.0", "", F.None),
        new("battery.voltage", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.2.2.2.0", "", F.None),
        new("battery.voltage.nominal", I.None, 1.0, ".1.3.6.1.4.1.3808.1.1.1.2.2.8.0", "", F.None),
        new("battery.current", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.4.2.4.0", "", F.None),
        new("battery.current", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.2.2.7.0", "", F.None),
        new("battery.charge", I.None, 1.0, ".1.3.6.1.4.1.3808.1.1.1.2.2.1.0", "", F.None),
        new("battery.temperature", I.None, 1.0, ".1.3.6.1.4.1.3808.1.1.1.2.2.3.0", "", F.None),
        new("input.voltage", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.3.2.1.0", "", F.None),
        new("input.frequency", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.3.2.4.0", "", F.None),
        new("output.voltage", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.4.2.1.0", "", F.None),
        new("output.frequency", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.4.2.2.0", "", F.None),
        new("output.current", I.None, 0.1, ".1.3.6.1.4.1.3808.1.1.1.4.2.4.0", "", F.None),
        new("ups.delay.start", I.Rw, 1.0, ".1.3.6.1.4.1.3808.1.1.1.5.2.9.0", "0", F.TypeTime),
        new("ups.delay.reboot", I.None, 1.0, null, "0", F.Absent),
        new("ups.delay.shutdown", I.Rw, 1.0, ".1.3.6.1.4.1.3808.1.1.1.5.2.11.0", "60", F.TypeTime),
        new("load.off", I.None, 2, ".1.3.6.1.4.1.3808.1.1.1.6.2.1.0", null, F.Command),
        new("load.on", I.None, 2, ".1.3.6.1.4.1.3808.1.1.1.6.2.6.0", null, F.Command),
        new("shutdown.stayoff", I.None, 3, ".1.3.6.1.4.1.3808.1.1.1.6.2.6.0", null, F.Command),
        new("shutdown.return", I.None, 3, ".1.3.6.1.4.1.3808.1.1.1.6.2.3.0", null, F.Command),
        new("test.failure.start", I.None, 2, ".1.3.6.1.4.1.3808.1.1.1.6.2.4.0", null, F.Command),
        new("test.panel.start", I.None, 2, ".1.3.6.1.4.1.3808.1.1.1.7.2.5.0", null, F.Command),
        new("test.battery.start", I.None, 2, ".1.3.6.1.4.1.3808.1.1.1.7.2.2.0", null, F.Command),
        new("calibrate.start", I.None, 2, ".1.3.6.1.4.1.3808.1.1.1.7.2.6.0", null, F.Command),
        new("calibrate.stop", I.None, 3, ".1.3.6.1.4.1.3808.1.1.1.7.2.6.0", null, F.Command),
    ];

    public static MibMapping Cyberpower { get; } = new("cyberpower", "0.51", ".1.3.6.1.4.1.3808.1.1.1", ".1.3.6.1.4.1.3808.1.1.1.1.1.1.0", null, CyberpowerMibEntries);
}

