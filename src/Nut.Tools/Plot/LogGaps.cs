namespace Nut.Tools.Plot;

/// <summary>
/// Where upslog was not writing (the machine was down, upslog stopped): a pause between two lines much longer
/// than the log's usual interval. Lines are not drawn across such a gap, since nothing is known inside it.
/// </summary>
public static class LogGaps
{
    /// <summary>A pause this many times the usual interval is a gap.</summary>
    public const int GapFactor = 5;

    /// <summary>The pause between lines beyond which there is a gap, or null when the log is too short to tell.</summary>
    public static TimeSpan? Threshold(DateTime[] times)
    {
        var intervals = new List<long>(times.Length);
        for (int i = 1; i < times.Length; i++)
            if (times[i] > times[i - 1])
                intervals.Add((times[i] - times[i - 1]).Ticks);
        if (intervals.Count == 0)
            return null;
        intervals.Sort();
        return TimeSpan.FromTicks(intervals[intervals.Count / 2] * GapFactor);
    }

    public static bool IsGap(DateTime before, DateTime after, TimeSpan? threshold) =>
        threshold is { } t && after - before > t;
}
