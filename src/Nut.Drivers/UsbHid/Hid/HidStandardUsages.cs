namespace Nut.Drivers.UsbHid.Hid;

/// <summary>
/// Usage names of the USB "HID Usage Tables for Power Devices" 1.0: the Power Device page (0x84) and the Battery
/// System page (0x85), spelled as NUT spells them in usage paths (iDevicename, SwitchOn/Off ...).
/// </summary>
internal static class HidStandardUsages
{
    private const uint Pd = 0x0084_0000, Bs = 0x0085_0000;

    public static readonly (string Name, uint Usage)[] All =
    [
        // Power Device page: collections and their IDs
        ("Undefined", Pd | 0x00), ("iName", Pd | 0x01), ("PresentStatus", Pd | 0x02), ("ChangedStatus", Pd | 0x03),
        ("UPS", Pd | 0x04), ("PowerSupply", Pd | 0x05),
        ("BatterySystem", Pd | 0x10), ("BatterySystemID", Pd | 0x11), ("Battery", Pd | 0x12), ("BatteryID", Pd | 0x13),
        ("Charger", Pd | 0x14), ("ChargerID", Pd | 0x15), ("PowerConverter", Pd | 0x16), ("PowerConverterID", Pd | 0x17),
        ("OutletSystem", Pd | 0x18), ("OutletSystemID", Pd | 0x19), ("Input", Pd | 0x1A), ("InputID", Pd | 0x1B),
        ("Output", Pd | 0x1C), ("OutputID", Pd | 0x1D), ("Flow", Pd | 0x1E), ("FlowID", Pd | 0x1F),
        ("Outlet", Pd | 0x20), ("OutletID", Pd | 0x21), ("Gang", Pd | 0x22), ("GangID", Pd | 0x23),
        ("PowerSummary", Pd | 0x24), ("PowerSummaryID", Pd | 0x25),
        // measures
        ("Voltage", Pd | 0x30), ("Current", Pd | 0x31), ("Frequency", Pd | 0x32), ("ApparentPower", Pd | 0x33),
        ("ActivePower", Pd | 0x34), ("PercentLoad", Pd | 0x35), ("Temperature", Pd | 0x36), ("Humidity", Pd | 0x37),
        ("BadCount", Pd | 0x38),
        // configuration
        ("ConfigVoltage", Pd | 0x40), ("ConfigCurrent", Pd | 0x41), ("ConfigFrequency", Pd | 0x42),
        ("ConfigApparentPower", Pd | 0x43), ("ConfigActivePower", Pd | 0x44), ("ConfigPercentLoad", Pd | 0x45),
        ("ConfigTemperature", Pd | 0x46), ("ConfigHumidity", Pd | 0x47),
        // controls
        ("SwitchOnControl", Pd | 0x50), ("SwitchOffControl", Pd | 0x51), ("ToggleControl", Pd | 0x52),
        ("LowVoltageTransfer", Pd | 0x53), ("HighVoltageTransfer", Pd | 0x54), ("DelayBeforeReboot", Pd | 0x55),
        ("DelayBeforeStartup", Pd | 0x56), ("DelayBeforeShutdown", Pd | 0x57), ("Test", Pd | 0x58),
        ("ModuleReset", Pd | 0x59), ("AudibleAlarmControl", Pd | 0x5A),
        // status
        ("Present", Pd | 0x60), ("Good", Pd | 0x61), ("InternalFailure", Pd | 0x62), ("VoltageOutOfRange", Pd | 0x63),
        ("FrequencyOutOfRange", Pd | 0x64), ("Overload", Pd | 0x65), ("OverCharged", Pd | 0x66),
        ("OverTemperature", Pd | 0x67), ("ShutdownRequested", Pd | 0x68), ("ShutdownImminent", Pd | 0x69),
        ("SwitchOn/Off", Pd | 0x6B), ("Switchable", Pd | 0x6C), ("Used", Pd | 0x6D), ("Boost", Pd | 0x6E),
        ("Buck", Pd | 0x6F), ("Initialized", Pd | 0x70), ("Tested", Pd | 0x71), ("AwaitingPower", Pd | 0x72),
        ("CommunicationLost", Pd | 0x73),
        // strings
        ("iManufacturer", Pd | 0xFD), ("iProduct", Pd | 0xFE), ("iSerialNumber", Pd | 0xFF),

        // Battery System page: SMBus
        ("Undefined", Bs | 0x00), ("SMBBatteryMode", Bs | 0x01), ("SMBBatteryStatus", Bs | 0x02),
        ("SMBAlarmWarning", Bs | 0x03), ("SMBChargerMode", Bs | 0x04), ("SMBChargerStatus", Bs | 0x05),
        ("SMBChargerSpecInfo", Bs | 0x06), ("SMBSelectorState", Bs | 0x07), ("SMBSelectorPresets", Bs | 0x08),
        ("SMBSelectorInfo", Bs | 0x09),
        ("OptionalMfgFunction1", Bs | 0x10), ("OptionalMfgFunction2", Bs | 0x11), ("OptionalMfgFunction3", Bs | 0x12),
        ("OptionalMfgFunction4", Bs | 0x13), ("OptionalMfgFunction5", Bs | 0x14), ("ConnectionToSMBus", Bs | 0x15),
        ("OutputConnection", Bs | 0x16), ("ChargerConnection", Bs | 0x17), ("BatteryInsertion", Bs | 0x18),
        ("Usenext", Bs | 0x19), ("OKToUse", Bs | 0x1A), ("BatterySupported", Bs | 0x1B), ("SelectorRevision", Bs | 0x1C),
        ("ChargingIndicator", Bs | 0x1D),
        // battery settings and controls
        ("ManufacturerAccess", Bs | 0x28), ("RemainingCapacityLimit", Bs | 0x29), ("RemainingTimeLimit", Bs | 0x2A),
        ("AtRate", Bs | 0x2B), ("CapacityMode", Bs | 0x2C), ("BroadcastToCharger", Bs | 0x2D),
        ("PrimaryBattery", Bs | 0x2E), ("ChargeController", Bs | 0x2F),
        // battery status
        ("TerminateCharge", Bs | 0x40), ("TerminateDischarge", Bs | 0x41), ("BelowRemainingCapacityLimit", Bs | 0x42),
        ("RemainingTimeLimitExpired", Bs | 0x43), ("Charging", Bs | 0x44), ("Discharging", Bs | 0x45),
        ("FullyCharged", Bs | 0x46), ("FullyDischarged", Bs | 0x47), ("ConditioningFlag", Bs | 0x48),
        ("AtRateOK", Bs | 0x49), ("SMBErrorCode", Bs | 0x4A), ("NeedReplacement", Bs | 0x4B),
        // battery measures
        ("AtRateTimeToFull", Bs | 0x60), ("AtRateTimeToEmpty", Bs | 0x61), ("AverageCurrent", Bs | 0x62),
        ("Maxerror", Bs | 0x63), ("RelativeStateOfCharge", Bs | 0x64), ("AbsoluteStateOfCharge", Bs | 0x65),
        ("RemainingCapacity", Bs | 0x66), ("FullChargeCapacity", Bs | 0x67), ("RunTimeToEmpty", Bs | 0x68),
        ("AverageTimeToEmpty", Bs | 0x69), ("AverageTimeToFull", Bs | 0x6A), ("CycleCount", Bs | 0x6B),
        // battery identity
        ("BattPackModelLevel", Bs | 0x80), ("InternalChargeController", Bs | 0x81), ("PrimaryBatterySupport", Bs | 0x82),
        ("DesignCapacity", Bs | 0x83), ("SpecificationInfo", Bs | 0x84), ("ManufacturerDate", Bs | 0x85),
        ("SerialNumber", Bs | 0x86), ("iManufacturerName", Bs | 0x87), ("iDevicename", Bs | 0x88),
        ("iDeviceChemistry", Bs | 0x89), ("ManufacturerData", Bs | 0x8A), ("Rechargeable", Bs | 0x8B),
        ("WarningCapacityLimit", Bs | 0x8C), ("CapacityGranularity1", Bs | 0x8D), ("CapacityGranularity2", Bs | 0x8E),
        ("iOEMInformation", Bs | 0x8F),
        // charger
        ("InhibitCharge", Bs | 0xC0), ("EnablePolling", Bs | 0xC1), ("ResetToZero", Bs | 0xC2),
        ("ACPresent", Bs | 0xD0), ("BatteryPresent", Bs | 0xD1), ("PowerFail", Bs | 0xD2), ("AlarmInhibited", Bs | 0xD3),
        ("ThermistorUnderRange", Bs | 0xD4), ("ThermistorHot", Bs | 0xD5), ("ThermistorCold", Bs | 0xD6),
        ("ThermistorOverRange", Bs | 0xD7), ("VoltageOutOfRange", Bs | 0xD8), ("CurrentOutOfRange", Bs | 0xD9),
        ("CurrentNotRegulated", Bs | 0xDA), ("VoltageNotRegulated", Bs | 0xDB), ("MasterMode", Bs | 0xDC),
        ("ChargerSelectorSupport", Bs | 0xF0), ("ChargerSpec", Bs | 0xF1), ("Level2", Bs | 0xF2), ("Level3", Bs | 0xF3),
    ];
}
