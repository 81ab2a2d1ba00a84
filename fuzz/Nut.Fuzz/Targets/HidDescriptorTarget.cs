using Nut.Drivers.UsbHid.Hid;

namespace Nut.Fuzz.Targets;

/// <summary>
/// usbhid-ups's report descriptor parser (src/Nut.Drivers/UsbHid/Hid): the input is a descriptor as a device
/// returns it. Parse has no error type (it reports faults through its out parameter), so any exception is a
/// crash. Then every field is read from, and written to, reports cut from the input itself (short, exact and long),
/// and converted both ways.
/// </summary>
public static class HidDescriptorTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var d = HidReportDescriptor.Parse(data, out _);
        foreach (var type in new[] { HidReportType.Input, HidReportType.Output, HidReportType.Feature })
            foreach (byte id in d.ReportIds(type))
                d.ReportLength(type, id);

        Span<byte> scratch = stackalloc byte[64];
        foreach (var f in d.Fields)
        {
            int length = Math.Min(d.ReportLength(f.Type, f.ReportId), data.Length);
            foreach (int size in new[] { length / 2, length, Math.Min(length + 1, data.Length) })
            {
                var report = data[..size];
                if (HidReportCodec.TryReadRaw(f, report, out long raw))
                    HidReportCodec.FromValue(f, HidReportCodec.ToValue(f, raw));
                var target = size <= scratch.Length ? scratch[..size] : new byte[size];
                report.CopyTo(target);
                HidReportCodec.WriteRaw(f, target, raw);
            }
            d.Find(f.Type, f.Path);
        }
    }
}
