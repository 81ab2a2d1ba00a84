namespace Nut.Drivers.UsbHid.Hid;

/// <summary>The three kinds of HID report (the high byte of wValue in GET_REPORT / SET_REPORT).</summary>
public enum HidReportType : byte { Input = 1, Output = 2, Feature = 3 }

/// <summary>
/// One value of a HID report, as the report descriptor declares it: where its bits are, how to turn them into a
/// number, and the usage path that names it (collection usages from the outside in, then the field's own usage).
/// Usages are 32-bit: usage page in the high 16 bits, usage id in the low 16. An indexed collection
/// (collection type 0x80..0xFF, MGE/Eaton's repeated <c>Flow</c>/<c>Input</c>) adds a path node
/// <see cref="HidPathNode.Index"/> | index, which NUT prints as <c>[index]</c>.
/// </summary>
/// <param name="Path">Collection usages, index nodes, then the field's usage (last).</param>
/// <param name="Type">Input, Output or Feature.</param>
/// <param name="ReportId">0 when the descriptor declares no report IDs (then reports carry no ID byte).</param>
/// <param name="BitOffset">Bit offset of the value inside the report, counted after the report-ID byte.</param>
/// <param name="BitSize">Report Size of this value in bits (1..32).</param>
/// <param name="LogicalMin">Logical Minimum, sign-extended from its item.</param>
/// <param name="LogicalMax">Logical Maximum; when it reads below LogicalMin it is re-read unsigned (NUT's rule).</param>
/// <param name="PhysicalMin">Physical Minimum (equal to the logical range when none was declared).</param>
/// <param name="PhysicalMax">Physical Maximum.</param>
/// <param name="UnitExponent">The Unit Exponent item as a signed number (nibble 0x0F = -1).</param>
/// <param name="Unit">The Unit item (0 = none; 0x00F0D121 = volt, 0x0000D121 = watt/VA, ...).</param>
/// <param name="MainFlags">The data of the Input/Output/Feature item (bit 0 constant, bit 1 variable, ...).</param>
public sealed record HidField(
    uint[] Path, HidReportType Type, byte ReportId, int BitOffset, int BitSize,
    long LogicalMin, long LogicalMax, long PhysicalMin, long PhysicalMax,
    int UnitExponent, uint Unit, uint MainFlags)
{
    /// <summary>The field's own usage (the last path node).</summary>
    public uint Usage => Path[^1];
}

/// <summary>Path nodes that are not usages.</summary>
public static class HidPathNode
{
    /// <summary>
    /// An indexed collection's node is this | index (1..127). Usage page 0 is "undefined" in the HID tables, so no
    /// real usage collides with it.
    /// </summary>
    public const uint Index = 0x0000_FF00;

    public static bool IsIndex(uint node) => (node & 0xFFFF_FF80) == Index;
}
