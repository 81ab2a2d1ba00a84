using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nut.Interop.Tests;

/// <summary>One request of a transcript file: the bytes to send and where it came from.</summary>
public sealed record TranscriptRequest(string File, int Line, string Text, byte[] Bytes)
{
    /// <summary>LOGOUT closes the connection: read to the end instead of sending a sentinel after it.</summary>
    public bool ClosesConnection => Text.Trim().Equals("LOGOUT", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A connection's worth of requests.</summary>
public sealed record TranscriptSession(string Name, List<TranscriptRequest> Requests);

/// <summary>
/// Reads the transcript files (Transcripts/*.txt): one request per line, sent with a newline; "## " lines are
/// comments; "=== name" starts a new connection; &lt;0xHH&gt; stands for a raw byte.
/// </summary>
public static partial class Transcript
{
    [GeneratedRegex("<0x([0-9a-fA-F]{2})>")]
    private static partial Regex RawByte();

    [GeneratedRegex("[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}")]
    private static partial Regex TrackingId();

    public static List<TranscriptSession> Load(string directory)
    {
        var sessions = new List<TranscriptSession>();
        foreach (var file in Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            TranscriptSession? current = null;
            string[] lines = File.ReadAllLines(file, Encoding.Latin1);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.StartsWith("## ", StringComparison.Ordinal) || line.Length == 0)
                    continue;
                if (line.StartsWith("=== ", StringComparison.Ordinal))
                {
                    current = new TranscriptSession($"{Path.GetFileName(file)}:{line[4..]}", []);
                    sessions.Add(current);
                    continue;
                }
                if (current is null)
                {
                    current = new TranscriptSession(Path.GetFileName(file), []);
                    sessions.Add(current);
                }
                current.Requests.Add(new TranscriptRequest(Path.GetFileName(file), i + 1, line, Encode(line)));
            }
        }
        return sessions;
    }

    static byte[] Encode(string line)
    {
        var bytes = new List<byte>();
        int last = 0;
        foreach (Match m in RawByte().Matches(line))
        {
            bytes.AddRange(Encoding.Latin1.GetBytes(line[last..m.Index]));
            bytes.Add(byte.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            last = m.Index + m.Length;
        }
        bytes.AddRange(Encoding.Latin1.GetBytes(line[last..]));
        bytes.Add((byte)'\n');
        return [.. bytes];
    }

    /// <summary>Tracking ids are random UUIDs: compare them as a placeholder.</summary>
    public static string Normalize(string? reply) => reply is null ? "<closed>" : TrackingId().Replace(reply, "<TRACKING-ID>");

    /// <summary>Shows control bytes so a difference can be read.</summary>
    public static string Show(string s) => s.Replace("\n", "\\n\n").Replace("\r", "\\r");
}
