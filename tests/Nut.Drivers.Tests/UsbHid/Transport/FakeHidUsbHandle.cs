using System.Text;
using Nut.Drivers.Usb;

namespace Nut.Drivers.Tests.UsbHid.TransportTests;

/// <summary>
/// The device side of a USB HID UPS on the control and interrupt pipes: standard descriptors (device-level
/// configuration descriptor with interface 0, its HID class descriptor and an interrupt IN endpoint), the report
/// descriptor, GET_REPORT/SET_REPORT and strings. Every transfer is logged as the host sent it.
/// </summary>
public sealed class FakeHidUsbHandle(byte[] reportDescriptor) : IUsbHandle
{
    public record Transfer(byte Type, byte Request, ushort Value, ushort Index, int Length, byte[] Out);

    public List<Transfer> Wire { get; } = [];
    public List<(byte Endpoint, int Length, int Timeout)> Interrupts { get; } = [];
    public Dictionary<byte, byte[]> Features { get; } = [];
    public Queue<byte[]> Inputs { get; } = new();
    public Dictionary<int, string> Strings { get; } = [];
    public bool Unplugged { get; set; }
    public bool Disposed { get; private set; }

    /// <summary>wDescriptorLength in the HID descriptor fetched directly (GET_DESCRIPTOR 0x21 on the interface).</summary>
    public int DirectLength { get; set; } = reportDescriptor.Length;

    /// <summary>wDescriptorLength in the HID descriptor inside the configuration descriptor.</summary>
    public int ConfigLength { get; set; } = reportDescriptor.Length;

    public byte InEndpoint { get; set; } = 0x81;

    byte[] HidDescriptor(int length) => [9, 0x21, 0x10, 0x01, 0x00, 0x01, 0x22, (byte)length, (byte)(length >> 8)];

    byte[] Configuration()
    {
        byte[] iface = [9, 0x04, 0, 0, 1, 0x03, 0, 0, 0];
        byte[] ep = [7, 0x05, InEndpoint, 0x03, 8, 0, 10];
        byte[] body = [.. iface, .. HidDescriptor(ConfigLength), .. ep];
        int total = 9 + body.Length;
        return [9, 0x02, (byte)total, (byte)(total >> 8), 1, 1, 0, 0xA0, 50, .. body];
    }

    public int ControlTransfer(byte requestType, byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
    {
        Wire.Add(new Transfer(requestType, request, value, index, data.Length, (requestType & 0x80) == 0 ? data.ToArray() : []));
        if (Unplugged)
            return UsbError.NoDevice;
        byte[]? answer = (requestType, request, value >> 8) switch
        {
            (0x81, 0x06, 0x21) => HidDescriptor(DirectLength),
            (0x81, 0x06, 0x22) => reportDescriptor,
            (0x80, 0x06, 0x02) => Configuration(),
            (0x80, 0x06, 0x03) when (value & 0xFF) == 0 => [4, 3, 0x09, 0x04],
            (0x80, 0x06, 0x03) when Strings.TryGetValue(value & 0xFF, out var s) => [(byte)(2 + 2 * s.Length), 3, .. Encoding.Unicode.GetBytes(s)],
            (0xA1, 0x01, 0x03) => Features.GetValueOrDefault((byte)value),
            (0x21, 0x09, 0x03) => [],
            _ => null,
        };
        if (answer is null)
            return UsbError.Pipe;
        if ((requestType & 0x80) == 0)
            return data.Length;
        int n = Math.Min(answer.Length, data.Length);
        answer.AsSpan(0, n).CopyTo(data);
        return n;
    }

    public int InterruptTransfer(byte endpoint, Span<byte> data, int timeoutMs)
    {
        Interrupts.Add((endpoint, data.Length, timeoutMs));
        if (Unplugged)
            return UsbError.NoDevice;
        if (!Inputs.TryDequeue(out var report))
            return UsbError.Timeout;
        report.CopyTo(data);
        return report.Length;
    }

    public int ClearHalt(byte endpoint) => 0;

    public int Reset() => 0;

    public void Dispose() => Disposed = true;
}
