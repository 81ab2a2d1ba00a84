using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nut.Drivers.UsbHid.Replay;

/// <summary>Which pipes a recorded report was seen on.</summary>
[Flags]
public enum HidReportKind { Feature = 1, Input = 2 }

/// <summary>One recorded report: its kind, ID, raw bytes (ID byte first) and the file line it came from.</summary>
public sealed record HidRecordedReport(HidReportKind Kind, byte Id, byte[] Bytes, int Line);

/// <summary>
/// The report values of a device (<c>model.reports.txt</c>, beside <c>model.hex</c>), the format of
/// <c>testdata/hid</c> plus two optional line types for what a recording needs. Line by line:
/// <list type="bullet">
/// <item><c># ...</c> comment; the first comment line may name the IDs as <c>(051d:0002)</c>.</item>
/// <item><c>KIND ID BYTES [annotations]</c>: KIND is F (feature), I (input) or F+I; ID is <c>0x</c> and hex; BYTES
/// are two-digit hex bytes, the first being the report ID; anything after the bytes (NUT's decoded fields,
/// <c>PATH@OFFSET/SIZE=VALUE</c>) is a note for people and is ignored. A later line for the same ID replaces an
/// earlier one (later polls of the same report).</item>
/// <item><c>DEVICE vvvv:pppp [iManufacturer iProduct iSerialNumber]</c>: the USB IDs, and which STRING indexes
/// hold the device's vendor, product and serial strings (0 = none).</item>
/// <item><c>STRING index text</c>: the USB string descriptor at that index (text runs to the end of the line).</item>
/// </list>
/// Parsing never throws: errors name file and line.
/// </summary>
public sealed partial class HidReportsFile
{
    public ushort? VendorId { get; set; }
    public ushort? ProductId { get; set; }

    /// <summary>String indexes of the device descriptor's iManufacturer, iProduct, iSerialNumber (0 = none).</summary>
    public byte ManufacturerIndex { get; set; }
    public byte ProductIndex { get; set; }
    public byte SerialIndex { get; set; }

    /// <summary>The first comment line, without '#'.</summary>
    public string? Title { get; set; }

    public SortedDictionary<int, string> Strings { get; } = [];

    /// <summary>Reports in file order (an ID may repeat; the last one counts).</summary>
    public List<HidRecordedReport> Reports { get; } = [];

    [GeneratedRegex(@"\(([0-9a-fA-F]{4}):([0-9a-fA-F]{4})")]
    private static partial Regex TitleIds();

    /// <summary>The sibling of a descriptor file: <c>x/model.hex</c> -> <c>x/model.reports.txt</c>.</summary>
    public static string PathFor(string hexPath) => Path.ChangeExtension(hexPath, null) + ".reports.txt";

    public static HidReportsFile? Parse(string text, string fileName, out string? error)
    {
        var file = new HidReportsFile();
        int lineNo = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNo++;
            string line = raw.TrimEnd('\r');
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
                continue;
            if (trimmed[0] == '#')
            {
                if (file.Title is null)
                {
                    file.Title = trimmed[1..].Trim();
                    var m = TitleIds().Match(trimmed);
                    if (m.Success)
                    {
                        file.VendorId ??= ushort.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        file.ProductId ??= ushort.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    }
                }
                continue;
            }
            string[] tok = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            string where = $"{fileName}:{lineNo}";
            switch (tok[0])
            {
                case "DEVICE":
                    if (!ParseDevice(file, tok, where, out error))
                        return null;
                    break;
                case "STRING":
                    if (tok.Length < 2 || !int.TryParse(tok[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index is < 1 or > 255)
                    {
                        error = $"{where}: expected STRING <index 1..255> <text>";
                        return null;
                    }
                    // The text is everything after the index and the blanks that follow it.
                    int at = trimmed.IndexOf(tok[1], "STRING".Length, StringComparison.Ordinal) + tok[1].Length;
                    file.Strings[index] = trimmed[at..].TrimStart(' ', '\t');
                    break;
                case "F" or "I" or "F+I":
                    if (ParseReport(tok, lineNo, where, out error) is not { } report)
                        return null;
                    file.Reports.Add(report);
                    break;
                default:
                    error = $"{where}: expected F, I, F+I, DEVICE, STRING or a # comment, found \"{tok[0]}\"";
                    return null;
            }
        }
        error = null;
        return file;
    }

    static bool ParseDevice(HidReportsFile file, string[] tok, string where, out string? error)
    {
        error = $"{where}: expected DEVICE vvvv:pppp [iManufacturer iProduct iSerialNumber]";
        if (tok.Length is not (2 or 5))
            return false;
        string[] ids = tok[1].Split(':');
        if (ids.Length != 2 || ids[0].Length != 4 || ids[1].Length != 4
            || !ushort.TryParse(ids[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort vid)
            || !ushort.TryParse(ids[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort pid))
            return false;
        file.VendorId = vid;
        file.ProductId = pid;
        if (tok.Length == 5)
        {
            if (!byte.TryParse(tok[2], CultureInfo.InvariantCulture, out byte m) || !byte.TryParse(tok[3], CultureInfo.InvariantCulture, out byte p)
                || !byte.TryParse(tok[4], CultureInfo.InvariantCulture, out byte s))
                return false;
            (file.ManufacturerIndex, file.ProductIndex, file.SerialIndex) = (m, p, s);
        }
        error = null;
        return true;
    }

    static HidRecordedReport? ParseReport(string[] tok, int lineNo, string where, out string? error)
    {
        var kind = tok[0] switch { "F" => HidReportKind.Feature, "I" => HidReportKind.Input, _ => HidReportKind.Feature | HidReportKind.Input };
        if (tok.Length < 3 || !tok[1].StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            || !byte.TryParse(tok[1].AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte id))
        {
            error = $"{where}: expected a report ID as 0x and two hex digits after {tok[0]}";
            return null;
        }
        var bytes = new List<byte>();
        for (int i = 2; i < tok.Length; i++)
        {
            // The bytes end where the annotations begin (anything not a two-digit hex byte).
            if (tok[i].Length != 2 || !byte.TryParse(tok[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
                break;
            bytes.Add(b);
        }
        if (bytes.Count == 0)
        {
            error = $"{where}: expected the report's bytes (two hex digits each) after {tok[1]}";
            return null;
        }
        if (bytes[0] != id)
        {
            error = $"{where}: the first byte {bytes[0]:x2} must repeat the report ID {id:x2}";
            return null;
        }
        error = null;
        return new HidRecordedReport(kind, id, [.. bytes], lineNo);
    }

    public static HidReportsFile? Load(string path, out string? error) =>
        HidHexFile.ReadText(path, out error) is { } text ? Parse(text, path, out error) : null;

    /// <summary>The text form; <paramref name="notes"/> supplies the annotation after a report's bytes, if any.</summary>
    public string Format(Func<HidRecordedReport, string?>? notes = null)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Title ?? $"({VendorId ?? 0:x4}:{ProductId ?? 0:x4})").Append('\n');
        sb.Append("# Report values in NutSharp's replay format (docs/usbhid-replay.md). One report per line:\n");
        sb.Append("#   KIND ID BYTES [notes]   KIND F = feature, I = input, F+I = both; BYTES start with the report ID.\n");
        sb.Append("#   notes: PATH@BITOFFSET/BITSIZE=RAW (s: = signed), for people; the replay ignores them.\n");
        if (VendorId is { } v && ProductId is { } p)
        {
            sb.Append(CultureInfo.InvariantCulture, $"DEVICE {v:x4}:{p:x4}");
            if (ManufacturerIndex != 0 || ProductIndex != 0 || SerialIndex != 0)
                sb.Append(CultureInfo.InvariantCulture, $" {ManufacturerIndex} {ProductIndex} {SerialIndex}");
            sb.Append('\n');
        }
        foreach (var (index, text) in Strings)
            sb.Append(CultureInfo.InvariantCulture, $"STRING {index} {text.ReplaceLineEndings(" ")}\n");
        sb.Append('\n');
        foreach (var r in Reports)
        {
            string kind = r.Kind switch { HidReportKind.Feature => "F", HidReportKind.Input => "I", _ => "F+I" };
            string bytes = string.Join(' ', r.Bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            string line = string.Create(CultureInfo.InvariantCulture, $"{kind,-4} 0x{r.Id:x2}  {bytes,-40}");
            if (notes?.Invoke(r) is { Length: > 0 } note)
                line += "  " + note;
            sb.Append(line.TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }
}
