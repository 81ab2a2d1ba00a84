using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>How much of the date a log line's time tells.</summary>
public enum DateKnowledge
{
    /// <summary>Year, month and day (or an epoch time).</summary>
    Full,
    /// <summary>Month and day but no year: the reader counts years by watching the date go backwards.</summary>
    NoYear,
    /// <summary>Only the time of day: the reader counts days by watching the time go backwards.</summary>
    NoDate,
}

/// <summary>The time fields captured from one line, put together into a local time.</summary>
public sealed class TimeParts
{
    /// <summary>Stands in for a year or date the log does not print; a leap year, so 29 February is valid.</summary>
    public static readonly DateTime Placeholder = new(2000, 1, 1);

    readonly long?[] _fields = new long?[(int)TimeField.UtcOffset + 1];

    public void Clear() => Array.Clear(_fields);

    /// <summary>Records a captured field; false when the text is not a valid value for it.</summary>
    public bool Set(TimeField field, string text)
    {
        long value;
        if (field == TimeField.MonthName)
        {
            value = StrftimePattern.MonthNumber(text);
            if (value == 0)
                return false;
        }
        else if (field == TimeField.AmPm)
            value = text.Equals("PM", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        else if (field == TimeField.UtcOffset)
        {
            if (!int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int hhmm) || hhmm % 100 >= 60)
                return false;
            value = (text[0] == '-' ? -1 : 1) * (hhmm / 100 * 60 + hhmm % 100);
        }
        else if (!long.TryParse(text.Trim(' '), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return false;
        _fields[(int)field] = value;
        return true;
    }

    long? this[TimeField f] => _fields[(int)f];

    /// <summary>How much of the date the captured fields tell.</summary>
    public DateKnowledge Knowledge =>
        this[TimeField.Epoch] is not null ? DateKnowledge.Full
        : Year() is not null && (Month() is not null && this[TimeField.Day] is not null || this[TimeField.DayOfYear] is not null) ? DateKnowledge.Full
        : Month() is not null && this[TimeField.Day] is not null ? DateKnowledge.NoYear
        : DateKnowledge.NoDate;

    /// <summary>The local time the fields describe (unknown date parts from <see cref="Placeholder"/>), or null if impossible.</summary>
    public DateTime? Resolve()
    {
        if (this[TimeField.Epoch] is { } epoch)
            return epoch is >= MinEpoch and <= MaxEpoch ? DateTimeOffset.FromUnixTimeSeconds(epoch).ToLocalTime().DateTime : null;
        long hour = this[TimeField.Hour] ?? Hour12() ?? 0, minute = this[TimeField.Minute] ?? 0, second = this[TimeField.Second] ?? 0;
        if (hour > 23 || minute > 59 || second > 60 || hour < 0 || minute < 0 || second < 0)
            return null;
        second = Math.Min(second, 59); // a leap second is drawn at :59
        DateTime? date = Date();
        if (date is null)
            return null;
        var local = date.Value.AddHours(hour).AddMinutes(minute).AddSeconds(second);
        if (this[TimeField.UtcOffset] is { } offsetMinutes && Knowledge == DateKnowledge.Full)
        {
            if (Math.Abs(offsetMinutes) > MaxOffsetMinutes)
                return null;
            return new DateTimeOffset(local, TimeSpan.FromMinutes(offsetMinutes)).ToLocalTime().DateTime;
        }
        return local;
    }

    const long MinEpoch = -62135596800, MaxEpoch = 253402300799; // what DateTimeOffset can hold
    const long MaxOffsetMinutes = 14 * 60; // UTC+14 is the furthest zone

    DateTime? Date()
    {
        long year = Year() ?? Placeholder.Year;
        if (year is < 1 or > 9999)
            return null;
        if (Month() is { } month && this[TimeField.Day] is { } day)
            return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth((int)year, (int)month)
                ? new DateTime((int)year, (int)month, (int)day) : null;
        if (this[TimeField.DayOfYear] is { } yday && Year() is not null)
            return yday >= 1 && yday <= (DateTime.IsLeapYear((int)year) ? 366 : 365) ? new DateTime((int)year, 1, 1).AddDays(yday - 1) : null;
        return Placeholder;
    }

    long? Year()
    {
        if (this[TimeField.Year] is { } y)
            return y;
        if (this[TimeField.YearOfCentury] is { } yy)
            return this[TimeField.Century] is { } c ? c * 100 + yy : yy < 69 ? 2000 + yy : 1900 + yy;
        return this[TimeField.Century] is { } century ? century * 100 : null;
    }

    long? Month() => this[TimeField.Month] ?? this[TimeField.MonthName];

    long? Hour12()
    {
        if (this[TimeField.Hour12] is not { } h)
            return null;
        if (h is < 1 or > 12)
            return 99; // refused by the range check
        return this[TimeField.AmPm] is { } pm ? h % 12 + (pm == 1 ? 12 : 0) : h;
    }
}
