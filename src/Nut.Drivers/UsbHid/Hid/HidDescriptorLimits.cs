namespace Nut.Drivers.UsbHid.Hid;

/// <summary>
/// Bounds the descriptor parser enforces, so a hostile or broken device cannot make the driver allocate without
/// limit. The first two are NUT's own buffer sizes (REPORT_DSC_SIZE, MAX_REPORT); the others are ours.
/// </summary>
public static class HidDescriptorLimits
{
    /// <summary>Largest report descriptor parsed (bytes beyond this are ignored and reported as an error).</summary>
    public const int MaxDescriptorBytes = 6144;

    /// <summary>
    /// Most value fields with a declared usage (NUT's count). NUT keeps no field for the values a Report Count
    /// gives beyond the declared usages; we repeat the last usage for them (HID spec), and those are bounded by
    /// <see cref="MaxFieldsWithRepeats"/> instead, so that we accept every descriptor NUT accepts.
    /// </summary>
    public const int MaxFields = 500;

    /// <summary>Most value fields in all, repeated usages included.</summary>
    public const int MaxFieldsWithRepeats = 4 * MaxFields;

    /// <summary>Largest Report Size of a value field; the codec reads at most 32 bits.</summary>
    public const int MaxFieldBits = 32;

    /// <summary>Deepest collection nesting (NUT's path holds a handful of nodes; real UPSes use at most 5).</summary>
    public const int MaxCollectionDepth = 16;

    /// <summary>Deepest Push stack.</summary>
    public const int MaxPushDepth = 16;

    /// <summary>Most Usage / Usage Min..Max entries before one main item (NUT keeps 50).</summary>
    public const int MaxLocalUsages = 256;

    /// <summary>Largest report, in bits after the ID byte (a USB control transfer carries at most 65535 bytes).</summary>
    public const long MaxReportBits = 8L * 65535;
}
