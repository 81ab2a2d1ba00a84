using Nut.Drivers.UsbHid.Hid;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>The parser's rules on small hand-written descriptors, one quirk each.</summary>
public sealed class HidDescriptorParserTests
{
    private static HidReportDescriptor Ok(string hex)
    {
        var d = HidReportDescriptor.Parse(HidFixtureFiles.ParseHex(hex), out string? error);
        Assert.Null(error);
        return d;
    }

    private static string Paths(HidReportDescriptor d) =>
        string.Join(" ", d.Fields.Select(f => $"{HidUsageTable.Standard.FormatPath(f.Path)}@{f.BitOffset}/{f.BitSize}"));

    // 05 84 09 04 A1 01 = Usage Page Power Device, Usage UPS, Collection Application
    private const string Ups = "05 84 09 04 A1 01 ";

    [Fact]
    public void One_usage_with_report_count_repeats_it_several_are_consumed_in_order_and_the_last_repeats()
    {
        var d = Ok(Ups + "85 01 75 08 95 03 05 85 09 66 B1 02 " +            // RemainingCapacity x3
                   "85 02 75 01 95 04 09 44 09 45 09 D0 B1 02 C0");          // Charging, Discharging, ACPresent, ACPresent
        Assert.Equal("UPS.RemainingCapacity@0/8 UPS.RemainingCapacity@8/8 UPS.RemainingCapacity@16/8 " +
                     "UPS.Charging@0/1 UPS.Discharging@1/1 UPS.ACPresent@2/1 UPS.ACPresent@3/1", Paths(d));
        Assert.Equal(4, d.ReportLength(HidReportType.Feature, 1));
        Assert.Equal(2, d.ReportLength(HidReportType.Feature, 2));
    }

    [Fact]
    public void Usage_minimum_maximum_expands_to_a_range()
    {
        var d = Ok(Ups + "05 85 19 44 29 46 75 01 95 03 81 02 C0");
        Assert.Equal("UPS.Charging@0/1 UPS.Discharging@1/1 UPS.FullyCharged@2/1", Paths(d));
        Assert.False(d.UsesReportIds);
        Assert.Equal([(byte)0], d.ReportIds(HidReportType.Input));
        Assert.Equal(1, d.ReportLength(HidReportType.Input, 0));
    }

    [Fact]
    public void Constant_padding_takes_bits_but_constant_items_with_a_usage_are_fields()
    {
        // 81 01 with no usage = padding (5 bits); CyberPower's 81 23 (constant, variable, volatile) with usages = values.
        var d = Ok(Ups + "85 0B 05 85 09 D0 09 44 75 01 95 02 81 23 95 05 81 01 09 45 95 01 81 23 C0");
        Assert.Equal("UPS.ACPresent@0/1 UPS.Charging@1/1 UPS.Discharging@7/1", Paths(d));
        Assert.Equal(0x23u, d.Fields[0].MainFlags);
        Assert.Equal(2, d.ReportLength(HidReportType.Input, 0x0B));
    }

    [Fact]
    public void Local_items_reset_after_each_main_item()
    {
        // The second Feature item has no usage of its own: it is padding, not another RemainingCapacity.
        var d = Ok(Ups + "85 01 05 85 09 66 09 67 75 08 95 01 B1 02 B1 03 C0");
        Assert.Equal("UPS.RemainingCapacity@0/8", Paths(d));
        Assert.Equal(3, d.ReportLength(HidReportType.Feature, 1));
    }

    [Fact]
    public void Push_and_pop_restore_the_globals()
    {
        var d = Ok(Ups + "85 01 75 08 95 01 15 00 25 64 A4 75 10 26 FF 7F 09 30 B1 02 B4 09 35 B1 02 C0");
        Assert.Equal("UPS.Voltage@0/16 UPS.PercentLoad@16/8", Paths(d));
        Assert.Equal(32767, d.Fields[0].LogicalMax);
        Assert.Equal(100, d.Fields[1].LogicalMax);
    }

    [Fact]
    public void Four_byte_usages_carry_their_own_page()
    {
        var d = Ok(Ups + "85 1C 09 12 A1 02 0B 16 00 86 FF 75 18 95 01 B1 02 C0 C0");
        Assert.Equal(new uint[] { 0x0084_0004, 0x0084_0012, 0xFF86_0016 }, d.Fields[0].Path);
        Assert.Equal("UPS.Battery.ff860016", HidUsageTable.Standard.FormatPath(d.Fields[0].Path));
    }

    [Fact]
    public void Vendor_collection_types_become_index_nodes()
    {
        var d = Ok(Ups + "09 1E A1 81 85 01 09 40 75 08 95 01 B1 02 C0 09 1E A1 84 09 40 B1 02 C0 09 35 B1 02 C0");
        Assert.Equal("UPS.Flow.[1].ConfigVoltage@0/8 UPS.Flow.[4].ConfigVoltage@8/8 UPS.PercentLoad@16/8", Paths(d));
        Assert.True(HidPathNode.IsIndex(d.Fields[0].Path[2]));
    }

    [Fact]
    public void Logical_maximum_below_minimum_is_reread_unsigned()
    {
        var d = Ok(Ups + "85 01 15 00 25 FF 75 08 95 01 09 35 B1 02 26 FF FF 75 10 09 30 B1 02 " +
                   "15 FF 25 FF 09 31 B1 02 C0");   // -1..-1 is not below: stays -1
        Assert.Equal(255, d.Fields[0].LogicalMax);
        Assert.Equal(65535, d.Fields[1].LogicalMax);
        Assert.Equal(-1, d.Fields[2].LogicalMax);
    }

    [Theory]
    [InlineData("55 0F", -1)]
    [InlineData("55 0E", -2)]
    [InlineData("55 05", 5)]
    [InlineData("55 07", 7)]
    [InlineData("55 08", -8)]
    [InlineData("55 FE", -2)]
    public void Unit_exponent_is_a_signed_nibble(string item, int exponent)
    {
        var d = Ok(Ups + item + " 85 01 75 08 95 01 09 30 B1 02 C0");
        Assert.Equal(exponent, d.Fields[0].UnitExponent);
    }

    [Fact]
    public void Physical_range_defaults_to_the_logical_range_when_missing_or_zero()
    {
        var d = Ok(Ups + "85 01 15 00 26 FF 00 75 08 95 01 09 30 B1 02 35 00 45 00 09 31 B1 02 " +
                   "35 C4 46 FF 7F 09 57 B1 02 C0");
        Assert.Equal((0L, 255L), (d.Fields[0].PhysicalMin, d.Fields[0].PhysicalMax));
        Assert.Equal((0L, 255L), (d.Fields[1].PhysicalMin, d.Fields[1].PhysicalMax));
        Assert.Equal((-60L, 32767L), (d.Fields[2].PhysicalMin, d.Fields[2].PhysicalMax));
    }

    [Fact]
    public void Fields_are_allocated_per_type_and_report_id()
    {
        var d = Ok(Ups + "75 08 95 01 85 01 09 30 81 02 09 30 B1 02 85 02 09 31 B1 02 85 01 09 35 B1 02 09 35 81 02 C0");
        Assert.Equal([(byte)1, (byte)2], d.ReportIds(HidReportType.Feature));
        Assert.Equal([(byte)1], d.ReportIds(HidReportType.Input));
        Assert.Equal(3, d.ReportLength(HidReportType.Feature, 1));
        Assert.Equal(3, d.ReportLength(HidReportType.Input, 1));
        Assert.Equal(0, d.ReportLength(HidReportType.Output, 1));
        var load = d.Find(HidReportType.Feature, [0x0084_0004, 0x0084_0035])!;
        Assert.Equal(8, load.BitOffset);
        Assert.Equal(1, load.ReportId);
        Assert.Null(d.Find(HidReportType.Output, [0x0084_0004, 0x0084_0035]));
        Assert.Null(d.Find(HidReportType.Feature, [0x0084_0004]));
    }

    [Fact]
    public void Long_items_are_skipped()
    {
        var d = Ok(Ups + "FE 03 10 AA BB CC 85 01 75 08 95 01 09 30 B1 02 C0");
        Assert.Equal("UPS.Voltage@0/8", Paths(d));
    }

    [Theory]
    [InlineData("05 84 09 04 A1 01 75", "offset 6: truncated item 0x75 (expected 1 data byte, 0 left)")]
    [InlineData("05 84 09 04 A1 01 0B 16 00", "offset 6: truncated item 0x0b (expected 4 data bytes, 2 left)")]
    [InlineData("05 84 09 04 A1 01", "offset 6: end of descriptor with 1 collection not closed (expected End Collection 0xC0)")]
    [InlineData("05 84 C0", "offset 2: End Collection without an open Collection")]
    [InlineData("05 84 B4", "offset 2: Pop without Push")]
    [InlineData("05 84 09 30 75 21 95 01 B1 02", "offset 8: Report Size 33 bits for a value (expected at most 32)")]
    [InlineData("85 00", "offset 0: Report ID 0 (expected 1..255)")]
    [InlineData("FE 05 00 01", "offset 0: truncated long item (expected 5 data bytes, 1 left)")]
    [InlineData("05 84 29 10", "offset 2: Usage Maximum without Usage Minimum")]
    public void Errors_name_the_offset_and_what_was_expected(string hex, string expected)
    {
        HidReportDescriptor.Parse(HidFixtureFiles.ParseHex(hex), out string? error);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void What_precedes_an_error_is_kept()
    {
        var d = HidReportDescriptor.Parse(HidFixtureFiles.ParseHex(Ups + "85 01 75 08 95 01 09 30 B1 02 B4 09 31 B1 02 C0"), out string? error);
        Assert.Equal("offset 16: Pop without Push", error);
        Assert.Equal("UPS.Voltage@0/8", Paths(d));
    }

    [Fact]
    public void Padding_wider_than_32_bits_is_fine()
    {
        var d = Ok(Ups + "85 01 75 40 95 01 B1 01 75 08 09 30 B1 02 C0");
        Assert.Equal("UPS.Voltage@64/8", Paths(d));
        Assert.Equal(10, d.ReportLength(HidReportType.Feature, 1));
    }

    [Fact]
    public void At_most_500_fields_as_NUT_counts_them_and_6144_bytes()
    {
        // 600 one-bit fields with 600 declared usages: the limit stops it with an error, keeping 500.
        var d = HidReportDescriptor.Parse(HidFixtureFiles.ParseHex(Ups + "19 01 2A 58 02 75 01 96 58 02 B1 02 C0"), out string? error);
        Assert.Equal(HidDescriptorLimits.MaxFields, d.Fields.Count);
        Assert.Equal("offset 16: more than 500 fields", error);

        // One usage repeated 2100 times: NUT would keep one field, so only the overall bound of 2000 stops it.
        d = HidReportDescriptor.Parse(HidFixtureFiles.ParseHex(Ups + "09 30 75 01 96 34 08 B1 02 C0"), out error);
        Assert.Equal(HidDescriptorLimits.MaxFieldsWithRepeats, d.Fields.Count);
        Assert.Equal("offset 13: more than 2000 fields counting repeated usages", error);
        d = HidReportDescriptor.Parse(HidFixtureFiles.ParseHex(Ups + "09 30 75 01 96 58 02 B1 02 C0"), out error);
        Assert.Null(error);
        Assert.Equal(600, d.Fields.Count);

        // A valid descriptor followed by filler past 6144 bytes: the first 6144 are parsed, the size is reported.
        byte[] big = [.. HidFixtureFiles.ParseHex(Ups + "85 01 75 08 95 01 09 30 B1 02 C0"), .. new byte[7000]];
        d = HidReportDescriptor.Parse(big, out error);
        Assert.Single(d.Fields);
        Assert.Equal($"descriptor is {big.Length} bytes, more than the 6144 parsed; the rest is ignored", error);
        Assert.Equal(6144, HidDescriptorLimits.MaxDescriptorBytes);
    }

    [Fact]
    public void Empty_descriptor_has_no_fields_and_no_error()
    {
        var d = HidReportDescriptor.Parse([], out string? error);
        Assert.Null(error);
        Assert.Empty(d.Fields);
        Assert.Empty(d.ReportIds(HidReportType.Feature));
    }
}
