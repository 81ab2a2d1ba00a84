using Nut.Drivers.UsbHid.Hid;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>The report codec against the values NUT decoded from real units, FACTS' worked examples, and round trips.</summary>
public sealed class HidReportCodecTests(ITestOutputHelper output)
{
    private static HidReportDescriptor Parse(string name)
    {
        var d = HidReportDescriptor.Parse(HidFixtureFiles.Descriptor(name), out string? error);
        Assert.Null(error);
        return d;
    }

    [Theory]
    [MemberData(nameof(HidFixtureFiles.WithReports), MemberType = typeof(HidFixtureFiles))]
    public void Every_logged_value_is_decoded_from_the_logged_bytes(string name)
    {
        var d = Parse(name);
        var table = HidFixtureVendorNames.For(name);
        int raw = 0, signed = 0, physical = 0;
        foreach (var report in HidReportsFixture.Read(Path.Combine(HidFixtureFiles.Folder, name + ".reports.txt")))
        {
            HidReportType type = report.Types.First();
            foreach (var v in report.Values)
            {
                string where = $"{report.File}:{report.Line} {v.Path}";
                uint[] path = table.ParsePath(v.Path)!;
                var f = d.Fields.First(f => f.Type == type && f.ReportId == report.ReportId && f.BitOffset == v.BitOffset
                    && f.BitSize == v.BitSize && f.Path.AsSpan().SequenceEqual(path));
                Assert.True(HidReportCodec.TryReadRaw(f, report.Bytes, out long value), where);
                long bits = value & (long)((1UL << f.BitSize) - 1);
                switch (v.Kind)
                {
                    case HidReportsFixture.ValueKind.Raw:
                        Assert.True(v.Number == bits, $"{where}: raw {bits}, NUT logged {v.Number}");
                        raw++;
                        break;
                    case HidReportsFixture.ValueKind.Signed:
                        Assert.True(v.Number == value, $"{where}: {value}, NUT logged s:{v.Number}");
                        Assert.Equal(v.Number, HidReportCodec.Normalize(f, value));
                        signed++;
                        break;
                    case HidReportsFixture.ValueKind.Physical:
                        Assert.True(v.PhysRaw == bits, $"{where}: raw {bits}, NUT logged raw {v.PhysRaw}");
                        double phys = HidReportCodec.ToValue(f, value);
                        Assert.True(v.Number == (long)Math.Round(phys, MidpointRounding.AwayFromZero), $"{where}: {phys}, NUT logged phys:{v.Number}");
                        physical++;
                        break;
                }
            }
        }
        output.WriteLine($"{name}: {raw} raw, {signed} signed, {physical} physical values reproduced");
        Assert.True(raw + signed + physical > 20);
    }

    /// <summary>Decodes <paramref name="bytes"/> (a whole report, ID first) for the Feature field at <paramref name="path"/>.</summary>
    private static (HidField Field, double Value) Decode(string fixture, string path, params byte[] bytes)
    {
        var d = Parse(fixture);
        var field = d.Find(HidReportType.Feature, HidFixtureVendorNames.For(fixture).ParsePath(path)!);
        Assert.True(field != null, $"{fixture}: no Feature {path}");
        Assert.True(HidReportCodec.TryReadRaw(field, bytes, out long raw));
        return (field, HidReportCodec.ToValue(field, raw));
    }

    [Fact]
    public void APC_battery_voltage_exponent_5_on_volts_reads_13_43()
    {
        var (f, v) = Decode("apc-back-ups-es-850g2", "UPS.PowerSummary.Voltage", 0x09, 0x3F, 0x05);
        Assert.Equal(HidUnits.Volt, f.Unit);
        Assert.Equal(5, f.UnitExponent);
        Assert.Equal(13.43, v, 9);
        // Exponent 7 on volts: raw is volts.
        Assert.Equal(228, Decode("apc-back-ups-es-850g2", "UPS.Input.Voltage", 0x31, 0xE4, 0x00).Value, 9);
    }

    [Fact]
    public void Eaton_voltage_exponent_6_and_frequency_exponent_minus_1()
    {
        var (f, v) = Decode("eaton-5sc-750", "UPS.PowerConverter.Input.[1].Voltage", 0x31, 0x00, 0x00, 0xF3, 0x01, 0xF2, 0x08);
        Assert.Equal(6, f.UnitExponent);
        Assert.Equal(229.0, v, 9);

        var d = Parse("eaton-5sc-750");
        var freq = d.Fields.First(x => x.Usage == 0x0084_0032 && x.Unit == HidUnits.Hertz && x.BitSize >= 16);
        Assert.Equal(-1, freq.UnitExponent);
        byte[] report = new byte[d.ReportLength(freq.Type, freq.ReportId)];
        report[0] = freq.ReportId;
        HidReportCodec.WriteRaw(freq, report, 499);
        Assert.True(HidReportCodec.TryReadRaw(freq, report, out long raw));
        Assert.Equal(49.9, HidReportCodec.ToValue(freq, raw), 9);
    }

    [Fact]
    public void CyberPower_battery_voltage_exponent_6_on_8_bits_reads_24()
    {
        var (f, v) = Decode("cyberpower-cp1500pfclcd", "UPS.PowerSummary.Voltage", 0x0A, 0xF0);
        Assert.Equal(8, f.BitSize);
        Assert.Equal(24.0, v, 9);
    }

    [Fact]
    public void CyberPower_delay_in_minutes_scales_to_seconds_through_the_physical_range()
    {
        var (f, v) = Decode("cyberpower-cp1500pfclcd", "UPS.Output.DelayBeforeShutdown", 0x15, 0xFF, 0xFF);
        Assert.Equal(-60, v, 9);
        Assert.Equal(-60, f.PhysicalMin);
        // 2 minutes -> 120 s, and back.
        Assert.Equal(120, HidReportCodec.ToValue(f, 2), 9);
        Assert.Equal(2, HidReportCodec.FromValue(f, 120));
    }

    [Fact]
    public void BX1600MI_one_byte_logical_maximum_ff_is_read_as_255()
    {
        var d = Parse("apc-back-ups-bx1600mi");
        var f = d.Find(HidReportType.Feature, HidUsageTable.Standard.ParsePath("UPS.PowerSummary.RemainingCapacity")!)!;
        Assert.Equal(0, f.LogicalMin);
        Assert.Equal(255, f.LogicalMax);
        Assert.True(HidReportCodec.TryReadRaw(f, [0x0C, 0x64], out long raw));
        Assert.Equal(100, HidReportCodec.ToValue(f, raw));
        // Without the re-read LogMax would be -1 and every reading would clamp; 0xC8 must stay 200.
        Assert.True(HidReportCodec.TryReadRaw(f, [0x0C, 0xC8], out raw));
        Assert.Equal(200, HidReportCodec.ToValue(f, raw));
    }

    [Fact]
    public void Short_reports_are_no_value_and_extra_bytes_are_ignored()
    {
        var d = Parse("apc-back-ups-es-850g2");
        var f = d.Find(HidReportType.Feature, HidUsageTable.Standard.ParsePath("UPS.PowerSummary.RunTimeToEmpty")!)!;
        Assert.False(HidReportCodec.TryReadRaw(f, [0x0C, 0x64, 0x64], out _));
        Assert.False(HidReportCodec.TryReadRaw(f, [], out _));
        Assert.True(HidReportCodec.TryReadRaw(f, [0x0C, 0x64, 0x64, 0x03, 0xAA, 0xBB, 0xCC], out long raw));
        Assert.Equal(868, raw);
    }

    [Theory]
    [MemberData(nameof(HidFixtureFiles.AllNames), MemberType = typeof(HidFixtureFiles))]
    public void WriteRaw_sets_only_the_fields_bits_and_reads_back(string name)
    {
        var d = HidReportDescriptor.Parse(HidFixtureFiles.Descriptor(name), out _);
        var rng = new Random(name.Length * 7919);
        foreach (var f in d.Fields)
        {
            int length = d.ReportLength(f.Type, f.ReportId);
            byte[] before = new byte[length];
            rng.NextBytes(before);
            byte[] after = (byte[])before.Clone();
            long value = rng.NextInt64(long.MinValue, long.MaxValue);
            HidReportCodec.WriteRaw(f, after, value);

            Assert.True(HidReportCodec.TryReadRaw(f, after, out long back));
            long mask = (long)((1UL << f.BitSize) - 1);
            Assert.Equal(value & mask, back & mask);
            int start = f.ReportId != 0 ? 1 : 0;
            for (int bit = 0; bit < 8 * (length - start); bit++)
            {
                if (bit >= f.BitOffset && bit < f.BitOffset + f.BitSize) continue;
                int i = start + bit / 8, b = 1 << (bit % 8);
                Assert.Equal(before[i] & b, after[i] & b);
            }
            if (start == 1) Assert.Equal(before[0], after[0]);
        }
    }

    [Theory]
    [MemberData(nameof(HidFixtureFiles.AllNames), MemberType = typeof(HidFixtureFiles))]
    public void FromValue_inverts_ToValue_for_every_logical_value_sampled(string name)
    {
        var d = HidReportDescriptor.Parse(HidFixtureFiles.Descriptor(name), out _);
        int checkedFields = 0;
        foreach (var f in d.Fields.Where(f => f.LogicalMax > f.LogicalMin))
        {
            // Only where the physical step is at least one logical step can every logical value survive a round trip.
            bool scaled = f.PhysicalMax > f.PhysicalMin && (f.PhysicalMin != f.LogicalMin || f.PhysicalMax != f.LogicalMax);
            if (scaled && f.PhysicalMax - f.PhysicalMin < f.LogicalMax - f.LogicalMin) continue;
            long span = f.LogicalMax - f.LogicalMin;
            foreach (long logical in new[] { f.LogicalMin, f.LogicalMax, f.LogicalMin + span / 3, f.LogicalMin + span / 2, f.LogicalMin + 1 })
            {
                double value = HidReportCodec.ToValue(f, logical);
                Assert.True(logical == HidReportCodec.FromValue(f, value), $"{name} {f}: {logical} -> {value} -> {HidReportCodec.FromValue(f, value)}");
            }
            checkedFields++;
        }
        Assert.True(checkedFields > 0);
    }

    [Fact]
    public void FromValue_rounds_and_clamps_to_the_logical_range()
    {
        var f = new HidField([0x0084_0030], HidReportType.Feature, 1, 0, 16, 0, 3000, 0, 3000, 6, HidUnits.Volt, 2);
        Assert.Equal(2290, HidReportCodec.FromValue(f, 229.0));
        Assert.Equal(2291, HidReportCodec.FromValue(f, 229.06));
        Assert.Equal(2291, HidReportCodec.FromValue(f, 229.05));
        Assert.Equal(3000, HidReportCodec.FromValue(f, 1e9));
        Assert.Equal(0, HidReportCodec.FromValue(f, -5));
        Assert.Equal(0, HidReportCodec.FromValue(f, double.NaN));
        Assert.Equal(3000, HidReportCodec.FromValue(f, double.PositiveInfinity));
    }

    [Fact]
    public void Signed_fields_sign_extend_and_NUT_drops_excess_high_bits()
    {
        // 16 bits, LogMin -1: 0xFFFF is -1.
        var delay = new HidField([0x0084_0057], HidReportType.Feature, 0, 0, 16, -1, 32767, -1, 32767, 0, 0, 2);
        Assert.True(HidReportCodec.TryReadRaw(delay, [0xFF, 0xFF], out long raw));
        Assert.Equal(-1, raw);
        Assert.Equal(-1, HidReportCodec.ToValue(delay, raw));
        // 32-bit field, range 0..0xFFFF, garbage in the high half (APC BF500, per NUT): the low 16 bits count.
        var odd = new HidField([0x0085_0068], HidReportType.Feature, 0, 0, 32, 0, 0xFFFF, 0, 0xFFFF, 0, 0, 2);
        Assert.True(HidReportCodec.TryReadRaw(odd, [0x00, 0x0A, 0x08, 0x80], out raw));
        Assert.Equal(0x0A00, HidReportCodec.ToValue(odd, raw));
        // Out of range values clamp to the logical range.
        var pct = new HidField([0x0085_0066], HidReportType.Feature, 0, 0, 8, 0, 100, 0, 100, 0, 0, 2);
        Assert.Equal(100, HidReportCodec.ToValue(pct, 120));
    }
}
