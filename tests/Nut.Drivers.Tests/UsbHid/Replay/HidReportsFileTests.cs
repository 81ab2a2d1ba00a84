using Nut.Drivers.UsbHid.Replay;
using Nut.Testing;
using Xunit.Abstractions;

using static Nut.Drivers.Tests.UsbHid.TransportTests.Bytes;

namespace Nut.Drivers.Tests.UsbHid.ReplayTests;

/// <summary>The reports file reader on the real testdata files, its extensions, and its error messages.</summary>
public sealed class HidReportsFileTests(ITestOutputHelper output)
{
    static readonly string HidData = Path.Combine(Paths.TestData, "hid");

    [Fact]
    public void Every_testdata_reports_file_parses_with_ids_from_its_title()
    {
        var files = Directory.GetFiles(HidData, "*.reports.txt").Order().ToList();
        Assert.Equal(5, files.Count);
        foreach (string path in files)
        {
            var file = HidReportsFile.Load(path, out string? error);
            Assert.True(file is not null, error);
            Assert.NotNull(file.VendorId);
            Assert.True(File.Exists(Path.ChangeExtension(path, null).Replace(".reports", "") + ".hex"));
            output.WriteLine($"{Path.GetFileName(path)}: {file.VendorId:x4}:{file.ProductId:x4}, {file.Reports.Count} reports, {file.Reports.Count(r => r.Kind.HasFlag(HidReportKind.Input))} with input");
        }
        var es = HidReportsFile.Load(Path.Combine(HidData, "apc-back-ups-es-850g2.reports.txt"), out _)!;
        Assert.Equal((0x051D, 0x0002), ((int)es.VendorId!, (int)es.ProductId!));
        var r = es.Reports.Single(x => x.Id == 0x0C);
        Assert.Equal(HidReportKind.Feature | HidReportKind.Input, r.Kind);
        Assert.Equal(B(0x0C, 0x64, 0x64, 0x03), r.Bytes);
        var tl = HidReportsFile.Load(Path.Combine(HidData, "tripplite-usb4003.reports.txt"), out _)!;
        Assert.Equal((0x09AE, 0x4003), ((int)tl.VendorId!, (int)tl.ProductId!));
        Assert.Equal(2, tl.Reports.Count(x => x.Id == 0x32));
    }

    [Fact]
    public void Device_and_string_lines_round_trip_through_the_writer()
    {
        const string text = "# My UPS (0001:0002)\nDEVICE 051d:0003 1 2 3\nSTRING 1 American Power Conversion\nSTRING 2 Smart-UPS  1500\nSTRING 3 AS1234\nSTRING 4 PbAc\nF+I 0x16  16 0c 00 00 00  UPS.PowerSummary.PresentStatus.Charging@0/1=0\nI 0x20 20 01\n";
        var file = HidReportsFile.Parse(text, "my.reports.txt", out string? error)!;
        Assert.Null(error);
        Assert.Equal((0x051D, 0x0003), ((int)file.VendorId!, (int)file.ProductId!)); // DEVICE wins over the title
        Assert.Equal(((byte)1, (byte)2, (byte)3), (file.ManufacturerIndex, file.ProductIndex, file.SerialIndex));
        Assert.Equal("Smart-UPS  1500", file.Strings[2]);
        Assert.Equal(HidReportKind.Input, file.Reports[1].Kind);

        var again = HidReportsFile.Parse(file.Format(), "again", out error)!;
        Assert.Null(error);
        Assert.Equal(file.Strings, again.Strings);
        Assert.Equal((file.VendorId, file.ProductId, file.SerialIndex), (again.VendorId, again.ProductId, again.SerialIndex));
        Assert.Equal(file.Reports.Select(r => (r.Kind, r.Id, Convert.ToHexString(r.Bytes))), again.Reports.Select(r => (r.Kind, r.Id, Convert.ToHexString(r.Bytes))));
    }

    [Theory]
    [InlineData("X 0x01 01", "x.txt:2: expected F, I, F+I, DEVICE, STRING or a # comment, found \"X\"")]
    [InlineData("F 01 01", "x.txt:2: expected a report ID as 0x and two hex digits after F")]
    [InlineData("F 0x01 UPS.x@0/8=1", "x.txt:2: expected the report's bytes (two hex digits each) after 0x01")]
    [InlineData("F 0x01 02 03", "x.txt:2: the first byte 02 must repeat the report ID 01")]
    [InlineData("DEVICE 51d:2", "x.txt:2: expected DEVICE vvvv:pppp [iManufacturer iProduct iSerialNumber]")]
    [InlineData("DEVICE 051d:0002 1 2", "x.txt:2: expected DEVICE vvvv:pppp [iManufacturer iProduct iSerialNumber]")]
    [InlineData("STRING 0 x", "x.txt:2: expected STRING <index 1..255> <text>")]
    public void Bad_lines_are_reported_with_file_and_line(string line, string expected)
    {
        Assert.Null(HidReportsFile.Parse("# t\n" + line + "\n", "x.txt", out string? error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Hex_files_parse_write_and_report_bad_bytes()
    {
        foreach (string path in Directory.GetFiles(HidData, "*.hex"))
        {
            var bytes = HidHexFile.Load(path, out string? error);
            Assert.True(bytes is not null, error);
            Assert.Equal(bytes, HidHexFile.Parse(HidHexFile.Format(bytes), "again", out _));
        }
        Assert.Equal("05 84 09 04\n", HidHexFile.Format([0x05, 0x84, 0x09, 0x04]));
        Assert.Null(HidHexFile.Parse("05 84\n09 4\n", "d.hex", out string? err));
        Assert.Equal("d.hex:2: expected a byte as two hex digits, found \"4\"", err);
        Assert.Null(HidHexFile.Parse("# nothing\n", "e.hex", out err));
        Assert.Equal("e.hex: no descriptor bytes", err);
    }
}
