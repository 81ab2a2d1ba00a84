namespace Nut.Drivers.UsbHid.Hid;

/// <summary>
/// A parsed HID report descriptor: every value field with its usage path and bit position, and the length of each
/// report. Built by <see cref="Parse"/>, which never throws: a broken descriptor yields the fields read up to the
/// fault and an error text naming the byte offset.
/// </summary>
public sealed class HidReportDescriptor
{
    private readonly HidField[] _fields;
    private readonly (HidReportType Type, byte Id, long Bits)[] _reports;

    internal HidReportDescriptor(HidField[] fields, (HidReportType Type, byte Id, long Bits)[] reports, bool usesReportIds)
    {
        _fields = fields;
        _reports = reports;
        UsesReportIds = usesReportIds;
    }

    /// <summary>
    /// Parses <paramref name="bytes"/>. <paramref name="error"/> is null for a well-formed descriptor, else the first
    /// fault ("offset 12: truncated item ..."); the result then holds what was parsed before it.
    /// </summary>
    public static HidReportDescriptor Parse(ReadOnlySpan<byte> bytes, out string? error) =>
        HidDescriptorParser.Parse(bytes, out error);

    /// <summary>Value fields in descriptor order (constant padding without a usage is not a field).</summary>
    public IReadOnlyList<HidField> Fields => _fields;

    /// <summary>True when the descriptor declares report IDs, so every report starts with its ID byte.</summary>
    public bool UsesReportIds { get; }

    /// <summary>The report IDs of this type (0 when the descriptor has none), distinct, in descriptor order.</summary>
    public IEnumerable<byte> ReportIds(HidReportType type)
    {
        foreach (var r in _reports)
            if (r.Type == type)
                yield return r.Id;
    }

    /// <summary>
    /// The report's length in bytes as the device sends it: its bits rounded up, plus the ID byte when
    /// <see cref="UsesReportIds"/>. 0 for a report the descriptor does not declare.
    /// </summary>
    public int ReportLength(HidReportType type, byte reportId)
    {
        foreach (var r in _reports)
            if (r.Type == type && r.Id == reportId)
                return (int)((r.Bits + 7) / 8) + (UsesReportIds ? 1 : 0);
        return 0;
    }

    /// <summary>The first field of this type whose path equals <paramref name="path"/> (NUT's lookup), or null.</summary>
    public HidField? Find(HidReportType type, IReadOnlyList<uint> path)
    {
        foreach (var f in _fields)
            if (f.Type == type && PathEquals(f.Path, path))
                return f;
        return null;
    }

    /// <summary>The fields carried by one report, in bit order of declaration.</summary>
    public IEnumerable<HidField> FieldsOf(HidReportType type, byte reportId)
    {
        foreach (var f in _fields)
            if (f.Type == type && f.ReportId == reportId)
                yield return f;
    }

    private static bool PathEquals(uint[] a, IReadOnlyList<uint> b)
    {
        if (a.Length != b.Count) return false;
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return false;
        return true;
    }
}
