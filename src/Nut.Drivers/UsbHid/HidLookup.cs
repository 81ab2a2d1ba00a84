using System.Globalization;

namespace Nut.Drivers.UsbHid;

/// <summary>What a lookup may need from the running driver: USB strings of the device.</summary>
public interface IHidLookupContext
{
    string? GetString(int index);
}

/// <summary>
/// Converts between a usage's physical value and the text NUT publishes (NUT's info_lkp_t tables and conversion
/// functions). <see cref="ToNut"/> returns null when the value has no NUT meaning (the variable is then not updated).
/// </summary>
public abstract class HidLookup
{
    public abstract string? ToNut(double value, IHidLookupContext context);

    /// <summary>The value to write for <paramref name="text"/>, or null when it is not one this lookup knows.</summary>
    public virtual double? FromNut(string text) => null;

    /// <summary>The texts a writable enum variable offers (ENUM list), empty for non-enums.</summary>
    public virtual IReadOnlyList<string> EnumTexts => [];
}

/// <summary>A fixed value/text table; unknown values give null (NUT: "no matching INFO_* value").</summary>
public sealed class EnumLookup((long Value, string Text)[] pairs, bool offerEnum = true) : HidLookup
{
    public override string? ToNut(double value, IHidLookupContext context)
    {
        foreach (var (v, t) in pairs)
            if (v == (long)value)
                return t;
        return null;
    }

    public override double? FromNut(string text)
    {
        foreach (var (v, t) in pairs)
            if (string.Equals(t, text, StringComparison.Ordinal))
                return v;
        return null;
    }

    public override IReadOnlyList<string> EnumTexts => offerEnum ? pairs.Select(p => p.Text).ToArray() : [];
}

/// <summary>A conversion by functions (dates, temperatures, scaling).</summary>
public sealed class FuncLookup(Func<double, string?> toNut, Func<string, double?>? fromNut = null) : HidLookup
{
    public override string? ToNut(double value, IHidLookupContext context) => toNut(value);
    public override double? FromNut(string text) => fromNut?.Invoke(text);
}

/// <summary>The value is the index of a USB string descriptor (battery chemistry, firmware).</summary>
public sealed class StringIdLookup : HidLookup
{
    public override string? ToNut(double value, IHidLookupContext context) =>
        value >= 1 && value <= 255 ? context.GetString((int)value)?.Trim() : null;
}

/// <summary>The lookups shared by all subdrivers (NUT's usbhid-ups.c tables).</summary>
public static class HidLookups
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly HidLookup Beeper = new EnumLookup([(1, "disabled"), (2, "enabled"), (3, "muted")]);

    public static readonly HidLookup TestRead = new EnumLookup([
        (1, "Done and passed"), (2, "Done and warning"), (3, "Done and error"), (4, "Aborted"),
        (5, "In progress"), (6, "No test initiated"), (7, "Test scheduled")]);

    public static readonly HidLookup StringId = new StringIdLookup();

    public static readonly HidLookup YesNo = new EnumLookup([(0, "no"), (1, "yes")]);

    public static readonly HidLookup OnOff = new EnumLookup([(0, "off"), (1, "on")]);

    public static readonly HidLookup EnabledDisabled = new EnumLookup([(0, "disabled"), (1, "enabled")]);

    /// <summary>USB HID packed date: (year-1980)*512 + month*32 + day, published "YYYY/MM/DD".</summary>
    public static readonly HidLookup Date = new FuncLookup(
        v =>
        {
            long d = (long)v;
            if (d <= 0) return null;
            return string.Format(Inv, "{0:0000}/{1:00}/{2:00}", (d >> 9) + 1980, (d >> 5) & 0x0F, d & 0x1F);
        },
        text => ParseDate(text) is { } t ? ((t.Y - 1980) << 9) + (t.M << 5) + t.D : null);

    /// <summary>Kelvin to degrees Celsius, one decimal.</summary>
    public static readonly HidLookup KelvinCelsius = new FuncLookup(v => (v - 273.15).ToString("0.0", Inv));

    public static readonly HidLookup DivideBy10 = new FuncLookup(v => (v / 10).ToString("0.0", Inv));

    public static readonly HidLookup DivideBy100 = new FuncLookup(v => (v / 100).ToString("0.00", Inv));

    /// <summary>Seconds published as whole minutes, written back from minutes.</summary>
    public static readonly HidLookup Absolute = new FuncLookup(v => Math.Abs(v).ToString("0", Inv));

    static (int Y, int M, int D)? ParseDate(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, Inv, out int y)
            || !int.TryParse(parts[1], NumberStyles.None, Inv, out int m) || !int.TryParse(parts[2], NumberStyles.None, Inv, out int d)
            || y < 1980 || y > 2107 || m is < 1 or > 12 || d is < 1 or > 31)
            return null;
        return (y, m, d);
    }

    /// <summary>Formats a number the way NUT's printf formats in the tables do ("%.0f", "%.1f", "%.2f", "%s").</summary>
    public static string Format(string format, double value) => format switch
    {
        "%.1f" or "%0.1f" => value.ToString("0.0", Inv),
        "%.2f" or "%0.2f" => value.ToString("0.00", Inv),
        "%.3f" => value.ToString("0.000", Inv),
        _ => value.ToString("0", Inv),
    };
}
