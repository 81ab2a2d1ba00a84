namespace Nut.Drivers.UsbHid.Hid;

/// <summary>
/// The item walk behind <see cref="HidReportDescriptor.Parse"/>. Follows the HID 1.11 item grammar with NUT's
/// readings where devices disagree with the spec (see docs/usbhid-internals.md): a field exists whenever its main
/// item has a usage, constant or not; LogMax below LogMin is re-read unsigned; Unit Exponent is a signed nibble.
/// </summary>
internal sealed class HidDescriptorParser
{
    private static readonly int[] DataSizes = [0, 1, 2, 4];

    /// <summary>Global items; copied whole by Push/Pop.</summary>
    private struct Globals
    {
        public uint UsagePage;
        public long LogicalMin, LogicalMax, PhysicalMin, PhysicalMax;
        public bool HasPhysicalMin, HasPhysicalMax;
        public int UnitExponent;
        public uint Unit;
        public uint ReportSize, ReportCount;
        public byte ReportId;
    }

    private Globals _g;
    private readonly Stack<Globals> _pushed = new();
    private readonly List<uint> _path = [];
    private readonly Stack<int> _collectionNodes = new(); // path nodes each open collection added (1, or 2 with an index)
    private readonly List<(uint First, uint Last)> _usages = [];
    private uint? _usageMin;
    private readonly List<HidField> _fields = [];
    private int _nutFields; // fields NUT would keep: those whose usage was declared, not repeated
    private readonly List<(HidReportType Type, byte Id, long Bits)> _reports = [];
    private bool _usesReportIds;

    public static HidReportDescriptor Parse(ReadOnlySpan<byte> bytes, out string? error)
    {
        var p = new HidDescriptorParser();
        error = null;
        try
        {
            string? tooBig = null;
            if (bytes.Length > HidDescriptorLimits.MaxDescriptorBytes)
            {
                tooBig = $"descriptor is {bytes.Length} bytes, more than the {HidDescriptorLimits.MaxDescriptorBytes} parsed; the rest is ignored";
                bytes = bytes[..HidDescriptorLimits.MaxDescriptorBytes];
            }
            error = p.Walk(bytes) ?? tooBig;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defence in depth: Parse must never throw on device data. Reaching this is a parser bug.
            error = $"internal parser error: {e.Message}";
        }
        return new HidReportDescriptor([.. p._fields], [.. p._reports], p._usesReportIds);
    }

    /// <summary>Runs over the items; returns the first error or null.</summary>
    private string? Walk(ReadOnlySpan<byte> d)
    {
        int pos = 0;
        while (pos < d.Length)
        {
            int at = pos;
            byte prefix = d[pos++];
            if (prefix == 0xFE)
            {
                // Long item: size byte, tag byte, data. No UPS uses them; skip as the spec says.
                if (pos + 2 > d.Length)
                    return $"offset {at}: truncated long item (expected a size and a tag byte after 0xFE)";
                int longSize = d[pos];
                pos += 2;
                if (pos + longSize > d.Length)
                    return $"offset {at}: truncated long item (expected {longSize} data bytes, {d.Length - pos} left)";
                pos += longSize;
                continue;
            }

            int size = DataSizes[prefix & 3];
            if (pos + size > d.Length)
                return $"offset {at}: truncated item 0x{prefix:x2} (expected {size} data byte{(size == 1 ? "" : "s")}, {d.Length - pos} left)";
            uint u = 0;
            for (int i = 0; i < size; i++)
                u |= (uint)d[pos + i] << (8 * i);
            long s = size switch { 1 => (sbyte)u, 2 => (short)u, 4 => (int)u, _ => 0 };
            pos += size;

            string? err = ((prefix >> 2) & 3) switch
            {
                0 => Main(at, prefix & 0xFC, u),
                1 => Global(at, prefix & 0xFC, u, s, size),
                2 => Local(at, prefix & 0xFC, u, size),
                _ => null, // reserved item type: ignored
            };
            if (err != null) return err;
        }
        if (_collectionNodes.Count > 0)
            return $"offset {d.Length}: end of descriptor with {_collectionNodes.Count} collection{(_collectionNodes.Count == 1 ? "" : "s")} not closed (expected End Collection 0xC0)";
        return null;
    }

    private string? Global(int at, int tag, uint u, long s, int size)
    {
        switch (tag)
        {
            case 0x04: _g.UsagePage = u & 0xFFFF; break;
            case 0x14: _g.LogicalMin = s; break;
            case 0x24:
                // Firmware often writes 255 as a 1-byte 0xFF (= -1). NUT re-reads it unsigned when it lands below
                // the Logical Minimum already seen; without that, APC BX and many CyberPower fields decode as garbage.
                _g.LogicalMax = s < _g.LogicalMin ? u : s;
                break;
            case 0x34: _g.PhysicalMin = s; _g.HasPhysicalMin = true; break;
            case 0x44: _g.PhysicalMax = s; _g.HasPhysicalMax = true; break;
            case 0x54:
                // 4-bit two's complement (0x0F = -1) as NUT reads it: the byte as signed, values above 7 get the
                // high nibble set.
                int e = (sbyte)(byte)u;
                _g.UnitExponent = e > 7 ? (sbyte)(byte)(e | 0xF0) : e;
                break;
            case 0x64: _g.Unit = u; break;
            case 0x74: _g.ReportSize = u; break;
            case 0x84:
                if (u is 0 or > 255)
                    return $"offset {at}: Report ID {u} (expected 1..255)";
                _g.ReportId = (byte)u;
                _usesReportIds = true;
                break;
            case 0x94: _g.ReportCount = u; break;
            case 0xA4:
                if (_pushed.Count >= HidDescriptorLimits.MaxPushDepth)
                    return $"offset {at}: Push nested deeper than {HidDescriptorLimits.MaxPushDepth}";
                _pushed.Push(_g);
                break;
            case 0xB4:
                if (_pushed.Count == 0)
                    return $"offset {at}: Pop without Push";
                _g = _pushed.Pop();
                break;
        }
        return null;
    }

    private string? Local(int at, int tag, uint u, int size)
    {
        // A 4-byte usage carries its own page; shorter ones take the current Usage Page (as it is now, like NUT).
        uint usage = size == 4 ? u : (_g.UsagePage << 16) | (u & 0xFFFF);
        switch (tag)
        {
            case 0x08:
                return AddUsages(at, usage, usage);
            case 0x18:
                _usageMin = usage;
                break;
            case 0x28:
                if (_usageMin is not uint min)
                    return $"offset {at}: Usage Maximum without Usage Minimum";
                _usageMin = null;
                if (usage < min || (usage >> 16) != (min >> 16))
                    return $"offset {at}: Usage Maximum 0x{usage:x8} below Usage Minimum 0x{min:x8} or on another page";
                return AddUsages(at, min, usage);
        }
        return null;
    }

    private string? AddUsages(int at, uint first, uint last)
    {
        if (_usages.Count >= HidDescriptorLimits.MaxLocalUsages)
            return $"offset {at}: more than {HidDescriptorLimits.MaxLocalUsages} usages before one main item";
        _usages.Add((first, last));
        return null;
    }

    private void ResetLocals()
    {
        _usages.Clear();
        _usageMin = null;
    }

    /// <summary>
    /// Takes the next local usage; when they run out the last one repeats (<paramref name="repeated"/>); 0 when
    /// there is none.
    /// </summary>
    private uint NextUsage(ref int range, ref uint next, out bool repeated)
    {
        repeated = _usages.Count > 0 && range >= _usages.Count;
        if (_usages.Count == 0) return 0;
        if (repeated) return _usages[^1].Last;
        uint u = next;
        if (next < _usages[range].Last) next++;
        else if (++range < _usages.Count) next = _usages[range].First;
        return u;
    }

    private string? Main(int at, int tag, uint u)
    {
        switch (tag)
        {
            case 0xA0: // Collection
                if (_collectionNodes.Count >= HidDescriptorLimits.MaxCollectionDepth)
                    return $"offset {at}: collections nested deeper than {HidDescriptorLimits.MaxCollectionDepth}";
                _path.Add(_usages.Count > 0 ? _usages[0].First : 0);
                int nodes = 1;
                if ((u & 0xFF) >= 0x80)
                {
                    // Vendor-defined collection types 0x80..0xFF: MGE/Eaton number repeated Flow/Input
                    // collections this way; NUT shows them as [index].
                    _path.Add(HidPathNode.Index | (u & 0x7F));
                    nodes = 2;
                }
                _collectionNodes.Push(nodes);
                ResetLocals();
                return null;
            case 0xC0: // End Collection
                if (_collectionNodes.Count == 0)
                    return $"offset {at}: End Collection without an open Collection";
                _path.RemoveRange(_path.Count - _collectionNodes.Peek(), _collectionNodes.Pop());
                ResetLocals();
                return null;
            case 0x80: return Values(at, HidReportType.Input, u);
            case 0x90: return Values(at, HidReportType.Output, u);
            case 0xB0: return Values(at, HidReportType.Feature, u);
            default:
                ResetLocals();
                return null;
        }
    }

    /// <summary>An Input/Output/Feature item: Report Count values of Report Size bits each.</summary>
    private string? Values(int at, HidReportType type, uint flags)
    {
        try
        {
            uint size = _g.ReportSize, count = _g.ReportCount;
            if (size == 0 || count == 0) return null;
            int report = ReportIndex(type, _g.ReportId);
            if (_usages.Count == 0)
            {
                // Padding: takes bits, yields no field (NUT keeps a field only when it has a usage).
                return AddBits(at, report, (long)size * count);
            }
            if (size > HidDescriptorLimits.MaxFieldBits)
                return $"offset {at}: Report Size {size} bits for a value (expected at most {HidDescriptorLimits.MaxFieldBits})";

            int range = 0;
            uint next = _usages[0].First;
            // With usages, every value gets one (the last repeats), so the field limits bound this loop.
            for (uint i = 0; i < count; i++)
            {
                uint usage = NextUsage(ref range, ref next, out bool repeated);
                long offset = _reports[report].Bits;
                string? err = AddBits(at, report, size);
                if (err != null) return err;
                if (usage == 0) continue; // an explicit Usage 0: NUT's "continuation", no field
                // NUT keeps no field for a repeated usage, so only the others count against its limit.
                if (!repeated && ++_nutFields > HidDescriptorLimits.MaxFields)
                    return $"offset {at}: more than {HidDescriptorLimits.MaxFields} fields";
                if (_fields.Count >= HidDescriptorLimits.MaxFieldsWithRepeats)
                    return $"offset {at}: more than {HidDescriptorLimits.MaxFieldsWithRepeats} fields counting repeated usages";
                _fields.Add(MakeField(usage, type, (int)offset, (int)size, flags));
            }
            return null;
        }
        finally
        {
            ResetLocals();
        }
    }

    private HidField MakeField(uint usage, HidReportType type, int offset, int size, uint flags)
    {
        uint[] path = new uint[_path.Count + 1];
        _path.CopyTo(path);
        path[^1] = usage;
        // HID: a physical range that is missing (either end) or 0..0 means "same as the logical range".
        bool physical = _g.HasPhysicalMin && _g.HasPhysicalMax && !(_g.PhysicalMin == 0 && _g.PhysicalMax == 0);
        return new HidField(path, type, _g.ReportId, offset, size,
            _g.LogicalMin, _g.LogicalMax,
            physical ? _g.PhysicalMin : _g.LogicalMin, physical ? _g.PhysicalMax : _g.LogicalMax,
            _g.UnitExponent, _g.Unit, flags);
    }

    private int ReportIndex(HidReportType type, byte id)
    {
        for (int i = 0; i < _reports.Count; i++)
            if (_reports[i].Type == type && _reports[i].Id == id)
                return i;
        _reports.Add((type, id, 0));
        return _reports.Count - 1;
    }

    private string? AddBits(int at, int report, long bits)
    {
        var r = _reports[report];
        if (r.Bits + bits > HidDescriptorLimits.MaxReportBits)
            return $"offset {at}: report {r.Type} 0x{r.Id:x2} longer than {HidDescriptorLimits.MaxReportBits / 8} bytes";
        _reports[report] = (r.Type, r.Id, r.Bits + bits);
        return null;
    }
}
