using Nut.Drivers.UsbHid.Hid;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>
/// The vendor usage names that appear in the testdata .reports.txt files, with the codes NUT's subdrivers give them
/// (apc-hid, mge-hid, tripplite-hid). Test-only: the subdrivers' production tables are another task's.
/// </summary>
internal static class HidFixtureVendorNames
{
    private static readonly (string, uint)[] Apc =
    [
        ("APCGeneralCollection", 0xFF860005), ("APCBattReplaceDate", 0xFF860016), ("APC_UPS_FirmwareRevision", 0xFF860042),
        ("APCLineFailCause", 0xFF860052), ("APCStatusFlag", 0xFF860060), ("APCSensitivity", 0xFF860061),
        ("APCPanelTest", 0xFF860072), ("APCDelayBeforeReboot", 0xFF86007C), ("APCDelayBeforeShutdown", 0xFF86007D),
    ];

    private static readonly (string, uint)[] Mge =
    [
        ("Inverter", 0xFFFF0014), ("ConfigurationFailure", 0xFFFF002D), ("ConverterType", 0xFFFF0041),
        ("AutomaticRestart", 0xFFFF0043), ("ForcedReboot", 0xFFFF0044), ("TestPeriod", 0xFFFF0045),
        ("EnergySaving", 0xFFFF0046), ("StartOnBattery", 0xFFFF0047), ("Schedule", 0xFFFF0048),
        ("DeepDischargeProtection", 0xFFFF0049), ("ShortCircuit", 0xFFFF004A), ("SensitivityMode", 0xFFFF004C),
        ("RemainingCapacityLimitSetting", 0xFFFF004D), ("LowVoltageBoostTransfer", 0xFFFF0050),
        ("HighVoltageBuckTransfer", 0xFFFF0053), ("ShutdownTimer", 0xFFFF005D), ("RestartLevel", 0xFFFF005F),
        ("EmergencyStop", 0xFFFF0068), ("PowerFactor", 0xFFFF0069), ("ChargerType", 0xFFFF006B),
        ("ControlStandby", 0xFFFF0072), ("VoltageTooHigh", 0xFFFF0074), ("VoltageTooLow", 0xFFFF0075),
        ("FanFailure", 0xFFFF0077), ("Floating", 0xFFFF0079), ("Efficiency", 0xFFFF0086), ("ABMEnable", 0xFFFF0087),
        ("Mode", 0xFFFF0094), ("Country", 0xFFFF0095), ("iModel", 0xFFFF00F0), ("iVersion", 0xFFFF00F1),
        ("iPartNumber", 0xFFFF00F3),
    ];

    private static readonly (string, uint)[] TrippLite =
    [
        ("TLCustom", 0xFFFF0010), ("TLDelayBeforeStartup", 0xFFFF0056), ("TLLowVoltageTransferMax", 0xFFFF0057),
        ("TLLowVoltageTransferMin", 0xFFFF0058), ("TLHighVoltageTransferMax", 0xFFFF0059),
        ("TLHighVoltageTransferMin", 0xFFFF005A), ("UPSFirmwareVersion", 0xFFFF007C),
        ("CommunicationProtocolVersion", 0xFFFF007D), ("TLWatchdog", 0xFFFF0092), ("TLOutletsAvailableMask", 0xFFFF0095),
        ("TLOutletsStatusMask", 0xFFFF0096),
    ];

    /// <summary>The table NUT would use for a fixture, chosen by the file's vendor prefix.</summary>
    public static HidUsageTable For(string fixture) => fixture.Split('-')[0] switch
    {
        "apc" => HidUsageTable.Standard.With(Apc),
        "eaton" => HidUsageTable.Standard.With(Mge),
        "tripplite" => HidUsageTable.Standard.With(TrippLite),
        _ => HidUsageTable.Standard,
    };
}
