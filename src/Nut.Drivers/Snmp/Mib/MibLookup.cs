using System.Globalization;

namespace Nut.Drivers.Snmp.Mib;

/// <summary>
/// How raw numbers become text (NUT's info_lkp_t): a table of value/text pairs, or one of the conversion functions some
/// tables name instead (US date to ISO date, temperature in the unit the sensor reports, the daisy chain's device list).
/// </summary>
public sealed class MibLookup
{
    public enum Conversion { Table, UsDateToIsoDate, TemperatureUnit, TemperatureRead, DeviceCount }

    public MibLookup(IReadOnlyList<(long Value, string Text)> pairs) { Pairs = pairs; Kind = Conversion.Table; }

    MibLookup(Conversion kind) { Pairs = []; Kind = kind; }

    public IReadOnlyList<(long Value, string Text)> Pairs { get; }
    public Conversion Kind { get; }
    public bool IsFunction => Kind != Conversion.Table;

    public static MibLookup UsDateToIsoDate { get; } = new(Conversion.UsDateToIsoDate);
    public static MibLookup EatonSensorTemperatureUnitFun { get; } = new(Conversion.TemperatureUnit);
    public static MibLookup SuTemperatureReadFun { get; } = new(Conversion.TemperatureRead);
    public static MibLookup MarlinDeviceCountFun { get; } = new(Conversion.DeviceCount);

    /// <summary>The text for a raw number (su_find_infoval), or null when the table has none.</summary>
    public string? TextOf(long value, TemperatureContext temperature) => Kind switch
    {
        Conversion.Table => Pairs.Where(p => p.Value == value).Select(p => p.Text).FirstOrDefault(),
        Conversion.TemperatureUnit => temperature.SetUnit(value),
        Conversion.TemperatureRead => temperature.ToCelsius(value),
        _ => null,
    };

    /// <summary>A reformatted string (su_find_strval: only the functions reformat strings).</summary>
    public string? Reformat(string text) => Kind == Conversion.UsDateToIsoDate ? IsoDate(text) : null;

    /// <summary>The raw number for a text (su_find_valinfo), -1 when unknown, as NUT does.</summary>
    public long ValueOf(string text)
    {
        foreach (var (v, t) in Pairs)
            if (t == text)
                return v;
        return -1;
    }

    static string? IsoDate(string us)
    {
        // strptime("%m/%d/%Y") then "%F": a date that does not parse prints as NUT's zeroed struct tm would.
        var parts = us.Split('/');
        if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int d)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int y))
            return $"{y:0000}-{m:00}-{d:00}";
        return null;
    }
}

/// <summary>The temperature unit an Eaton sensor announced, used to convert its readings to Celsius.</summary>
public sealed class TemperatureContext
{
    int _unit = -1; // unknown

    public string SetUnit(long value)
    {
        _unit = (int)value;
        return value switch { 0 => "kelvin", 1 => "celsius", 2 => "fahrenheit", _ => "unknown" };
    }

    /// <summary>Tenths of the sensor's unit to whole degrees Celsius (integer arithmetic, as NUT's helper).</summary>
    public string ToCelsius(long raw) => _unit switch
    {
        0 => ((long)(raw / 10 - 273.15)).ToString(CultureInfo.InvariantCulture),
        1 => (raw / 10).ToString(CultureInfo.InvariantCulture),
        2 => ((raw / 10 - 32) * 5 / 9).ToString(CultureInfo.InvariantCulture),
        _ => "",
    };
}
