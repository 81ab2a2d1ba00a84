using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>A line the reader could not use, and why (for the report on stderr).</summary>
public readonly record struct SkippedLine(int Number, string Reason);

/// <summary>
/// The lines of an upslog file that matched the format, in time order: one time each and, per logged
/// variable, the text upslog printed (<c>NA</c> when it had no value).
/// </summary>
public sealed class UpslogData
{
    /// <summary>How many skipped lines are described one by one; the rest are only counted.</summary>
    public const int MaxDescribedSkips = 5;

    readonly string?[][] _values;

    public UpslogData(string format, IReadOnlyList<string> variables, DateTime[] times, string?[][] values,
        DateKnowledge knowledge, int skippedCount, IReadOnlyList<SkippedLine> skipped)
    {
        Format = format;
        Variables = variables;
        Times = times;
        _values = values;
        Knowledge = knowledge;
        SkippedCount = skippedCount;
        Skipped = skipped;
        StatusVariable = IndexOf("ups.status");
    }

    public string Format { get; }
    public IReadOnlyList<string> Variables { get; }
    public DateTime[] Times { get; }
    public int Count => Times.Length;
    public DateKnowledge Knowledge { get; }
    /// <summary>Lines that did not match the format (comments and blank lines are not counted).</summary>
    public int SkippedCount { get; }
    /// <summary>The first <see cref="MaxDescribedSkips"/> of them.</summary>
    public IReadOnlyList<SkippedLine> Skipped { get; }
    /// <summary>Index of ups.status among <see cref="Variables"/>, or -1 when the format does not log it.</summary>
    public int StatusVariable { get; }

    public int IndexOf(string variable)
    {
        for (int i = 0; i < Variables.Count; i++)
            if (string.Equals(Variables[i], variable, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }

    public string? Text(int variable, int row) => _values[variable][row];

    /// <summary>The value as a number, or null for NA, INVALID, text and anything not finite.</summary>
    public double? Number(int variable, int row) => ParseNumber(_values[variable][row]);

    public static double? ParseNumber(string? text) =>
        text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : null;

    /// <summary>True when the variable has at least one numeric value.</summary>
    public bool IsNumeric(int variable)
    {
        for (int row = 0; row < Count; row++)
            if (Number(variable, row) is not null)
                return true;
        return false;
    }

    /// <summary>
    /// Whether ups.status shows the UPS on battery (the OB token), or null when the line does not say
    /// (no ups.status in the format, or upslog printed NA because it could not ask the server).
    /// </summary>
    public bool? OnBattery(int row)
    {
        if (StatusVariable < 0 || _values[StatusVariable][row] is not { } status || status is "NA" or "INVALID" || status.Trim().Length == 0)
            return null;
        foreach (var token in status.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (token == "OB")
                return true;
        return false;
    }
}
