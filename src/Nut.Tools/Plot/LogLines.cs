using System.Text;

namespace Nut.Tools.Plot;

/// <summary>One line of a log file: its number (from 1) and its text, or null text when it was too long to be a log line.</summary>
public readonly record struct LogLine(int Number, string? Text);

/// <summary>
/// Splits a stream into lines without ever holding more than one bounded line: a file that is not a log
/// (a binary, one enormous line) costs memory for <see cref="MaxLineBytes"/> at most. Bytes that are not
/// UTF-8 become U+FFFD; a CR before the LF is dropped.
/// </summary>
public static class LogLines
{
    /// <summary>upslog writes at most 1023 bytes a line; anything far longer is not one of its lines.</summary>
    public const int MaxLineBytes = 4096;

    public static IEnumerable<LogLine> Read(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var line = new byte[MaxLineBytes];
        int length = 0, number = 0;
        bool tooLong = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                byte b = buffer[i];
                if (b == (byte)'\n')
                {
                    yield return Finish(++number, line, length, tooLong);
                    length = 0;
                    tooLong = false;
                }
                else if (length < MaxLineBytes)
                    line[length++] = b;
                else
                    tooLong = true;
            }
        }
        if (length > 0 || tooLong)
            yield return Finish(++number, line, length, tooLong);
    }

    static LogLine Finish(int number, byte[] line, int length, bool tooLong)
    {
        if (tooLong)
            return new LogLine(number, null);
        if (length > 0 && line[length - 1] == (byte)'\r')
            length--;
        return new LogLine(number, Encoding.UTF8.GetString(line, 0, length));
    }
}
