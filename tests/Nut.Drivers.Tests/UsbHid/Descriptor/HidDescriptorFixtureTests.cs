using Nut.Drivers.UsbHid.Hid;
using Xunit.Abstractions;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>
/// The real descriptors of testdata/hid: each parses without error, and every field NUT logged for the same unit
/// (the .reports.txt files) exists with the same path, report, bit offset and size.
/// </summary>
public sealed class HidDescriptorFixtureTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(HidFixtureFiles.AllNames), MemberType = typeof(HidFixtureFiles))]
    public void Every_real_descriptor_parses_without_error(string name)
    {
        byte[] bytes = HidFixtureFiles.Descriptor(name);
        var d = HidReportDescriptor.Parse(bytes, out string? error);
        var table = HidFixtureVendorNames.For(name);

        output.WriteLine($"{name}: {bytes.Length} bytes, {d.Fields.Count} fields, report IDs {(d.UsesReportIds ? "yes" : "no")}");
        foreach (var f in d.Fields)
            output.WriteLine($"  {f.Type,-7} 0x{f.ReportId:x2} @{f.BitOffset}/{f.BitSize}  {table.FormatPath(f.Path)}");

        Assert.Null(error);
        Assert.NotEmpty(d.Fields);
        foreach (var f in d.Fields)
        {
            // Every field must fit the report length the descriptor declares.
            int length = d.ReportLength(f.Type, f.ReportId);
            Assert.True((d.UsesReportIds ? 8 : 0) + f.BitOffset + f.BitSize <= 8 * length, $"{name}: field past its report");
            Assert.Equal(d.UsesReportIds, f.ReportId != 0);
        }
    }

    [Fact]
    public void Power_device_descriptors_start_with_the_UPS_application_collection()
    {
        int count = 0;
        foreach (string name in HidFixtureFiles.Names)
        {
            var d = HidReportDescriptor.Parse(HidFixtureFiles.Descriptor(name), out _);
            if (name.StartsWith("megatec", StringComparison.Ordinal))
            {
                // The serial-over-HID bridge carries no power device usages at all.
                Assert.DoesNotContain(d.Fields, f => f.Path[0] == 0x0084_0004);
                continue;
            }
            Assert.All(d.Fields, f => Assert.Equal(0x0084_0004u, f.Path[0]));
            count++;
        }
        Assert.True(count >= 20, $"only {count} UPS descriptors");
    }

    [Theory]
    [MemberData(nameof(HidFixtureFiles.WithReports), MemberType = typeof(HidFixtureFiles))]
    public void Every_field_NUT_logged_exists_at_the_same_bits(string name)
    {
        var d = HidReportDescriptor.Parse(HidFixtureFiles.Descriptor(name), out string? error);
        Assert.Null(error);
        var table = HidFixtureVendorNames.For(name);
        int checkedValues = 0;
        foreach (var report in HidReportsFixture.Read(Path.Combine(HidFixtureFiles.Folder, name + ".reports.txt")))
        {
            foreach (var type in report.Types)
            {
                // The report as the device sends it must be long enough for every declared field.
                Assert.True(report.Bytes.Length >= d.ReportLength(type, report.ReportId),
                    $"{report.File}:{report.Line}: {report.Bytes.Length} bytes, descriptor says {d.ReportLength(type, report.ReportId)}");
                foreach (var v in report.Values)
                {
                    uint[]? path = table.ParsePath(v.Path);
                    Assert.True(path != null, $"{report.File}:{report.Line}: cannot name {v.Path}");
                    Assert.True(d.Fields.Any(f => f.Type == type && f.ReportId == report.ReportId && f.BitOffset == v.BitOffset
                            && f.BitSize == v.BitSize && f.Path.AsSpan().SequenceEqual(path)),
                        $"{report.File}:{report.Line}: no {type} field {v.Path} in report 0x{report.ReportId:x2} at {v.BitOffset}/{v.BitSize}");
                    Assert.Equal(v.Path, table.FormatPath(path));
                    checkedValues++;
                }
            }
        }
        output.WriteLine($"{name}: {checkedValues} logged fields found at their bits");
        Assert.True(checkedValues > 20);
    }
}
