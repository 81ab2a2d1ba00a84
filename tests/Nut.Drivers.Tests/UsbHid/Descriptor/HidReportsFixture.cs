using System.Globalization;
using Nut.Drivers.UsbHid.Hid;

namespace Nut.Drivers.Tests.UsbHid.Descriptor;

/// <summary>
/// A small reader for testdata/hid/*.reports.txt, enough for the parser and codec tests (the simulator has its own
/// production reader). Line format: <c>KIND ID BYTES... PATH@OFF/SIZE=VALUE ...</c>, KIND F, I or F+I; VALUE a
/// plain raw number, <c>s:N</c> (signed logical) or <c>phys:P(raw R)</c>.
/// </summary>
internal sealed record HidReportsFixture(string File, int Line, string Kind, byte ReportId, byte[] Bytes, IReadOnlyList<HidReportsFixture.Value> Values)
{
    public enum ValueKind { Raw, Signed, Physical }

    /// <param name="Number">The raw value (Raw), the signed logical value (Signed) or NUT's rounded physical value.</param>
    /// <param name="PhysRaw">For Physical: the raw bits NUT read.</param>
    public sealed record Value(string Path, int BitOffset, int BitSize, ValueKind Kind, long Number, long PhysRaw);

    /// <summary>Report types the KIND column names.</summary>
    public IEnumerable<HidReportType> Types =>
        Kind switch
        {
            "F" => [HidReportType.Feature],
            "I" => [HidReportType.Input],
            "F+I" => [HidReportType.Feature, HidReportType.Input],
            _ => throw new FormatException($"{File}:{Line}: KIND '{Kind}' (expected F, I or F+I)"),
        };

    public static List<HidReportsFixture> Read(string path)
    {
        var result = new List<HidReportsFixture>();
        int lineNo = 0;
        foreach (string raw in System.IO.File.ReadLines(path))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            string[] t = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            string where = $"{Path.GetFileName(path)}:{lineNo}";
            if (t.Length < 3) throw new FormatException($"{where}: expected KIND ID BYTES...");
            byte id = Convert.ToByte(t[1], 16);
            int i = 2;
            var bytes = new List<byte>();
            while (i < t.Length && !t[i].Contains('@'))
                bytes.Add(byte.Parse(t[i++], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            var values = new List<Value>();
            for (; i < t.Length; i++)
            {
                // "phys:13(raw 1343)" is one value with a space inside.
                string token = t[i].EndsWith("(raw", StringComparison.Ordinal) && i + 1 < t.Length ? t[i] + " " + t[++i] : t[i];
                values.Add(ParseValue(where, token));
            }
            result.Add(new HidReportsFixture(Path.GetFileName(path), lineNo, t[0], id, [.. bytes], values));
        }
        return result;
    }

    private static Value ParseValue(string where, string token)
    {
        int at = token.IndexOf('@'), slash = token.IndexOf('/', at), eq = token.IndexOf('=', slash);
        if (at < 1 || slash < 0 || eq < 0) throw new FormatException($"{where}: '{token}' (expected PATH@OFF/SIZE=VALUE)");
        string path = token[..at];
        int off = int.Parse(token[(at + 1)..slash], CultureInfo.InvariantCulture);
        int size = int.Parse(token[(slash + 1)..eq], CultureInfo.InvariantCulture);
        string v = token[(eq + 1)..];
        if (v.StartsWith("s:", StringComparison.Ordinal))
            return new Value(path, off, size, ValueKind.Signed, long.Parse(v[2..], CultureInfo.InvariantCulture), 0);
        if (v.StartsWith("phys:", StringComparison.Ordinal))
        {
            // phys:13(raw 1343)
            int open = v.IndexOf("(raw ", StringComparison.Ordinal);
            if (open < 0 || !v.EndsWith(')')) throw new FormatException($"{where}: '{v}' (expected phys:P(raw R))");
            long p = long.Parse(v[5..open], CultureInfo.InvariantCulture);
            long r = long.Parse(v[(open + 5)..^1], CultureInfo.InvariantCulture);
            return new Value(path, off, size, ValueKind.Physical, p, r);
        }
        return new Value(path, off, size, ValueKind.Raw, long.Parse(v, CultureInfo.InvariantCulture), 0);
    }
}
