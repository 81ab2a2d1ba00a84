namespace Nut.Tools.Plot;

/// <summary>A stretch of time.</summary>
public readonly record struct TimePeriod(DateTime From, DateTime To);

/// <summary>
/// When the UPS ran on battery, from ups.status: a period starts at the first line whose status has the OB
/// token and ends at the next line whose status does not (the UPS was seen back on line). A line whose
/// status is unknown (NA: upslog could not ask the server) changes nothing. If the log has a gap inside a
/// period (upslog stopped, often because the machine shut down on low battery), the period ends at the
/// last line before the gap: what happened after it is not in the log.
/// </summary>
public static class OnBatteryPeriods
{
    public static List<TimePeriod> Find(UpslogData data, TimeSpan? gapThreshold)
    {
        var periods = new List<TimePeriod>();
        DateTime? from = null;
        for (int row = 0; row < data.Count; row++)
        {
            var t = data.Times[row];
            if (from is { } start && row > 0 && LogGaps.IsGap(data.Times[row - 1], t, gapThreshold))
            {
                periods.Add(new TimePeriod(start, data.Times[row - 1]));
                from = null;
            }
            switch (data.OnBattery(row))
            {
                case true when from is null:
                    from = t;
                    break;
                case false when from is { } begun:
                    periods.Add(new TimePeriod(begun, t));
                    from = null;
                    break;
            }
        }
        if (from is { } open)
            periods.Add(new TimePeriod(open, data.Times[^1]));
        return periods;
    }
}
