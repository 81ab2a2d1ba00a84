using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>A tick on the time axis: where, its time label, and the date under it where the day changes.</summary>
public readonly record struct TimeTick(DateTime Time, double X, string Label, string? DateLabel);

/// <summary>
/// Time ticks at round steps (seconds, minutes, hours, days, weeks) aligned on the clock, as far apart as
/// the width allows. Below a day the label is the time and the date is added under the first tick and
/// wherever the day changes; from a day up the label is the date.
/// </summary>
public static class TimeAxis
{
    /// <summary>Labels are about 40 pixels wide; this keeps them apart.</summary>
    public const double MinTickSpacing = 90;

    static readonly TimeSpan[] Steps =
    [
        .. new[] { 1, 2, 5, 10, 15, 30 }.Select(s => TimeSpan.FromSeconds(s)),
        .. new[] { 1, 2, 5, 10, 15, 30 }.Select(m => TimeSpan.FromMinutes(m)),
        .. new[] { 1, 2, 3, 6, 12 }.Select(h => TimeSpan.FromHours(h)),
        .. new[] { 1, 2, 7, 14, 28, 56, 112, 224, 364 }.Select(d => TimeSpan.FromDays(d)),
    ];

    public static List<TimeTick> Ticks(DateTime start, DateTime end, double left, double right, DateKnowledge knowledge)
    {
        var ticks = new List<TimeTick>();
        double span = (end - start).TotalSeconds;
        if (span <= 0)
            return ticks;
        int maxTicks = Math.Max(2, (int)((right - left) / MinTickSpacing));
        var step = Steps.FirstOrDefault(s => span / s.TotalSeconds <= maxTicks, Steps[^1]);
        // Steps below a day divide it, so counting from midnight lands on round clock times.
        var t = start.Date;
        long skip = (long)Math.Ceiling((start - t).TotalSeconds / step.TotalSeconds - 1e-9);
        t = t.AddSeconds(skip * step.TotalSeconds);
        DateTime? lastDay = null;
        for (; t <= end; t += step)
        {
            double x = left + (t - start).TotalSeconds / span * (right - left);
            if (step >= TimeSpan.FromDays(1))
                ticks.Add(new TimeTick(t, x, DateLabel(t, knowledge), null));
            else
            {
                string label = t.ToString(step.TotalMinutes < 1 ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture);
                ticks.Add(new TimeTick(t, x, label, lastDay != t.Date ? DateLabel(t, knowledge) : null));
            }
            lastDay = t.Date;
            if (DateTime.MaxValue - t < step)
                break;
        }
        return ticks;
    }

    /// <summary>The date as the log knows it: month-day, or the day number when the log prints no date.</summary>
    public static string DateLabel(DateTime t, DateKnowledge knowledge) => knowledge == DateKnowledge.NoDate
        ? "day " + ((t.Date - TimeParts.Placeholder).Days + 1).ToString(CultureInfo.InvariantCulture)
        : t.ToString("MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A time in full, for the chart's subtitle.</summary>
    public static string Describe(DateTime t, DateKnowledge knowledge) => knowledge switch
    {
        DateKnowledge.Full => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateKnowledge.NoYear => t.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => DateLabel(t, knowledge) + " " + t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
    };
}
