namespace Nut.Tools.Plot;

/// <summary>
/// The pieces of a time that a log line can carry: what strftime conversions (from <c>%TIME ...%</c>) and
/// <c>%ETIME%</c> print. Conversions that carry nothing a chart needs (weekday, week number, zone name) are
/// matched but not kept, so they have no entry here.
/// </summary>
public enum TimeField
{
    /// <summary>%Y: the full year.</summary>
    Year,
    /// <summary>%C: the century (year / 100).</summary>
    Century,
    /// <summary>%y: the year in the century; with no %C, 69-99 are 19xx and 00-68 are 20xx (POSIX).</summary>
    YearOfCentury,
    /// <summary>%m.</summary>
    Month,
    /// <summary>%b, %h, %B: a month name in the C locale.</summary>
    MonthName,
    /// <summary>%d, %e.</summary>
    Day,
    /// <summary>%j: 001-366.</summary>
    DayOfYear,
    /// <summary>%H, %k.</summary>
    Hour,
    /// <summary>%I, %l: 01-12, made 24-hour by %p.</summary>
    Hour12,
    /// <summary>%p, %P: AM or PM.</summary>
    AmPm,
    /// <summary>%M.</summary>
    Minute,
    /// <summary>%S.</summary>
    Second,
    /// <summary>%s and %ETIME%: seconds since the epoch, the exact instant.</summary>
    Epoch,
    /// <summary>%z: +hhmm from UTC.</summary>
    UtcOffset,
}
