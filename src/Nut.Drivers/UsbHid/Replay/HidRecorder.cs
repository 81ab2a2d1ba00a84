using System.Globalization;
using System.Text;
using Nut.Drivers.Usb;
using Nut.Drivers.UsbHid.Hid;

namespace Nut.Drivers.UsbHid.Replay;

/// <summary>
/// Records a real unit for replay: the report descriptor into <c>model.hex</c> and, into <c>model.reports.txt</c>,
/// every Feature report the descriptor declares (read once), the USB IDs and the strings the unit points at
/// (its vendor, product and serial, and every string index a report holds in an <c>i...</c> usage such as
/// iDeviceChemistry). A maintainer replays the two files with <c>port = replay:model.hex</c>.
/// </summary>
public static class HidRecorder
{
    /// <summary>Room for units that answer with more bytes than their descriptor declares (some APC Back-UPS).</summary>
    const int ExtraBytes = 64;

    /// <summary>Writes both files; returns the number of reports recorded.</summary>
    public static int Write(IHidDevice device, string hexPath, HidUsageTable? usages = null)
    {
        usages ??= HidUsageTable.Standard;
        var parsed = HidReportDescriptor.Parse(device.ReportDescriptor, out _);
        var info = device.Info;
        var file = new HidReportsFile
        {
            VendorId = info.VendorId,
            ProductId = info.ProductId,
            Title = $"{info.Vendor ?? "unknown vendor"} {info.Product ?? "unknown product"} ({info.VendorId:x4}:{info.ProductId:x4}), recorded by NutSharp {DateTime.UtcNow:yyyy-MM-dd}",
        };
        var failures = new StringBuilder();
        var stringIndexes = new SortedSet<int>();
        foreach (byte id in parsed.ReportIds(HidReportType.Feature).Distinct())
        {
            var buf = new byte[parsed.ReportLength(HidReportType.Feature, id) + ExtraBytes];
            int n = device.GetFeatureReport(id, buf);
            if (n <= 0)
            {
                failures.Append(CultureInfo.InvariantCulture, $"# report 0x{id:x2} could not be read: {UsbError.Describe(n)}\n");
                continue;
            }
            var bytes = buf.AsSpan(0, n).ToArray();
            var kind = parsed.ReportLength(HidReportType.Input, id) > 0 ? HidReportKind.Feature | HidReportKind.Input : HidReportKind.Feature;
            file.Reports.Add(new HidRecordedReport(kind, id, bytes, 0));
            foreach (var f in parsed.FieldsOf(HidReportType.Feature, id))
            {
                if (usages.NameOf(f.Usage) is { Length: > 1 } name && name[0] == 'i' && char.IsUpper(name[1])
                    && HidReportCodec.TryReadRaw(f, bytes, out long index) && index is > 0 and <= 255)
                    stringIndexes.Add((int)index);
            }
        }
        foreach (int index in stringIndexes)
        {
            if (device.GetString(index) is { } value)
                file.Strings[index] = value;
        }
        file.ManufacturerIndex = IndexOf(file, info.Vendor);
        file.ProductIndex = IndexOf(file, info.Product);
        file.SerialIndex = IndexOf(file, info.Serial);

        var text = new StringBuilder(file.Format(r => Notes(parsed, usages, r)));
        text.Append(failures);
        File.WriteAllText(hexPath, HidHexFile.Format(device.ReportDescriptor));
        File.WriteAllText(HidReportsFile.PathFor(hexPath), text.ToString());
        return file.Reports.Count;
    }

    /// <summary>The index of a string already recorded with this text, else a new free index holding it (0 for none).</summary>
    static byte IndexOf(HidReportsFile file, string? text)
    {
        if (text is null)
            return 0;
        foreach (var (index, s) in file.Strings)
            if (s == text)
                return (byte)index;
        for (int index = 1; index <= 255; index++)
        {
            if (file.Strings.TryAdd(index, text))
                return (byte)index;
        }
        return 0;
    }

    /// <summary>The decoded fields after a report's bytes, in the testdata notation (raw values; s: when signed).</summary>
    static string Notes(HidReportDescriptor parsed, HidUsageTable usages, HidRecordedReport r)
    {
        var sb = new StringBuilder();
        foreach (var f in parsed.FieldsOf(HidReportType.Feature, r.Id))
        {
            if (!HidReportCodec.TryReadRaw(f, r.Bytes, out long raw))
                continue;
            if (sb.Length > 0)
                sb.Append("  ");
            sb.Append(CultureInfo.InvariantCulture, $"{usages.FormatPath(f.Path)}@{f.BitOffset}/{f.BitSize}={(f.LogicalMin < 0 ? "s:" : "")}{raw}");
        }
        return sb.ToString();
    }
}
