using System.Globalization;

namespace Nut.Tools.Plot;

/// <summary>
/// A time given to --from or --to: a date and time, an epoch time (<c>@1794000000</c>), or only a time of
/// day, which means that time on the log's first day (--from) or last day (--to), and is the only kind that
/// makes sense for a log that prints no dates.
/// </summary>
public readonly record struct TimeArgument(DateTime? At, TimeSpan? TimeOfDay)
{
    public const string Forms = "YYYY-MM-DD[ HH:MM[:SS]], YYYYMMDD[ HHMMSS], HH:MM[:SS] or @<seconds since the epoch>";

    static readonly string[] DateForms =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyyMMdd", "yyyyMMdd HHmmss", "yyyyMMdd HHmm",
    ];

    static readonly string[] TimeForms = ["HH:mm", "HH:mm:ss", "H:mm", "H:mm:ss"];

    public static bool TryParse(string text, out TimeArgument value)
    {
        value = default;
        text = text.Trim();
        if (text.StartsWith('@'))
        {
            if (!long.TryParse(text.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long epoch)
                || epoch < -62135596800 || epoch > 253402300799)
                return false;
            value = new TimeArgument(DateTimeOffset.FromUnixTimeSeconds(epoch).ToLocalTime().DateTime, null);
            return true;
        }
        if (DateTime.TryParseExact(text, DateForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            value = new TimeArgument(at, null);
            return true;
        }
        if (DateTime.TryParseExact(text, TimeForms, CultureInfo.InvariantCulture, DateTimeStyles.NoCurrentDateDefault, out var time))
        {
            value = new TimeArgument(null, time.TimeOfDay);
            return true;
        }
        return false;
    }

    /// <summary>The time this argument names, a time of day being taken on the day of <paramref name="day"/>.</summary>
    public DateTime Resolve(DateTime day) => At ?? day.Date + TimeOfDay!.Value;
}
