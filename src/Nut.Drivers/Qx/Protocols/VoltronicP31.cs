using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// PI31's settings: the battery type (QBT "(01", battery.type, written with PBTnn) and the grid working range
/// (QGR "(00", the ups.conf setting work_range_type, written with PGRnn).
/// </summary>
static class VoltronicP31
{
    static readonly string[] BatteryTypes = ["Li", "Flooded", "AGM"];
    static readonly string[] WorkRanges = ["Appliance", "UPS"];

    public static IEnumerable<QxItem> Items() =>
    [
        WithEnum(Query("battery.type", "QBT", 4, 1, 2, "%s", QxFlags.SemiStatic | QxFlags.Enum | QxFlags.Skip, (_, i, v) => Indexed(i, v, BatteryTypes)), BatteryTypes),
        WithEnum(VoltronicSettings.Set("battery.type", "PBT%02.0f", QxFlags.Enum | QxFlags.Skip, null, (e, i, v) => ByIndex(e, i, v, BatteryTypes, null)), BatteryTypes),
        WithEnum(Query("work_range_type", "QGR", 4, 1, 2, "%s", QxFlags.SemiStatic | QxFlags.Enum | QxFlags.NoNut | QxFlags.Skip, WorkRange), WorkRanges),
        WithEnum(VoltronicSettings.Set("work_range_type", "PGR%02.0f", QxFlags.Enum | QxFlags.NoNut | QxFlags.Skip, null,
            (e, i, v) => ByIndex(e, i, v, WorkRanges, WorkRangeKey)), WorkRanges),
    ];

    /// <summary>Scratch key of the device's grid working range (its position in the list).</summary>
    const string WorkRangeKey = "voltronic.work_range_type";

    internal static QxItem WithEnum(QxItem item, string[] values)
    {
        item.EnumValues = values;
        return item;
    }

    /// <summary>"0n": the n-th name of the list (n one of the list's digits).</summary>
    static string? Indexed(QxItem item, string value, string[] names)
    {
        int n = value.Length == 2 && value[0] == '0' ? value[1] - '0' : -1;
        if (n < 0 || n >= names.Length)
        {
            NutLog.Debug(2, $"{item.Name}: invalid value reported by the UPS [{value}]");
            return null;
        }
        return names[n];
    }

    static string? WorkRange(QxEngine e, QxItem item, string value)
    {
        string? name = Indexed(item, value, WorkRanges);
        if (name is not null)
            e.Scratch[WorkRangeKey] = (value[1] - '0').ToString(System.Globalization.CultureInfo.InvariantCulture);
        return name;
    }

    /// <summary>Sends the position of the value in the list; a ups.conf setting the device already has is not sent.</summary>
    static string? ByIndex(QxEngine e, QxItem item, string? value, string[] names, string? currentKey)
    {
        int i = Array.FindIndex(names, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (i < 0)
        {
            NutLog.Error($"{item.Name}: value [{value}] out of range");
            return null;
        }
        if (currentKey is not null && e.Scratch.TryGetValue(currentKey, out string? current) && current == i.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            NutLog.Info($"{item.Name} is already set to {names[i]}");
            return null;
        }
        return CNumber.Format(item.Command!, (double)i);
    }
}
