// Generated from the mapping facts of NUT 2.8.0 drivers/ietf-mib.c (variable names, OIDs, multipliers, flags and
// lookup values only) by our own generator; the representation is ours (see MibEntry).
using F = Nut.Drivers.Snmp.Mib.MibFlags;
using I = Nut.Drivers.Snmp.Mib.InfoFlags;

namespace Nut.Drivers.Snmp.Mib.Tables;

/// <summary>The ietf mapping (NUT: ietf-mib.c).</summary>
public static class IetfMib
{
    static readonly MibLookup IetfBatteryInfo = new([(1, ""), (2, ""), (3, "LB"), (4, "LB")]);
    static readonly MibLookup IetfBeeperStatusInfo = new([(1, "disabled"), (2, "enabled"), (3, "muted")]);
    static readonly MibLookup IetfOverloadInfo = new([(1, "OVER")]);
    static readonly MibLookup IetfPowerSourceInfo = new([(1, ""), (2, "OFF"), (3, "OL"), (4, "OL BYPASS"), (5, "OB"), (6, "OL BOOST"), (7, "OL TRIM")]);
    static readonly MibLookup IetfTestActiveInfo = new([(1, ""), (2, ""), (3, "TEST"), (4, "TEST"), (5, "CAL")]);
    static readonly MibLookup IetfTestResultInfo = new([(1, "done and passed"), (2, "done and warning"), (3, "done and error"), (4, "aborted"), (5, "in progress"), (6, "no test initiated")]);
    static readonly MibLookup IetfYesNoInfo = new([(1, "yes"), (2, "no")]);

    static readonly MibEntry[] IetfMibEntries =
    [
        new("device.description", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.1.0", null, F.None),
        new("device.contact", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.4.0", null, F.None),
        new("device.location", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.6.0", null, F.None),
        new("ups.mfr", I.String, 128, "1.3.6.1.2.1.33.1.1.1.0", "Generic", F.Static),
        new("ups.model", I.String, 128, "1.3.6.1.2.1.33.1.1.2.0", "Generic SNMP UPS", F.Static),
        new("ups.firmware", I.String, 128, "1.3.6.1.2.1.33.1.1.3.0", "", F.Static),
        new("ups.firmware.aux", I.String, 128, "1.3.6.1.2.1.33.1.1.4.0", "", F.Static),
        new("ups.status", I.String, 128, "1.3.6.1.2.1.33.1.2.1.0", "", F.StatusBatt, IetfBatteryInfo),
        new("battery.runtime", I.None, 60.0, "1.3.6.1.2.1.33.1.2.3.0", "", F.None),
        new("battery.charge", I.None, 1, "1.3.6.1.2.1.33.1.2.4.0", "", F.None),
        new("battery.voltage", I.None, 0.1, "1.3.6.1.2.1.33.1.2.5.0", "", F.None),
        new("battery.current", I.None, 0.1, "1.3.6.1.2.1.33.1.2.6.0", "", F.None),
        new("battery.temperature", I.None, 1.0, "1.3.6.1.2.1.33.1.2.7.0", "", F.None),
        new("input.phases", I.None, 1.0, "1.3.6.1.2.1.33.1.3.2.0", "", F.None),
        new("input.frequency", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.2.1", "", F.Input1),
        new("input.L1.frequency", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.2.1", "", F.Input3),
        new("input.L2.frequency", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.2.2", "", F.Input3),
        new("input.L3.frequency", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.2.3", "", F.Input3),
        new("input.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.3.1", "", F.Input1),
        new("input.L1-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.3.1", "", F.Input3),
        new("input.L2-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.3.2", "", F.Input3),
        new("input.L3-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.3.3", "", F.Input3),
        new("input.current", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.4.1", "", F.Input1),
        new("input.L1.current", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.4.1", "", F.Input3),
        new("input.L2.current", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.4.2", "", F.Input3),
        new("input.L3.current", I.None, 0.1, "1.3.6.1.2.1.33.1.3.3.1.4.3", "", F.Input3),
        new("input.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.5.1", "", F.Input1),
        new("input.L1.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.5.1", "", F.Input3),
        new("input.L2.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.5.2", "", F.Input3),
        new("input.L3.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.3.3.1.5.3", "", F.Input3),
        new("ups.status", I.String, 128, "1.3.6.1.2.1.33.1.4.1.0", "", F.StatusPwr, IetfPowerSourceInfo),
        new("output.frequency", I.None, 0.1, "1.3.6.1.2.1.33.1.4.2.0", "", F.None),
        new("output.phases", I.None, 1.0, "1.3.6.1.2.1.33.1.4.3.0", "", F.None),
        new("output.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.2.1", "", F.Output1),
        new("output.L1-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.2.1", "", F.Output3),
        new("output.L2-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.2.2", "", F.Output3),
        new("output.L3-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.2.3", "", F.Output3),
        new("output.current", I.None, 0.1, "1.3.6.1.2.1.33.1.4.4.1.3.1", "", F.Output1),
        new("output.L1.current", I.None, 0.1, "1.3.6.1.2.1.33.1.4.4.1.3.1", "", F.Output3),
        new("output.L2.current", I.None, 0.1, "1.3.6.1.2.1.33.1.4.4.1.3.2", "", F.Output3),
        new("output.L3.current", I.None, 0.1, "1.3.6.1.2.1.33.1.4.4.1.3.3", "", F.Output3),
        new("output.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.4.1", "", F.Output1),
        new("output.L1.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.4.1", "", F.Output3),
        new("output.L2.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.4.2", "", F.Output3),
        new("output.L3.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.4.3", "", F.Output3),
        new("ups.load", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.5.1", "", F.Output1),
        new("output.L1.power.percent", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.5.1", "", F.Output3),
        new("output.L2.power.percent", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.5.2", "", F.Output3),
        new("output.L3.power.percent", I.None, 1.0, "1.3.6.1.2.1.33.1.4.4.1.5.3", "", F.Output3),
        new("input.bypass.phases", I.None, 1.0, "1.3.6.1.2.1.33.1.5.2.0", "", F.None),
        new("input.bypass.frequency", I.None, 0.1, "1.3.6.1.2.1.33.1.5.1.0", "", F.Bypass1 | F.Bypass3),
        new("input.bypass.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.2.1", "", F.Bypass1),
        new("input.bypass.L1-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.2.1", "", F.Bypass3),
        new("input.bypass.L2-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.2.2", "", F.Bypass3),
        new("input.bypass.L3-N.voltage", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.2.3", "", F.Bypass3),
        new("input.bypass.current", I.None, 0.1, "1.3.6.1.2.1.33.1.5.3.1.3.1", "", F.Bypass1),
        new("input.bypass.L1.current", I.None, 0.1, "1.3.6.1.2.1.33.1.5.3.1.3.1", "", F.Bypass3),
        new("input.bypass.L2.current", I.None, 0.1, "1.3.6.1.2.1.33.1.5.3.1.3.2", "", F.Bypass3),
        new("input.bypass.L3.current", I.None, 0.1, "1.3.6.1.2.1.33.1.5.3.1.3.3", "", F.Bypass3),
        new("input.bypass.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.4.1", "", F.Bypass1),
        new("input.bypass.L1.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.4.1", "", F.Bypass3),
        new("input.bypass.L2.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.4.2", "", F.Bypass3),
        new("input.bypass.L3.realpower", I.None, 1.0, "1.3.6.1.2.1.33.1.5.3.1.4.3", "", F.Bypass3),
        new("ups.status", I.String, 128, "1.3.6.1.2.1.33.1.6.3.8", "", F.None, IetfOverloadInfo),
        new("ups.status", I.String, 128, "1.3.6.1.2.1.33.1.7.1.0", "", F.None, IetfTestActiveInfo),
        new("test.battery.stop", I.None, 1, "1.3.6.1.2.1.33.1.7.1.0", "0", F.Command),
        new("test.battery.start", I.None, 1, "1.3.6.1.2.1.33.1.7.1.0", "0", F.Command),
        new("test.battery.start.quick", I.None, 1, "1.3.6.1.2.1.33.1.7.1.0", "0", F.Command),
        new("test.battery.start.deep", I.None, 1, "1.3.6.1.2.1.33.1.7.1.0", "0", F.Command),
        new("ups.test.result", I.String, 128, "1.3.6.1.2.1.33.1.7.3.0", "", F.None, IetfTestResultInfo),
        new("ups.timer.shutdown", I.String | I.Rw, 8, "1.3.6.1.2.1.33.1.8.2.0", "", F.None),
        new("load.off", I.None, 1, "1.3.6.1.2.1.33.1.8.2.0", "0", F.Command),
        new("ups.timer.start", I.String | I.Rw, 8, "1.3.6.1.2.1.33.1.8.3.0", "", F.None),
        new("load.on", I.None, 1, "1.3.6.1.2.1.33.1.8.3.0", "0", F.Command),
        new("ups.timer.reboot", I.String | I.Rw, 8, "1.3.6.1.2.1.33.1.8.4.0", "", F.None),
        new("ups.start.auto", I.String, 128, "1.3.6.1.2.1.33.1.8.5.0", "", F.None, IetfYesNoInfo),
        new("input.voltage.nominal", I.None, 1.0, "1.3.6.1.2.1.33.1.9.1.0", "", F.None),
        new("input.frequency.nominal", I.None, 0.1, "1.3.6.1.2.1.33.1.9.2.0", "", F.None),
        new("output.voltage.nominal", I.None, 1.0, "1.3.6.1.2.1.33.1.9.3.0", "", F.None),
        new("output.frequency.nominal", I.None, 0.1, "1.3.6.1.2.1.33.1.9.4.0", "", F.None),
        new("output.power.nominal", I.None, 1.0, "1.3.6.1.2.1.33.1.9.5.0", "", F.None),
        new("output.realpower.nominal", I.None, 1.0, "1.3.6.1.2.1.33.1.9.6.0", "", F.None),
        new("battery.runtime.low", I.None, 60.0, "1.3.6.1.2.1.33.1.9.7.0", "", F.None),
        new("ups.beeper.status", I.String, 128, "1.3.6.1.2.1.33.1.9.8.0", "", F.None, IetfBeeperStatusInfo),
        new("beeper.disable", I.None, 1, "1.3.6.1.2.1.33.1.9.8.0", "1", F.Command),
        new("beeper.enable", I.None, 1, "1.3.6.1.2.1.33.1.9.8.0", "2", F.Command),
        new("beeper.mute", I.None, 1, "1.3.6.1.2.1.33.1.9.8.0", "3", F.Command),
        new("input.transfer.low", I.None, 1.0, "1.3.6.1.2.1.33.1.9.9.0", "", F.None),
        new("input.transfer.high", I.None, 1.0, "1.3.6.1.2.1.33.1.9.10.0", "", F.None),
    ];

    public static MibMapping Ietf { get; } = new("ietf", "1.54", ".1.3.6.1.2.1.33", "1.3.6.1.2.1.33.1.1.1.0", "1.3.6.1.2.1.33.1.4.1.0", IetfMibEntries);
}

