using Nut.Drivers.Host;
using Nut.Platform;
using static Nut.Drivers.Generic.SerialNative;

namespace Nut.Drivers.Generic;

/// <summary>
/// genericups' CP/SD (output lines) and OL/LB/RB/BYPASS (input signal) overrides, read the way NUT 2.8.0 reads
/// them: by looking for the line names anywhere in the value (so "DTR+RTS", "DTR,RTS" and "RTSDTR" all work, and a
/// misspelt name is silently ignored; NUT then logs a notice when nothing changed). A leading '-' before an input
/// name means "true when that line is off"; before DTR/RTS it means "not that line". "none" or "NULL" clears.
/// </summary>
public static class ContactClosureOverrides
{
    /// <summary>The output lines a CP= or SD= value names (e.g. "DTR", "RTS DTR", "ST", "none").</summary>
    public static int ParseOutput(string value, int current)
    {
        int line = 0;
        if (value.Contains("DTR", StringComparison.Ordinal) && !value.Contains("-DTR", StringComparison.Ordinal))
            line |= TIOCM_DTR;
        if (value.Contains("RTS", StringComparison.Ordinal) && !value.Contains("-RTS", StringComparison.Ordinal))
            line |= TIOCM_RTS;
        if (value.Contains("ST", StringComparison.Ordinal))
            line |= TIOCM_ST;
        foreach (string input in (ReadOnlySpan<string>)["CTS", "DCD", "RNG", "DSR"])
            if (value.Contains(input, StringComparison.Ordinal))
                throw new DriverFatalException($"Can't override output with {input} (not an output)");
        if (value.Contains("NULL", StringComparison.Ordinal) || value.Contains("none", StringComparison.Ordinal))
            line = 0;
        if (line == current)
            NutLog.Notice("parse_output_signals: output overrides specified, but no effective difference - check for typos?");
        return line;
    }

    /// <summary>The input signal an OL=, LB=, RB= or BYPASS= value names (e.g. "CTS", "-DCD", "RNG,-DSR", "none").</summary>
    public static InputSignal ParseInput(string value, InputSignal current)
    {
        int lines = 0, val = 0;
        foreach (var (name, bit) in (ReadOnlySpan<(string, int)>)[("CTS", TIOCM_CTS), ("DCD", TIOCM_CAR), ("RNG", TIOCM_RNG), ("DSR", TIOCM_DSR)])
        {
            if (!value.Contains(name, StringComparison.Ordinal))
                continue;
            lines |= bit;
            if (!value.Contains("-" + name, StringComparison.Ordinal))
                val |= bit;
        }
        foreach (string output in (ReadOnlySpan<string>)["DTR", "RTS", "ST"])
            if (value.Contains(output, StringComparison.Ordinal))
                throw new DriverFatalException($"Can't override input with {output} (not an input)");
        if (value.Contains("NULL", StringComparison.Ordinal) || value.Contains("none", StringComparison.Ordinal))
            (lines, val) = (0, 0);
        var parsed = new InputSignal(lines, val);
        if (parsed == current)
            NutLog.Notice("parse_input_signals: input overrides specified, but no effective difference - check for typos?");
        return parsed;
    }
}
