using System.Globalization;
using System.Text;

namespace Nut.Drivers.UsbHid.Replay;

/// <summary>
/// A report descriptor as text (<c>model.hex</c>): bytes as two hex digits separated by blanks or line breaks,
/// '#' starting a comment to the end of its line. Written 16 bytes to a line.
/// </summary>
public static class HidHexFile
{
    /// <summary>Largest descriptor accepted (NUT's own buffer limit).</summary>
    public const int MaxBytes = 6144;

    /// <summary>The bytes, or null with an error naming file, line and what was expected.</summary>
    public static byte[]? Parse(string text, string fileName, out string? error)
    {
        var bytes = new List<byte>();
        int lineNo = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNo++;
            string line = raw;
            int hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            foreach (string token in line.Split([' ', '\t', '\r', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                string t = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? token[2..] : token;
                if (t.Length != 2 || !byte.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
                {
                    error = $"{fileName}:{lineNo}: expected a byte as two hex digits, found \"{token}\"";
                    return null;
                }
                if (bytes.Count == MaxBytes)
                {
                    error = $"{fileName}:{lineNo}: descriptor longer than {MaxBytes} bytes";
                    return null;
                }
                bytes.Add(b);
            }
        }
        if (bytes.Count == 0)
        {
            error = $"{fileName}: no descriptor bytes";
            return null;
        }
        error = null;
        return [.. bytes];
    }

    /// <summary>Reads a file; null with an error when it cannot be read or parsed.</summary>
    public static byte[]? Load(string path, out string? error) =>
        ReadText(path, out error) is { } text ? Parse(text, path, out error) : null;

    /// <summary>A replay file's text; null with an error naming the file when it cannot be read.</summary>
    internal static string? ReadText(string path, out string? error)
    {
        error = null;
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: {e.Message}";
            return null;
        }
    }

    /// <summary>The text form: lowercase hex, 16 bytes per line.</summary>
    public static string Format(ReadOnlySpan<byte> descriptor)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < descriptor.Length; i++)
        {
            sb.Append(descriptor[i].ToString("x2", CultureInfo.InvariantCulture));
            sb.Append(i % 16 == 15 || i == descriptor.Length - 1 ? '\n' : ' ');
        }
        return sb.ToString();
    }
}
