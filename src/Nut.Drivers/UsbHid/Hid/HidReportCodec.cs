namespace Nut.Drivers.UsbHid.Hid;

/// <summary>
/// Reads and writes one field's bits in a report buffer and converts between its logical value and the physical
/// value NUT publishes. Never throws: a report too short for a field is "no value" on read and is left as is on
/// write.
/// </summary>
public static class HidReportCodec
{
    /// <summary>
    /// The field's bits from <paramref name="report"/> (the bytes as the device sends them, ID byte first when
    /// <c>f.ReportId != 0</c>), sign-extended when the Logical Minimum is negative. False when the report is too
    /// short for the field. Extra trailing bytes (some APC units send more than declared) are ignored.
    /// </summary>
    public static bool TryReadRaw(HidField f, ReadOnlySpan<byte> report, out long raw)
    {
        raw = 0;
        if (f.BitSize is < 1 or > HidDescriptorLimits.MaxFieldBits || f.BitOffset < 0) return false;
        int start = f.ReportId != 0 ? 1 : 0;
        long endByte = start + ((long)f.BitOffset + f.BitSize + 7) / 8;
        if (endByte > report.Length) return false;

        ulong bits = 0;
        for (int i = 0; i < f.BitSize; i++)
        {
            int bit = f.BitOffset + i;
            if ((report[start + (bit >> 3)] & (1 << (bit & 7))) != 0)
                bits |= 1UL << i;
        }
        raw = f.LogicalMin < 0 ? SignExtend(bits, f.BitSize) : (long)bits;
        return true;
    }

    /// <summary>
    /// Sets the field's bits in <paramref name="report"/> to the low bits of <paramref name="raw"/>, leaving every
    /// other bit alone. Bits beyond the end of a short buffer are not written.
    /// </summary>
    public static void WriteRaw(HidField f, Span<byte> report, long raw)
    {
        if (f.BitSize is < 1 or > HidDescriptorLimits.MaxFieldBits || f.BitOffset < 0) return;
        int start = f.ReportId != 0 ? 1 : 0;
        for (int i = 0; i < f.BitSize; i++)
        {
            long bit = (long)f.BitOffset + i;
            long index = start + (bit >> 3);
            if (index >= report.Length) return;
            byte mask = (byte)(1 << (int)(bit & 7));
            if (((raw >> i) & 1) != 0) report[(int)index] |= mask;
            else report[(int)index] &= (byte)~mask;
        }
    }

    /// <summary>
    /// NUT's reading of a raw value: excess high bits dropped (by the width the logical range needs), sign-extended
    /// when the range is signed, then clamped to LogicalMin..LogicalMax. <see cref="ToValue"/> applies it.
    /// </summary>
    public static long Normalize(HidField f, long raw)
    {
        ulong magMax = f.LogicalMax >= 0 ? (ulong)f.LogicalMax : (ulong)(-(f.LogicalMax + 1));
        ulong magMin = f.LogicalMin >= 0 ? (ulong)f.LogicalMin : (ulong)(-(f.LogicalMin + 1));
        int signBitIndex = HighBit(Math.Max(magMax, magMin));
        if (signBitIndex < 63)
        {
            ulong signBit = 1UL << signBitIndex;
            ulong mask = (signBit - 1) | (f.LogicalMin < 0 ? signBit : 0);
            ulong v = (ulong)raw & mask;
            if (f.LogicalMin < 0 && (v & signBit) != 0) v |= ~mask;
            raw = (long)v;
        }
        if (raw < f.LogicalMin) return f.LogicalMin;
        if (raw > f.LogicalMax) return f.LogicalMax;
        return raw;
    }

    /// <summary>
    /// The physical value NUT reports: <see cref="Normalize"/>, logical to physical (linear, clamped to the
    /// physical range, when the descriptor declares a usable one), then times 10^(UnitExponent - k) with k = 7 for
    /// volt and watt units (<see cref="HidUnits.ExponentCorrection"/>).
    /// </summary>
    public static double ToValue(HidField f, long raw)
    {
        long logical = Normalize(f, raw);
        double physical = logical;
        if (HasPhysicalScale(f))
        {
            double factor = (double)(f.PhysicalMax - f.PhysicalMin) / (f.LogicalMax - f.LogicalMin);
            physical = (logical - f.LogicalMin) * factor + f.PhysicalMin;
            physical = Math.Clamp(physical, f.PhysicalMin, f.PhysicalMax);
        }
        return Scale(physical, f.UnitExponent - HidUnits.ExponentCorrection(f.Unit));
    }

    /// <summary>
    /// The raw value that <see cref="ToValue"/> maps to <paramref name="value"/>: exponent undone, physical to
    /// logical, rounded to the nearest integer and clamped to the logical range. NaN gives LogicalMin.
    /// </summary>
    public static long FromValue(HidField f, double value)
    {
        double v = Scale(value, HidUnits.ExponentCorrection(f.Unit) - f.UnitExponent);
        if (HasPhysicalScale(f))
        {
            double factor = (double)(f.LogicalMax - f.LogicalMin) / (f.PhysicalMax - f.PhysicalMin);
            // As NUT's libhid: whole logical steps above PhysicalMin (truncated), plus LogicalMin. On a field in
            // minutes 30 s is then 0 and -1 s stays -1 ("cancel"), as Debian's driver sends; rounding sent 1 and 0
            // (0 = shut down now). The 1e-9 absorbs binary round-off (2.9999999999999996 steps are 3).
            double steps = (v - f.PhysicalMin) * factor;
            v = Math.Truncate(steps + (steps >= 0 ? 1e-9 : -1e-9)) + f.LogicalMin;
        }
        long lo = Math.Min(f.LogicalMin, f.LogicalMax), hi = Math.Max(f.LogicalMin, f.LogicalMax);
        if (double.IsNaN(v)) return lo;
        v = Math.Round(v, MidpointRounding.AwayFromZero);
        if (v <= lo) return lo;
        if (v >= hi) return hi;
        return (long)v;
    }

    /// <summary>NUT maps logical to physical only when a physical range was declared and both ranges are increasing.</summary>
    private static bool HasPhysicalScale(HidField f) =>
        !(f.PhysicalMin == f.LogicalMin && f.PhysicalMax == f.LogicalMax)
        && f.PhysicalMax > f.PhysicalMin && f.LogicalMax > f.LogicalMin;

    /// <summary>x * 10^e, dividing for negative e so that 1343 * 10^-2 is exactly 13.43.</summary>
    private static double Scale(double x, int e)
    {
        if (e == 0) return x;
        double p = Math.Pow(10, Math.Abs(e));
        return e > 0 ? x * p : x / p;
    }

    private static long SignExtend(ulong bits, int size) =>
        size >= 64 ? (long)bits : (long)(bits << (64 - size)) >> (64 - size);

    /// <summary>1 + the index of the highest set bit, 0 for 0.</summary>
    private static int HighBit(ulong x) => 64 - System.Numerics.BitOperations.LeadingZeroCount(x);
}
