// Generated from the mapping facts of NUT 2.8.0 drivers/mge-mib.c (variable names, OIDs, multipliers, flags and
// lookup values only) by our own generator; the representation is ours (see MibEntry).
using F = Nut.Drivers.Snmp.Mib.MibFlags;
using I = Nut.Drivers.Snmp.Mib.InfoFlags;

namespace Nut.Drivers.Snmp.Mib.Tables;

/// <summary>The mge mapping (NUT: mge-mib.c).</summary>
public static class MgeMib
{
    static readonly MibLookup MgeAmbientDrycontactsInfo = new([(-1, "unknown"), (1, "closed"), (2, "opened")]);
    static readonly MibLookup MgeBeeperStatusInfo = new([(1, "disabled"), (2, "enabled"), (3, "muted")]);
    static readonly MibLookup MgeBoostInfo = new([(1, "BOOST"), (2, "")]);
    static readonly MibLookup MgeBypassInfo = new([(1, "BYPASS"), (2, "")]);
    static readonly MibLookup MgeLowbattInfo = new([(1, "LB"), (2, "")]);
    static readonly MibLookup MgeOnbattInfo = new([(1, "OB"), (2, "OL")]);
    static readonly MibLookup MgeOutputUtilOffInfo = new([(1, "OFF"), (2, "")]);
    static readonly MibLookup MgeOverloadInfo = new([(1, "OVER"), (2, "")]);
    static readonly MibLookup MgePowerSourceInfo = new([(1, ""), (2, "OFF"), (4, "BYPASS"), (5, "OB"), (6, "BOOST"), (7, "TRIM")]);
    static readonly MibLookup MgeReplacebattInfo = new([(1, "RB"), (2, "")]);
    static readonly MibLookup MgeTestResultInfo = new([(1, "done and passed"), (2, "done and warning"), (3, "done and error"), (4, "aborted"), (5, "in progress"), (6, "no test initiated")]);
    static readonly MibLookup MgeTransferReasonInfo = new([(1, ""), (2, "input voltage out of range"), (3, "input frequency out of range"), (4, "utility off")]);
    static readonly MibLookup MgeTrimInfo = new([(1, "TRIM"), (2, "")]);
    static readonly MibLookup MgeYesNoInfo = new([(1, "yes"), (2, "no")]);

    static readonly MibEntry[] MgeMibEntries =
    [
        new("device.description", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.1.0", null, F.None),
        new("device.contact", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.4.0", null, F.None),
        new("device.location", I.String | I.Rw, 128, ".1.3.6.1.2.1.1.6.0", null, F.None),
        new("ups.mfr", I.String, 128, null, "Eaton", F.Static | F.Absent),
        new("ups.model", I.String, 128, ".1.3.6.1.4.1.705.1.1.1.0", "Generic SNMP UPS", F.Static),
        new("ups.serial", I.String, 128, ".1.3.6.1.4.1.705.1.1.7.0", "", F.Static),
        new("ups.firmware", I.String, 128, ".1.3.6.1.4.1.705.1.1.4.0", "", F.Static),
        new("ups.firmware.aux", I.String, 128, ".1.3.6.1.4.1.705.1.12.12.0", "", F.Static),
        new("ups.load", I.None, 1, ".1.3.6.1.4.1.705.1.7.2.1.4.1", "", F.Output1),
        new("ups.beeper.status", I.String, 128, "1.3.6.1.2.1.33.1.9.8.0", "", F.None, MgeBeeperStatusInfo),
        new("ups.L1.load", I.None, 1, ".1.3.6.1.4.1.705.1.7.2.1.4.1", "", F.Output3),
        new("ups.L2.load", I.None, 1, ".1.3.6.1.4.1.705.1.7.2.1.4.2", "", F.Output3),
        new("ups.L3.load", I.None, 1, ".1.3.6.1.4.1.705.1.7.2.1.4.3", "", F.Output3),
        new("ups.test.result", I.String, 128, ".1.3.6.1.2.1.33.1.7.3.0", "", F.None, MgeTestResultInfo),
        new("ups.delay.shutdown", I.String | I.Rw, 6, "1.3.6.1.2.1.33.1.8.2.0", "20", F.Absent),
        new("ups.delay.start", I.String | I.Rw, 6, "1.3.6.1.2.1.33.1.8.3.0", "30", F.Absent),
        new("ups.timer.shutdown", I.None, 1, "1.3.6.1.2.1.33.1.8.2.0", "", F.None),
        new("ups.timer.start", I.None, 1, "1.3.6.1.2.1.33.1.8.3.0", "", F.None),
        new("ups.timer.reboot", I.None, 1, "1.3.6.1.2.1.33.1.8.4.0", "", F.None),
        new("ups.start.auto", I.Rw, 1, "1.3.6.1.2.1.33.1.8.5.0", "", F.None, MgeYesNoInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.5.11.0", "", F.StatusBatt, MgeReplacebattInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.5.14.0", "", F.StatusBatt, MgeLowbattInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.5.16.0", "", F.StatusBatt, MgeLowbattInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.7.3.0", "", F.StatusBatt, MgeOnbattInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.7.4.0", "", F.StatusBatt, MgeBypassInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.7.7.0", "", F.StatusBatt, MgeOutputUtilOffInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.7.8.0", "", F.StatusBatt, MgeBoostInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.7.10.0", "", F.StatusBatt, MgeOverloadInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.4.1.705.1.7.12.0", "", F.StatusBatt, MgeTrimInfo),
        new("ups.status", I.String, 128, ".1.3.6.1.2.1.33.1.4.1.0", "", F.StatusPwr, MgePowerSourceInfo),
        new("input.phases", I.None, 1.0, ".1.3.6.1.4.1.705.1.6.1.0", "", F.None),
        new("input.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.2.1", "", F.Input1),
        new("input.L1-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.2.1", "", F.Input3),
        new("input.L2-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.2.2", "", F.Input3),
        new("input.L3-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.2.3", "", F.Input3),
        new("input.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.3.1", "", F.Input1),
        new("input.L1.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.3.1", "", F.Input3),
        new("input.L2.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.3.2", "", F.Input3),
        new("input.L3.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.3.3", "", F.Input3),
        new("input.voltage.minimum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.4.1", "", F.Input1),
        new("input.L1-N.voltage.minimum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.4.1", "", F.Input3),
        new("input.L2-N.voltage.minimum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.4.2", "", F.Input3),
        new("input.L3-N.voltage.minimum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.4.3", "", F.Input3),
        new("input.voltage.maximum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.5.1", "", F.Input1),
        new("input.L1-N.voltage.maximum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.5.1", "", F.Input3),
        new("input.L2-N.voltage.maximum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.5.2", "", F.Input3),
        new("input.L3-N.voltage.maximum", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.5.3", "", F.Input3),
        new("input.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.6.1", "", F.Input1),
        new("input.L1.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.6.1", "", F.Input3),
        new("input.L2.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.6.2", "", F.Input3),
        new("input.L3.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.6.2.1.6.3", "", F.Input3),
        new("input.transfer.reason", I.String, 128, ".1.3.6.1.4.1.705.1.6.4.0", "", F.None, MgeTransferReasonInfo),
        new("output.phases", I.None, 1.0, ".1.3.6.1.4.1.705.1.7.1.0", "", F.None),
        new("output.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.2.1", "", F.Output1),
        new("output.L1-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.2.1", "", F.Output3),
        new("output.L2-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.2.2", "", F.Output3),
        new("output.L3-N.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.2.3", "", F.Output3),
        new("output.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.3.1", "", F.Output1),
        new("output.L1.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.3.1", "", F.Output3),
        new("output.L2.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.3.2", "", F.Output3),
        new("output.L3.frequency", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.3.3", "", F.Output3),
        new("output.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.5.1", "", F.Output1),
        new("output.L1.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.5.1", "", F.Output3),
        new("output.L2.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.5.2", "", F.Output3),
        new("output.L3.current", I.None, 0.1, ".1.3.6.1.4.1.705.1.7.2.1.5.3", "", F.Output3),
        new("battery.charge", I.None, 1, ".1.3.6.1.4.1.705.1.5.2.0", "", F.None),
        new("battery.runtime", I.None, 1, ".1.3.6.1.4.1.705.1.5.1.0", "", F.None),
        new("battery.runtime.low", I.None, 1, ".1.3.6.1.4.1.705.1.4.7.0", "", F.None),
        new("battery.charge.low", I.String | I.Rw, 2, ".1.3.6.1.4.1.705.1.4.8.0", "", F.TypeInt),
        new("battery.voltage", I.None, 0.1, ".1.3.6.1.4.1.705.1.5.5.0", "", F.None),
        new("ambient.temperature", I.None, 0.1, ".1.3.6.1.4.1.705.1.8.1.0", "", F.TypeInt),
        new("ambient.humidity", I.None, 0.1, ".1.3.6.1.4.1.705.1.8.2.0", "", F.TypeInt),
        new("ambient.contacts.1.status", I.String, 128, ".1.3.6.1.4.1.705.1.8.7.1.9.1", "", F.TypeInt, MgeAmbientDrycontactsInfo),
        new("ambient.contacts.2.status", I.String, 128, ".1.3.6.1.4.1.705.1.8.7.1.10.1", "", F.TypeInt, MgeAmbientDrycontactsInfo),
        new("outlet.id", I.None, 1, null, "0", F.Static | F.Absent),
        new("outlet.desc", I.Rw | I.String, 20, null, "Main Outlet", F.Static | F.Absent),
        new("test.battery.start", I.None, 1, ".1.3.6.1.4.1.705.1.10.4.0", "2", F.Command),
        new("beeper.disable", I.None, 1, "1.3.6.1.2.1.33.1.9.8.0", "1", F.Command),
        new("beeper.enable", I.None, 1, "1.3.6.1.2.1.33.1.9.8.0", "2", F.Command),
        new("beeper.mute", I.None, 1, "1.3.6.1.2.1.33.1.9.8.0", "3", F.Command),
        new("load.off.delay", I.None, 1, "1.3.6.1.2.1.33.1.8.2.0", null, F.Command),
        new("load.on.delay", I.None, 1, "1.3.6.1.2.1.33.1.8.3.0", null, F.Command),
    ];

    public static MibMapping Mge { get; } = new("mge", "0.55", ".1.3.6.1.4.1.705.1", ".1.3.6.1.4.1.705.1.1.1.0", null, MgeMibEntries);
}

