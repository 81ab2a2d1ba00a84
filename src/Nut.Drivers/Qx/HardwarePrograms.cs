using Nut.Core.Programs;
using Nut.Drivers.Qx;

namespace Nut.Drivers.Hardware;

/// <summary>The hardware drivers of the Qx, ApcSmart and Generic folders, for the multi-call executable.</summary>
public static class HardwarePrograms
{
    public static IReadOnlyList<NutProgram> All { get; } =
    [
        new NutProgram("nutdrv_qx", QxDriver.RunNutdrvQx, "Generic Q* USB/Serial driver"),
        new NutProgram("blazer_ser", QxDriver.RunBlazerSer, "Megatec/Q1 protocol serial driver"),
        new NutProgram("blazer_usb", QxDriver.RunBlazerUsb, "Megatec/Q1 protocol USB driver"),
        new NutProgram("apcsmart", ApcSmart.ApcSmartDriver.Run, "APC Smart protocol driver"),
        new NutProgram("genericups", Generic.GenericUps.Run, "Generic contact-closure UPS driver"),
        new NutProgram("usbhid-ups", UsbHid.UsbHidDriver.Run, "Generic HID driver"),
        new NutProgram("snmp-ups", Snmp.SnmpUpsDriver.Run, "Generic SNMP UPS driver"),
    ];
}
