namespace Nut.Drivers.Scanner;

/// <summary>
/// The -E argument: "auto" (or nothing) for /dev/ttyS0-9 and /dev/ttyUSB0-9; a range of port letters "0-3" (each
/// applied to /dev/ttyS%c and /dev/ttyUSB%c); one letter "2"; or port paths separated by commas. NUT splits on commas
/// only when the list starts with /dev/tty and takes any '-' as a range (so a path such as /tmp/my-pty is refused);
/// we accept any paths, since a '-' or ',' in a path cannot mean a range.
/// </summary>
public static class SerialPortList
{
    public const string OutOfBound = "Serial port range out of bound (must be 0 to 9 or a to z depending on your system)";

    static readonly string[] Templates = ["/dev/ttyS", "/dev/ttyUSB"];

    public static IReadOnlyList<string>? Parse(string? spec, out string? error)
    {
        error = null;
        if (spec is null || spec.StartsWith("auto", StringComparison.Ordinal))
            return Range('0', '9');
        if (spec.Contains('/'))
            return [.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries)];
        if (spec.Length == 1)
            return Range(spec[0], spec[0]);
        if (spec.Length is 2 or 3 && spec[1] == '-')
            return Range(spec[0], spec.Length == 3 ? spec[2] : spec[0]);
        if (spec.Contains('-'))
        {
            error = OutOfBound;
            return null;
        }
        return [.. spec.Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }

    static List<string> Range(char first, char last)
    {
        var ports = new List<string>();
        foreach (var t in Templates)
            for (char c = first; c <= last; c++)
                ports.Add(t + c);
        return ports;
    }
}
