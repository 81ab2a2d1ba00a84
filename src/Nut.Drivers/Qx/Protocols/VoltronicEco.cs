using System.Globalization;
using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The ECO mode limits of Voltronic units that have the ECO option (QFLAG 'e'): QHE "(242 218" the highest and
/// lowest input voltage (input.transfer.high/low, with their settable bounds as .min/.max, written with HEHnnn /
/// HELnnn) and QFRE "(53.0 47.0" the highest and lowest input frequency (input.frequency.high/low, written with
/// FREHnn.n / FRELnn.n). The settable ranges depend on the protocol id and the nominal output voltage / frequency.
/// </summary>
static class VoltronicEco
{
    const QxFlags Reader = QxFlags.SemiStatic | QxFlags.Skip;

    public static IEnumerable<QxItem> Items() =>
    [
        Query("input.transfer.high", "QHE", 9, 1, 3, "%.0f", Reader | QxFlags.Range, EcoVolt),
        Query("input.transfer.low", "QHE", 9, 5, 7, "%.0f", Reader | QxFlags.Range, EcoVolt),
        Query("input.transfer.low.min", "QHE", 9, 5, 7, "%.0f", Reader, Bound),
        Query("input.transfer.low.max", "QHE", 9, 5, 7, "%.0f", Reader, Bound),
        Query("input.transfer.high.min", "QHE", 9, 1, 3, "%.0f", Reader, Bound),
        Query("input.transfer.high.max", "QHE", 9, 1, 3, "%.0f", Reader, Bound),
        VoltronicSettings.Set("input.transfer.high", "HEH%03.0f", QxFlags.Range | QxFlags.Skip, null),
        VoltronicSettings.Set("input.transfer.low", "HEL%03.0f", QxFlags.Range | QxFlags.Skip, null),
        Query("input.frequency.high", "QFRE", 11, 1, 4, "%.1f", Reader | QxFlags.Range, EcoFreq),
        Query("input.frequency.low", "QFRE", 11, 6, 9, "%.1f", Reader | QxFlags.Range, EcoFreq),
        VoltronicSettings.Set("input.frequency.high", "FREH%04.1f", QxFlags.Range | QxFlags.Skip, null),
        VoltronicSettings.Set("input.frequency.low", "FREL%04.1f", QxFlags.Range | QxFlags.Skip, null),
    ];

    /// <summary>Scratch key of the settable range of input.transfer.high / .low ("min max").</summary>
    static string RangeKey(string name) => "voltronic.range." + name;

    /// <summary>
    /// An ECO voltage limit. Its settable range is told by the nominal output voltage: for P01/P09 7..24 V (3..12 V
    /// below 200 V) away from it, for P02/P03/P10/P13/P14/P99 11..24 V (5..12 V); other protocols have none. With a
    /// range, the .min/.max values and the SET are enabled.
    /// </summary>
    static string? EcoVolt(QxEngine e, QxItem item, string value)
    {
        if (!IsNumber(value))
        {
            NutLog.Debug(2, $"voltronic_eco_volt: non numerical value [{item.Name}: {value}]");
            return null;
        }
        string formatted = CNumber.Format(item.Format, CNumber.Strtod(value));
        string? nominal = e.State.GetInfo("output.voltage.nominal");
        // QRI is not mandatory: without the nominal voltage the value is published without a range.
        long ovn = nominal is null ? -1 : CNumber.Strtol(nominal);
        if (ovn < 0 || ovn > int.MaxValue)
        {
            NutLog.Debug(2, "voltronic_eco_volt: unable to get output voltage nominal");
            return formatted;
        }
        int protocol = ProtocolNumber(e);
        (int near, int far) = protocol switch
        {
            1 or 9 => ovn >= 200 ? (7, 24) : (3, 12),
            2 or 3 or 10 or 13 or 14 or 99 => ovn >= 200 ? (11, 24) : (5, 12),
            _ => (0, 0),
        };
        if (far == 0)
        {
            NutLog.Debug(2, "voltronic_eco_volt: the UPS doesn't seem to support ECO Mode");
            return formatted;
        }
        (int min, int max) = item.Name == "input.transfer.high" ? ((int)ovn + near, (int)ovn + far) : ((int)ovn - far, (int)ovn - near);
        e.Scratch[RangeKey(item.Name)] = string.Create(CultureInfo.InvariantCulture, $"{min} {max}");
        Unskip(e, item.Name + ".min", QxFlags.SemiStatic);
        Unskip(e, item.Name + ".max", QxFlags.SemiStatic);
        if (e.FindItem(item.Name, QxFlags.SetVar) is { } set)
        {
            set.RangeValues = (min, max);
            set.Flags &= ~QxFlags.Skip;
        }
        return formatted;
    }

    /// <summary>input.transfer.{low,high}.{min,max}: the bounds of the range found by <see cref="EcoVolt"/>.</summary>
    static string? Bound(QxEngine e, QxItem item, string value)
    {
        string of = item.Name[..item.Name.LastIndexOf('.')];
        if (!e.Scratch.TryGetValue(RangeKey(of), out string? range))
            return null;
        string[] bounds = range.Split(' ');
        return item.Name.EndsWith(".min", StringComparison.Ordinal) ? bounds[0] : bounds[1];
    }

    /// <summary>An ECO frequency limit: published, and its SET enabled with the range the unit allows.</summary>
    static string? EcoFreq(QxEngine e, QxItem item, string value)
    {
        if (!IsNumber(value))
        {
            NutLog.Debug(2, $"voltronic_eco_freq: non numerical value [{item.Name}: {value}]");
            return null;
        }
        var ranges = VoltronicLimits.Ranges(e, item.Name == "input.frequency.high" ? VoltronicLimits.MaxEcoFreq : VoltronicLimits.MinEcoFreq);
        // NUT enables the SET even without a range, and then refuses every value as unknown: a SET left disabled
        // answers the same.
        if (ranges.Count > 0 && e.FindItem(item.Name, QxFlags.SetVar) is { } set)
        {
            set.RangeValues = ranges[0];
            set.Flags &= ~QxFlags.Skip;
        }
        return CNumber.Format(item.Format, CNumber.Strtod(value));
    }

    static void Unskip(QxEngine e, string name, QxFlags kind)
    {
        if (e.FindItem(name, kind) is { } item)
            item.Flags &= ~QxFlags.Skip;
    }
}
