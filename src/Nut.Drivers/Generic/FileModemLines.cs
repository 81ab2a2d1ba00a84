using static Nut.Drivers.Generic.SerialNative;

namespace Nut.Drivers.Generic;

/// <summary>
/// A test hook, not a feature: modem lines simulated with two files, so that the whole genericups process can be
/// driven through upsd on a machine without a serial port (a pty has no modem lines). Selected only when the
/// environment variable <see cref="EnvironmentVariable"/> names the input file; the <c>port</c> is then not opened.
/// <list type="bullet">
/// <item>The input file holds the names of the input lines that are on (CTS, DCD, RNG, DSR; also CD, CAR, RI),
/// separated by blanks; it is read at every poll. A missing or bad file is a failed read (the data goes stale).</item>
/// <item>Every change of the output lines is appended to <c>&lt;input file&gt;.out</c> as "SET DTR RTS" (or "SET"
/// for none), and a break as "BREAK" and the duration passed to tcsendbreak ("BREAK 4901").</item>
/// </list>
/// </summary>
public sealed class FileModemLines(string path) : IModemLines
{
    /// <summary>The environment variable that selects this fake (documented in docs/genericups.md, Testing).</summary>
    public const string EnvironmentVariable = "NUTSHARP_GENERICUPS_FAKE_LINES";

    public string InputPath { get; } = path;
    public string OutputPath => InputPath + ".out";

    public bool TryRead(out int lines, out string error)
    {
        lines = 0;
        string text;
        try
        {
            text = File.ReadAllText(InputPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{InputPath}: {e.Message}";
            return false;
        }
        foreach (string name in text.Split([' ', '\t', '\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            int bit = name switch
            {
                "CTS" => TIOCM_CTS,
                "DCD" or "CD" or "CAR" => TIOCM_CAR,
                "RNG" or "RI" => TIOCM_RNG,
                "DSR" => TIOCM_DSR,
                _ => 0,
            };
            if (bit == 0)
            {
                error = $"{InputPath}, line 1: unknown input line '{name}' (expected CTS, DCD, RNG or DSR)";
                return false;
            }
            lines |= bit;
        }
        error = "";
        return true;
    }

    public bool TrySet(int lines, out string error) => Append("SET" + Names(lines), out error);

    public bool TrySendBreak(int duration, out string error) =>
        Append("BREAK " + duration.ToString(System.Globalization.CultureInfo.InvariantCulture), out error);

    /// <summary>" DTR RTS" for those bits (the output lines a TIOCMSET can change).</summary>
    public static string Names(int lines) =>
        ((lines & TIOCM_DTR) != 0 ? " DTR" : "") + ((lines & TIOCM_RTS) != 0 ? " RTS" : "") + ((lines & TIOCM_ST) != 0 ? " ST" : "");

    bool Append(string record, out string error)
    {
        try
        {
            File.AppendAllText(OutputPath, record + "\n");
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    public void Dispose() { }
}
