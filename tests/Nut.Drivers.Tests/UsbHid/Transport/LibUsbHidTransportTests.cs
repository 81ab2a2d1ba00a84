using Nut.Drivers.Tests.Usb;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Replay;
using Nut.Drivers.UsbHid.Transport;
using Nut.Testing;

using static Nut.Drivers.Tests.UsbHid.TransportTests.Bytes;

namespace Nut.Drivers.Tests.UsbHid.TransportTests;

/// <summary>The libusb transport's requests, byte for byte, against a fake device behind the existing USB bus fake.</summary>
public sealed class LibUsbHidTransportTests
{
    static readonly byte[] Es850 = HidHexFile.Load(Path.Combine(Paths.TestData, "hid", "apc-back-ups-es-850g2.hex"), out _)!;
    static readonly UsbDeviceInfo ApcInfo = new(0x051D, 0x0002, "American Power Conversion", "Back-UPS ES 850G2", "4B1624P15432", "001", "004", "1.2");

    static (LibUsbHidTransport Transport, FakeHidUsbHandle Device, FakeUsbBus Bus) Rig(Action<FakeHidUsbHandle>? setup = null)
    {
        var device = new FakeHidUsbHandle(Es850);
        setup?.Invoke(device);
        var bus = new FakeUsbBus();
        bus.Plug(ApcInfo, device);
        return (new LibUsbHidTransport(bus), device, bus);
    }

    static string Hex(FakeHidUsbHandle.Transfer t) => $"{t.Type:x2} {t.Request:x2} {t.Value:x4} {t.Index:x4} {t.Length}";

    [Fact]
    public void Open_reads_the_hid_and_configuration_descriptors_then_the_report_descriptor()
    {
        var (transport, device, _) = Rig();
        using var dev = transport.Open(_ => true)!;

        Assert.Equal(Es850, dev.ReportDescriptor);
        Assert.Equal(ApcInfo, dev.Info);
        Assert.Equal([
            "81 06 2100 0000 9",                   // HID class descriptor of interface 0
            "80 06 0200 0000 9",                   // configuration descriptor header (wTotalLength)
            "80 06 0200 0000 34",                  // the whole configuration descriptor
            $"81 06 2200 0000 {Es850.Length}",     // the report descriptor, at the length both agree on
        ], device.Wire.Select(Hex));
        Assert.Equal("libusb-1.0.26 (API: 0x1000109)", transport.Name);
    }

    [Fact]
    public void Disagreeing_lengths_take_the_plausible_one_as_NUT_issue_2441_needs()
    {
        var (transport, device, _) = Rig(d => d.DirectLength = 61939);
        using var dev = transport.Open(_ => true)!;
        Assert.Equal($"81 06 2200 0000 {Es850.Length}", Hex(device.Wire[^1]));

        Assert.Equal(1040, HidClassDescriptors.ChooseLength(61939, 1040));
        Assert.Equal(1040, HidClassDescriptors.ChooseLength(1040, 61939));
        Assert.Equal(1040, HidClassDescriptors.ChooseLength(-1, 1040));
        Assert.Equal(1133, HidClassDescriptors.ChooseLength(1040, 1133));
        Assert.Equal(-1, HidClassDescriptors.ChooseLength(0, 61939));
    }

    [Fact]
    public void Neither_length_plausible_leaves_the_device_closed()
    {
        var (transport, device, _) = Rig(d => { d.DirectLength = 0; d.ConfigLength = 9000; });
        Assert.Null(transport.Open(_ => true));
        Assert.True(device.Disposed);
    }

    [Fact]
    public void Reports_are_class_requests_on_interface_0_and_input_reads_the_interrupt_endpoint()
    {
        var (transport, device, _) = Rig(d =>
        {
            d.InEndpoint = 0x83;
            d.Features[0x0C] = [0x0C, 0x64, 0x64, 0x03];
            d.Inputs.Enqueue([0x13, 0x00]);
            d.Strings[4] = "PbAc";
        });
        using var dev = transport.Open(_ => true)!;
        device.Wire.Clear();

        var buf = new byte[4];
        Assert.Equal(4, dev.GetFeatureReport(0x0C, buf));
        Assert.Equal(B(0x0C, 0x64, 0x64, 0x03), buf);
        Assert.Equal("a1 01 030c 0000 4", Hex(device.Wire[^1]));

        Assert.Equal(3, dev.SetFeatureReport([0x15, 0xFF, 0xFF]));
        Assert.Equal("21 09 0315 0000 3", Hex(device.Wire[^1]));
        Assert.Equal(B(0x15, 0xFF, 0xFF), device.Wire[^1].Out);

        Assert.Equal(2, dev.ReadInputReport(buf, 250));
        Assert.Equal(0x13, buf[0]);
        Assert.Equal(0, dev.ReadInputReport(buf, 250)); // libusb's time-out is "nothing yet"
        Assert.Equal((0x83, 4, 250), (device.Interrupts[^1].Endpoint, device.Interrupts[^1].Length, device.Interrupts[^1].Timeout));

        Assert.Equal("PbAc", dev.GetString(4));
        Assert.Null(dev.GetString(7));
    }

    [Fact]
    public void An_unplugged_device_answers_NoDevice_and_Open_finds_it_again()
    {
        var (transport, device, bus) = Rig();
        var dev = transport.Open(_ => true)!;
        device.Unplugged = true;
        bus.Unplug(device);
        var buf = new byte[8];
        Assert.Equal(UsbError.NoDevice, dev.GetFeatureReport(0x13, buf));
        Assert.Equal(UsbError.NoDevice, dev.SetFeatureReport([0x13, 0x00]));
        Assert.Equal(UsbError.NoDevice, dev.ReadInputReport(buf, 10));
        Assert.Null(dev.GetString(1));
        dev.Dispose();
        Assert.Null(transport.Open(_ => true));

        var again = new FakeHidUsbHandle(Es850);
        bus.Plug(ApcInfo with { Device = "005" }, again);
        using var back = transport.Open(d => UsbMatcher.SameDevice(d, ApcInfo))!;
        Assert.Equal("005", back.Info.Device);
    }
}
