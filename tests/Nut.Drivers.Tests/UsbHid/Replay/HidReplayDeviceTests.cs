using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;
using Nut.Drivers.UsbHid.Replay;
using Nut.Testing;

using static Nut.Drivers.Tests.UsbHid.TransportTests.Bytes;

namespace Nut.Drivers.Tests.UsbHid.ReplayTests;

/// <summary>The simulator: answers, the scenario API, the interrupt pipe, unplugging, and following file edits.</summary>
public sealed class HidReplayDeviceTests
{
    const string Es850 = "apc-back-ups-es-850g2";

    [Fact]
    public void Feature_reports_answer_with_the_recorded_bytes_fitted_to_the_descriptor()
    {
        using var dev = ReplayFixture.Load(Es850);
        var file = HidReportsFile.Load(HidReportsFile.PathFor(ReplayFixture.Hex(Es850)), out _)!;
        foreach (var r in file.Reports)
        {
            int declared = dev.Descriptor.ReportLength(HidReportType.Feature, r.Id);
            Assert.Equal(declared, r.Bytes.Length); // this recording matches its descriptor exactly
            Assert.Equal(r.Bytes, ReplayFixture.Feature(dev, r.Id));
        }
        Assert.Equal(UsbError.Pipe, dev.GetFeatureReport(0xEE, new byte[8]));

        // Short recordings are padded with zeros, long ones cut, to the declared length (0x0c: 4 bytes, 0x13: 2).
        var edited = HidReportsFile.Parse("# (051d:0002)\nF+I 0x0c 0c 64\nF 0x13 13 01 ff ff\n", "t", out _)!;
        using var fitted = new HidReplayDevice(dev.ReportDescriptor, edited, _ => { });
        Assert.Equal(B(0x0C, 0x64, 0x00, 0x00), ReplayFixture.Feature(fitted, 0x0C));
        Assert.Equal(B(0x13, 0x01), ReplayFixture.Feature(fitted, 0x13));
        Assert.Equal(B(0x13), ReplayFixture.Feature(fitted, 0x13, size: 1)); // a short buffer gets what fits
    }

    [Fact]
    public void Scenario_values_change_the_reports_and_reach_the_interrupt_pipe_once()
    {
        var waits = new List<int>();
        using var dev = ReplayFixture.Load(Es850, waits);
        var buf = new byte[64];

        Assert.Equal(0, dev.ReadInputReport(buf, 500)); // nothing changed since plugging in
        Assert.Equal([500], waits);
        Assert.Equal(13.43, dev.GetValue("UPS.PowerSummary.Voltage")!.Value, 6);

        dev.SetValue("UPS.PowerSummary.PresentStatus.ACPresent", 0);
        dev.SetValue("UPS.PowerSummary.PresentStatus.Discharging", 1);
        Assert.Equal(B(0x16, 0x0A, 0x00, 0x00, 0x00), ReplayFixture.Feature(dev, 0x16));
        int n = dev.ReadInputReport(buf, 500);
        Assert.Equal(B(0x16, 0x0A, 0x00, 0x00, 0x00), buf[..n]);
        Assert.Equal(0, dev.ReadInputReport(buf, 500));
        Assert.Equal([500, 500], waits);

        dev.SetValue("UPS.PowerSummary.Voltage", 12.1);
        Assert.Equal(1210L, dev.GetRaw("UPS.PowerSummary.Voltage"));
        Assert.Equal(B(0x09, 0xBA, 0x04), ReplayFixture.Feature(dev, 0x09));
        dev.SetRaw("UPS.PowerSummary.RemainingCapacity", 9);
        n = dev.ReadInputReport(buf, 500);
        Assert.Equal(B(0x0C, 0x09, 0x64, 0x03), buf[..n]);
        dev.SetReportBytes(0x13, 0x00);
        n = dev.ReadInputReport(buf, 500);
        Assert.Equal(B(0x13, 0x00), buf[..n]);

        Assert.Throws<ArgumentException>(() => dev.SetValue("UPS.PowerSummary.NoSuchUsage", 1));
        Assert.Throws<ArgumentException>(() => dev.SetValue("UPS.Output.Voltage", 1)); // not in this descriptor
    }

    [Fact]
    public void Set_reports_are_logged_exactly_and_stored()
    {
        using var dev = ReplayFixture.Load(Es850);
        Assert.Equal(3, dev.SetFeatureReport([0x15, 0x3C, 0x00]));
        Assert.Equal(60.0, dev.GetValue("UPS.PowerSummary.DelayBeforeShutdown"));
        Assert.Equal(B(0x15, 0x3C, 0x00), ReplayFixture.Feature(dev, 0x15));
        Assert.Equal(UsbError.Pipe, dev.SetFeatureReport([0xEE, 0x01]));
        Assert.Equal(new[] { B(0x15, 0x3C, 0x00), B(0xEE, 0x01) }, dev.SetReports);
    }

    [Fact]
    public void Unplug_answers_NoDevice_until_replug_under_a_new_device_number()
    {
        string hex = ReplayFixture.Hex(Es850);
        var transport = new ReplayTransport(hex, _ => { });
        var dev = transport.Open(_ => true)!;
        var first = dev.Info;
        Assert.Equal(("001", "001"), (first.Bus, first.Device));

        transport.Device.Unplug();
        var buf = new byte[8];
        Assert.Equal(UsbError.NoDevice, dev.GetFeatureReport(0x13, buf));
        Assert.Equal(UsbError.NoDevice, dev.SetFeatureReport([0x13, 0x00]));
        Assert.Equal(UsbError.NoDevice, dev.ReadInputReport(buf, 10));
        Assert.Null(dev.GetString(1));
        Assert.Null(transport.Open(_ => true));

        transport.Device.Replug();
        var back = transport.Open(d => UsbMatcher.SameDevice(d, first))!;
        Assert.Equal("002", back.Info.Device);
        Assert.Equal(2, back.GetFeatureReport(0x13, buf));
        var otherProduct = UsbMatcher.Create(o => o == "productid" ? "0003" : null, out _)!;
        Assert.Null(transport.Open(otherProduct.Matches));
    }

    [Fact]
    public async Task The_builtin_wait_returns_when_a_scenario_changes_a_value_or_unplugs()
    {
        using var dev = HidReplayDevice.Load(ReplayFixture.Hex(Es850), out _)!;
        var buf = new byte[64];
        var read = Task.Run(() => dev.ReadInputReport(buf, 60_000));
        await Task.Delay(50);
        dev.SetValue("UPS.PowerSummary.ACPresent", 0);
        Assert.Equal(2, await read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(B(0x13, 0x00), buf[..2]);

        var blocked = Task.Run(() => dev.ReadInputReport(new byte[64], 60_000));
        await Task.Delay(50);
        dev.Unplug();
        Assert.Equal(UsbError.NoDevice, await blocked.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void The_transport_follows_edits_of_the_reports_file()
    {
        using var dir = new TempDir("h2-replay");
        string hex = ReplayFixture.CopyModel(dir, Es850);
        string reports = HidReportsFile.PathFor(hex);
        var dev = new ReplayTransport(hex, _ => { }).Open(_ => true)!;
        Assert.Equal(B(0x13, 0x01), ReplayFixture.Feature(dev, 0x13));

        // The user pulls the mains plug in the file: ACPresent 0.
        string text = File.ReadAllText(reports);
        ReplayFixture.Rewrite(reports, text.Replace("F+I  0x13  13 01", "F+I  0x13  13 00", StringComparison.Ordinal));
        Assert.Equal(B(0x13, 0x00), ReplayFixture.Feature(dev, 0x13));
        var buf = new byte[64];
        int n = dev.ReadInputReport(buf, 100);
        Assert.Equal(B(0x13, 0x00), buf[..n]);

        // A broken edit keeps the last good values.
        ReplayFixture.Rewrite(reports, text.Replace("F+I  0x13  13 01", "F+I  0x13  14 01", StringComparison.Ordinal));
        Assert.Equal(B(0x13, 0x00), ReplayFixture.Feature(dev, 0x13));
    }

    [Fact]
    public void Replay_ports_name_their_files_and_bad_files_name_file_and_line()
    {
        Assert.Equal("/x/m.hex", ReplayTransport.FromPort("replay:/x/m.hex")!.HexPath);
        Assert.Null(ReplayTransport.FromPort("auto"));

        using var dir = new TempDir("h2-replay");
        var missing = Assert.Throws<UsbUnavailableException>(() => new ReplayTransport(dir["none.hex"]).Open(_ => true));
        Assert.Contains(dir["none.hex"], missing.Message);
        string hex = ReplayFixture.CopyModel(dir, Es850, t => t + "F 0x99 98 00\n");
        var bad = Assert.Throws<UsbUnavailableException>(() => new ReplayTransport(hex).Open(_ => true));
        int line = File.ReadAllLines(HidReportsFile.PathFor(hex)).Length;
        Assert.Equal($"replay: {HidReportsFile.PathFor(hex)}:{line}: the first byte 98 must repeat the report ID 99", bad.Message);
    }

    [Fact]
    public void Device_and_string_lines_give_the_usb_identity_and_strings()
    {
        using var plain = ReplayFixture.Load(Es850);
        Assert.Equal((0x051D, 0x0002), ((int)plain.Info.VendorId, (int)plain.Info.ProductId));
        Assert.Null(plain.Info.Vendor);
        Assert.Null(plain.GetString(4));

        using var dir = new TempDir("h2-replay");
        string hex = ReplayFixture.CopyModel(dir, Es850,
            t => "DEVICE 051d:0002 1 2 3\nSTRING 1 American Power Conversion\nSTRING 2 Back-UPS ES 850G2 FW:931.a10 .D USB FW:a10\nSTRING 3 4B1624P15432\nSTRING 4 PbAc\n" + t);
        using var dev = HidReplayDevice.Load(hex, out _, _ => { })!;
        Assert.Equal(("American Power Conversion", "4B1624P15432"), (dev.Info.Vendor, dev.Info.Serial));
        Assert.Equal("PbAc", dev.GetString(4));
        Assert.Null(dev.GetString(9));
    }
}
