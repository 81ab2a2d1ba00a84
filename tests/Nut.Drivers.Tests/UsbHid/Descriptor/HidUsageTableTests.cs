using Nut.Drivers.UsbHid.Hid;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>Usage names and paths as NUT prints and reads them.</summary>
public sealed class HidUsageTableTests
{
    private static readonly HidUsageTable Table = HidUsageTable.Standard;

    [Theory]
    [InlineData("UPS.PowerSummary.PresentStatus.ACPresent", new uint[] { 0x840004, 0x840024, 0x840002, 0x8500D0 })]
    [InlineData("UPS.Flow.[1].ConfigVoltage", new uint[] { 0x840004, 0x84001E, HidPathNode.Index | 1, 0x840040 })]
    [InlineData("UPS.PowerConverter.Input.[3].Voltage", new uint[] { 0x840004, 0x840016, 0x84001A, HidPathNode.Index | 3, 0x840030 })]
    [InlineData("UPS.Battery.ff860024", new uint[] { 0x840004, 0x840012, 0xFF860024 })]
    [InlineData("UPS.ffff00ff.ffff00ef", new uint[] { 0x840004, 0xFFFF00FF, 0xFFFF00EF })]
    [InlineData("UPS.00000000.ff000055", new uint[] { 0x840004, 0, 0xFF000055 })]
    [InlineData("UPS.PowerSummary.iDevicename", new uint[] { 0x840004, 0x840024, 0x850088 })]
    public void Paths_print_and_read_back_as_NUT_writes_them(string text, uint[] path)
    {
        Assert.Equal(text, Table.FormatPath(path));
        Assert.Equal(path, Table.ParsePath(text));
    }

    [Fact]
    public void Names_compare_without_case_and_the_first_of_two_spellings_wins()
    {
        Assert.Equal(new uint[] { 0x840004, 0x850066 }, Table.ParsePath("ups.remainingcapacity"));
        // VoltageOutOfRange exists on both pages; the name reads as the Power Device one, both print by name.
        Assert.Equal(0x840063u, Table.UsageOf("VoltageOutOfRange"));
        Assert.Equal("VoltageOutOfRange", Table.NameOf(0x8500D8));
    }

    [Theory]
    [InlineData("UPS.NoSuchName")]
    [InlineData("UPS..Voltage")]
    [InlineData("")]
    [InlineData("UPS.[128].Voltage")]
    [InlineData("UPS.[x]")]
    [InlineData("UPS.1ff860024")]
    public void Unknown_or_malformed_components_give_null(string text) => Assert.Null(Table.ParsePath(text));

    [Fact]
    public void Vendor_names_extend_the_standard_table_and_override_it()
    {
        var apc = Table.With([("APCBattReplaceDate", 0xFF860016), ("APCStatusFlag", 0xFF860060), ("MyVoltage", 0x840030)]);
        Assert.Equal("UPS.Battery.APCBattReplaceDate", apc.FormatPath([0x840004, 0x840012, 0xFF860016]));
        Assert.Equal(new uint[] { 0x840004, 0x840024, 0xFF860060 }, apc.ParsePath("UPS.PowerSummary.APCStatusFlag"));
        Assert.Equal("MyVoltage", apc.NameOf(0x840030));
        Assert.Equal(0x840030u, apc.UsageOf("Voltage"));
        // The standard table itself is unchanged.
        Assert.Null(Table.ParsePath("UPS.PowerSummary.APCStatusFlag"));
        Assert.Equal("Voltage", Table.NameOf(0x840030));
    }

    [Fact]
    public void Standard_table_is_complete_for_FACTS_section_2()
    {
        (string, uint)[] facts =
        [
            ("iName", 0x840001), ("PowerSummaryID", 0x840025), ("BadCount", 0x840038), ("ConfigHumidity", 0x840047),
            ("AudibleAlarmControl", 0x84005A), ("CommunicationLost", 0x840073), ("iSerialNumber", 0x8400FF),
            ("RemainingCapacityLimit", 0x850029), ("CapacityMode", 0x85002C), ("NeedReplacement", 0x85004B),
            ("CycleCount", 0x85006B), ("DesignCapacity", 0x850083), ("iOEMInformation", 0x85008F),
            ("PowerFail", 0x8500D2), ("VoltageNotRegulated", 0x8500DB),
        ];
        foreach (var (name, usage) in facts)
        {
            Assert.Equal(usage, Table.UsageOf(name));
            Assert.Equal(name, Table.NameOf(usage));
        }
    }
}
