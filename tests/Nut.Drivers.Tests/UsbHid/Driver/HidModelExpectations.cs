namespace Nut.Drivers.Tests.UsbHid.Driver;

/// <summary>
/// What usbhid-ups must publish for each testdata/hid model that has report values: the values that follow from
/// the recorded reports (FACTS.md §6 and the reports files), the ddl dump of the same model to compare with, the
/// USB strings of the unit (taken from that dump: the recordings hold no strings), and the variables whose ddl
/// value depends on the unit's state when the dump was taken (listed in the test output, not hidden).
/// </summary>
public sealed record HidModel(
    string Name, string? Ddl, string ExtraReportLines,
    Dictionary<string, string> MustMatch, Dictionary<string, string> StateDependent)
{
    public static readonly HidModel[] All =
    [
        new("apc-back-ups-es-850g2", "APC/APC__Back-UPS_ES_850G2__usbhid-ups__2.8.0__01.dev",
            "DEVICE 051d:0002 1 2 3\nSTRING 1 American Power Conversion\nSTRING 2 Back-UPS ES 850G2 FW:938.a2 .I USB FW:a2 \nSTRING 3 5B2250T07387\nSTRING 4 PbAc\n",
            new()
            {
                ["battery.charge"] = "100", ["battery.charge.low"] = "10", ["battery.charge.warning"] = "50",
                ["battery.runtime"] = "868", ["battery.runtime.low"] = "120", ["battery.voltage"] = "13.4",
                ["battery.voltage.nominal"] = "12.0", ["battery.type"] = "PbAc", ["battery.date"] = "2001/09/25",
                ["battery.mfr.date"] = "2021/03/02", ["ups.mfr.date"] = "2021/03/02",
                ["input.sensitivity"] = "medium", ["input.transfer.high"] = "266", ["input.transfer.low"] = "180",
                ["input.voltage"] = "228.0", ["input.voltage.nominal"] = "230", ["ups.beeper.status"] = "enabled",
                ["ups.delay.shutdown"] = "20", ["ups.load"] = "34", ["ups.realpower.nominal"] = "520",
                ["ups.status"] = "OL", ["ups.test.result"] = "No test initiated", ["ups.timer.reboot"] = "0",
                ["ups.timer.shutdown"] = "-1", ["ups.vendorid"] = "051d", ["ups.productid"] = "0002",
                ["ups.mfr"] = "American Power Conversion", ["ups.model"] = "Back-UPS ES 850G2", ["ups.firmware"] = "938.a2 .I",
                ["driver.version.data"] = "APC HID 0.98",
            },
            new()
            {
                ["battery.runtime"] = "runtime at dump time", ["battery.voltage"] = "battery voltage at dump time",
                ["input.voltage"] = "mains voltage at dump time", ["ups.load"] = "load at dump time",
                ["battery.mfr.date"] = "the dumped unit is another (newer) unit", ["ups.mfr.date"] = "another unit",
                ["ups.serial"] = "NUT keeps the string's trailing blanks; the reports format trims them", ["ups.firmware.aux"] = "the reports format trims the string's trailing blank",
            }),
        new("apc-back-ups-bx1600mi", null,
            "DEVICE 051d:0002 1 2 0\nSTRING 1 American Power Conversion\nSTRING 2 Back-UPS BX1600MI FW:378600G -302202G \nSTRING 4 PbAc\n",
            new()
            {
                // LogMax -1 on RemainingCapacity (issue 1208): read unsigned, so 100 not garbage.
                ["battery.charge"] = "100", ["battery.charge.low"] = "20", ["battery.runtime"] = "3320",
                ["battery.runtime.low"] = "180", ["battery.voltage.nominal"] = "24.0",
                ["input.voltage"] = "237.0", ["input.voltage.nominal"] = "230", ["input.transfer.low"] = "145",
                ["input.transfer.high"] = "295", ["input.sensitivity"] = "medium", ["ups.load"] = "10",
                ["ups.realpower.nominal"] = "900", ["ups.status"] = "OL", ["ups.test.result"] = "Done and passed",
                ["ups.beeper.status"] = "enabled", ["ups.timer.reboot"] = "0", ["ups.timer.shutdown"] = "-1",
                ["ups.delay.shutdown"] = "20", ["ups.model"] = "Back-UPS BX1600MI",
            },
            []),
        new("cyberpower-cp1500pfclcd", "Cyber_Power_Systems/Cyber_Power_Systems__CP1500PFCLCD__usbhid-ups__2.7.4__01.dev",
            "DEVICE 0764:0501 3 1 2\nSTRING 1 CP1500PFCLCD\nSTRING 2 000000000000\nSTRING 3 CPS\nSTRING 4 PbAcid\n",
            new()
            {
                ["battery.charge"] = "100", ["battery.charge.low"] = "10", ["battery.charge.warning"] = "20",
                ["battery.runtime"] = "9180", ["battery.runtime.low"] = "300", ["battery.voltage"] = "24.0",
                ["battery.voltage.nominal"] = "24", ["battery.type"] = "PbAcid", ["battery.mfr.date"] = "CPS",
                ["input.transfer.high"] = "139", ["input.transfer.low"] = "88", ["input.voltage"] = "121.0",
                ["input.voltage.nominal"] = "120", ["output.voltage"] = "121.0", ["ups.beeper.status"] = "enabled",
                ["ups.delay.shutdown"] = "20", ["ups.delay.start"] = "30", ["ups.load"] = "3",
                ["ups.realpower.nominal"] = "900", ["ups.status"] = "OL", ["ups.test.result"] = "No test initiated",
                ["ups.timer.shutdown"] = "-60", ["ups.timer.start"] = "-60", ["ups.vendorid"] = "0764",
                ["ups.productid"] = "0501", ["ups.mfr"] = "CPS", ["ups.model"] = "CP1500PFCLCD", ["ups.serial"] = "000000000000",
                ["driver.version.data"] = "CyberPower HID 0.6",
            },
            new()
            {
                ["battery.runtime"] = "runtime at dump time", ["input.voltage"] = "mains at dump time",
                ["ups.load"] = "load at dump time", ["ups.test.result"] = "a test had run before the dump",
                ["output.voltage"] = "the 2.7.4 dump shows the output-voltage descriptor bug (140.0) NUT later fixed",
            }),
        new("eaton-5sc-750", "Eaton/Eaton__5SC_750__usbhid-ups__2.7.2__01.dev",
            "DEVICE 0463:ffff 1 2 3\nSTRING 1 EATON\nSTRING 2 Eaton 5SC 750\nSTRING 3 G132D23006\nSTRING 4 PbAc\nSTRING 5 01.06.0016\n",
            new()
            {
                ["battery.charge"] = "100", ["battery.charge.low"] = "20", ["battery.runtime"] = "1772",
                ["battery.type"] = "PbAc", ["battery.protection"] = "yes", ["battery.energysave"] = "no",
                ["battery.charge.restart"] = "0", ["input.voltage"] = "227.7", ["input.voltage.nominal"] = "230", ["input.frequency"] = "49.9",
                ["input.frequency.nominal"] = "50", ["input.transfer.high"] = "264", ["input.transfer.low"] = "176",
                ["input.transfer.boost.low"] = "198", ["input.transfer.trim.high"] = "233",
                ["output.voltage.nominal"] = "220", ["output.frequency.nominal"] = "50", ["output.voltage"] = "227.7",
                ["output.powerfactor"] = "0.91", ["ups.type"] = "offline / line interactive",
                ["ups.power.nominal"] = "750", ["ups.realpower.nominal"] = "525", ["ups.load.high"] = "105",
                // The recording's last rows (later polls of reports 0x31 and 0x42) are the values that count.
                ["ups.load"] = "29", ["ups.realpower"] = "147", ["ups.power"] = "160", ["ups.efficiency"] = "78",
                ["ups.beeper.status"] = "enabled", ["ups.firmware"] = "01.06.0016", ["ups.test.interval"] = "604800",
                ["ups.test.result"] = "Done and passed", ["ups.start.auto"] = "yes", ["ups.start.battery"] = "yes",
                ["ups.start.reboot"] = "yes", ["ups.delay.shutdown"] = "20", ["ups.delay.start"] = "30",
                // ABM on (ABMEnable 1) and the charger resting (Mode 4): NUT 2.7.4+ ignores the Charging bit then.
                ["ups.status"] = "OL", ["battery.charger.status"] = "resting",
                ["ups.vendorid"] = "0463", ["ups.productid"] = "ffff",
                ["ups.mfr"] = "EATON", ["ups.model"] = "Eaton 5SC 750", ["ups.serial"] = "G132D23006",
                ["outlet.1.status"] = "on", ["ups.shutdown"] = "enabled", ["outlet.desc"] = "Main Outlet",
                ["outlet.id"] = "0", ["outlet.switchable"] = "no",
                ["driver.version.data"] = "MGE HID 1.46",
            },
            new()
            {
                ["battery.runtime"] = "runtime at dump time", ["input.voltage"] = "mains at dump time",
                ["output.voltage"] = "the dump was taken with the output off (OFF in its status)",
                ["ups.status"] = "the dump's unit was in OL CHRG TRIM OFF (NUT 2.7.2, before ABM support)", ["ups.load"] = "load at dump time",
                ["ups.power"] = "load at dump time", ["ups.realpower"] = "load at dump time",
                ["ups.efficiency"] = "load at dump time", ["output.powerfactor"] = "load at dump time",
                ["input.transfer.high"] = "set differently on the dumped unit", ["input.transfer.low"] = "set differently on the dumped unit",
                ["input.transfer.boost.low"] = "set differently", ["input.transfer.trim.high"] = "set differently",
                ["input.sensitivity"] = "SensitivityMode 1 in the recording (NUT 2.7.4 log); 1 is high in NUT 2.7.2 and 2.8.0 alike, so the 2.7.2 dump's unit was set to 0",
                ["input.frequency"] = "mains at dump time", ["output.frequency"] = "the dump's output was off",
                ["output.current"] = "load at dump time", ["output.voltage.nominal"] = "configured 220 V on the recorded unit",
                ["ups.timer.shutdown"] = "report not in the recording", ["ups.timer.start"] = "report not in the recording",
            }),
        new("tripplite-usb4003", "Tripp_Lite/Tripp_Lite__SU1500RTXL2UA__usbhid-ups__2.2.1__02.dev",
            "DEVICE 09ae:4003 4 6 0\nSTRING 4 Tripp Lite\nSTRING 6 TRIPP LITE UPS\nSTRING 10 PbAc\n",
            new()
            {
                ["battery.charge"] = "100", ["battery.charge.low"] = "25", ["battery.charge.warning"] = "50",
                ["battery.runtime"] = "2311", ["battery.type"] = "PbAc", ["battery.temperature"] = "23.9",
                ["input.voltage.nominal"] = "120", ["input.transfer.low"] = "65.0", ["input.transfer.high"] = "138.0",
                ["output.voltage.nominal"] = "120", ["output.frequency.nominal"] = "60", ["output.voltage"] = "120.0",
                ["output.frequency"] = "60.0", ["input.frequency"] = "60.0", ["ups.power.nominal"] = "3000",
                ["ups.load"] = "20", ["ups.beeper.status"] = "enabled", ["ups.test.result"] = "Done and passed",
                // The recording's last status snapshot (report 0x32 = 64 00 00) has ACPresent 0, not discharging.
                ["ups.status"] = "OB", ["ups.vendorid"] = "09ae", ["ups.productid"] = "4003", ["ups.mfr"] = "Tripp Lite",
                ["ups.model"] = "TRIPP LITE UPS", ["ups.delay.shutdown"] = "20", ["ups.delay.start"] = "30",
                ["driver.version.data"] = "TrippLite HID 0.84",
            },
            new()
            {
                ["battery.runtime"] = "runtime at dump time", ["battery.voltage"] = "NUT 2.2.1 scaled this differently",
                ["battery.voltage.nominal"] = "the dump is a 48 V SU1500RTXL2UA, the recording a 3000 VA unit",
                ["ups.power.nominal"] = "different unit size", ["battery.charge.low"] = "set differently",
                ["battery.temperature"] = "temperature at dump time", ["input.voltage"] = "mains at dump time",
                ["output.voltage"] = "at dump time", ["ups.load"] = "at dump time",
                ["ups.delay.shutdown"] = "NUT 2.2.1 published the device timer here",
                ["ups.status"] = "the recording ends with ACPresent 0", ["input.voltage"] = "report not in the recording",
                ["battery.voltage"] = "report not in the recording", ["output.current"] = "report not in the recording",
                ["ups.power"] = "report not in the recording", ["ups.serial"] = "no serial string in the recording",
                ["ups.delay.reboot"] = "NUT 2.2.1 only", ["ups.delay.start"] = "NUT 2.2.1 published the device timer here",
            }),
    ];
}
