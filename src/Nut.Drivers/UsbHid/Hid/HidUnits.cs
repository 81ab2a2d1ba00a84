namespace Nut.Drivers.UsbHid.Hid;

/// <summary>
/// The HID Unit item values UPSes use, and the exponent correction NUT applies to them: HID's SI-linear system
/// counts in centimetres and grams, so a volt (kg·m²/(A·s³)) or a watt carries a hidden factor 10^7.
/// </summary>
public static class HidUnits
{
    public const uint None = 0;
    public const uint Volt = 0x00F0D121;
    public const uint Watt = 0x0000D121; // also used for VA
    public const uint Ampere = 0x00100001;
    public const uint Second = 0x00001001;
    public const uint Kelvin = 0x00010001;
    public const uint Hertz = 0x0000F001;
    public const uint AmpereSecond = 0x00101001;

    /// <summary>What NUT subtracts from the Unit Exponent for this unit before scaling (7 for volt and watt, else 0).</summary>
    public static int ExponentCorrection(uint unit) => unit is Volt or Watt ? 7 : 0;
}
