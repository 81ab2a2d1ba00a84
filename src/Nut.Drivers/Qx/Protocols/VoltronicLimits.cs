namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The settable ranges of the bypass and ECO limits of Voltronic units, which depend on the protocol id and on the
/// nominal input voltage (below 200 V or not) or the nominal output frequency (50 or 60 Hz). Each table lists range
/// bounds in ascending order with the units they apply to; the bounds that apply to a unit, taken two by two, are
/// its ranges (NUT's info_rw lists with their preprocess functions).
/// </summary>
static class VoltronicLimits
{
    /// <summary>When a bound applies, besides the protocol.</summary>
    internal enum When { Always, LowVoltage, HighVoltage, Hz50, Hz60 }

    static readonly int[] P01 = [1], P09 = [9], P99 = [99], P01P09 = [1, 9], P01P99 = [1, 99];
    /// <summary>P02, P03, P10, P13 and P14.</summary>
    static readonly int[] P02Family = [2, 3, 10, 13, 14];
    static readonly int[] P02FamilyP99 = [2, 3, 10, 13, 14, 99];
    static readonly int[] All = [1, 2, 3, 9, 10, 13, 14, 99];

    public static readonly (int Bound, int[] Protocols, When When)[] MaxBypassVolt =
    [
        (60, P09, When.Always), (115, P02FamilyP99, When.LowVoltage), (120, P01, When.LowVoltage),
        (132, P99, When.LowVoltage), (138, P02Family, When.LowVoltage), (140, P09, When.Always),
        (140, P01, When.LowVoltage), (230, P01, When.HighVoltage), (231, P02FamilyP99, When.HighVoltage),
        (261, P99, When.HighVoltage), (264, P01, When.HighVoltage), (276, P02Family, When.HighVoltage),
    ];

    public static readonly (int Bound, int[] Protocols, When When)[] MinBypassVolt =
    [
        (50, P99, When.LowVoltage), (55, P02Family, When.LowVoltage), (60, P09, When.Always),
        (85, P01P99, When.LowVoltage), (104, P02Family, When.LowVoltage), (110, P02Family, When.HighVoltage),
        (115, P01, When.LowVoltage), (140, P09, When.Always), (149, P99, When.HighVoltage),
        (170, P01, When.HighVoltage), (209, P02FamilyP99, When.HighVoltage), (220, P01, When.HighVoltage),
    ];

    public static readonly (int Bound, int[] Protocols, When When)[] MaxBypassFreq =
    [
        (51, All, When.Hz50), (54, P02FamilyP99, When.Hz50), (60, P01P09, When.Hz50),
        (61, All, When.Hz60), (64, P02FamilyP99, When.Hz60), (70, P01P09, When.Hz60),
    ];

    public static readonly (int Bound, int[] Protocols, When When)[] MinBypassFreq =
    [
        (40, P01P09, When.Hz50), (46, P02FamilyP99, When.Hz50), (49, All, When.Hz50),
        (50, P01P09, When.Hz60), (56, P02FamilyP99, When.Hz60), (59, All, When.Hz60),
    ];

    public static readonly (int Bound, int[] Protocols, When When)[] MaxEcoFreq =
    [
        (52, P02FamilyP99, When.Hz50), (53, P01P09, When.Hz50), (54, P02FamilyP99, When.Hz50), (60, P01P09, When.Hz50),
        (62, P02FamilyP99, When.Hz60), (63, P01P09, When.Hz60), (64, P02FamilyP99, When.Hz60), (70, P01P09, When.Hz60),
    ];

    public static readonly (int Bound, int[] Protocols, When When)[] MinEcoFreq =
    [
        (40, P01P09, When.Hz50), (46, P02FamilyP99, When.Hz50), (47, P01P09, When.Hz50), (48, P02FamilyP99, When.Hz50),
        (50, P01P09, When.Hz60), (56, P02FamilyP99, When.Hz60), (57, P01P09, When.Hz60), (58, P02FamilyP99, When.Hz60),
    ];

    /// <summary>The ranges of a table for this unit (none when the nominal value it depends on is unknown).</summary>
    public static List<(int Min, int Max)> Ranges(QxEngine e, (int Bound, int[] Protocols, When When)[] table)
    {
        int protocol = VoltronicProtocol.ProtocolNumber(e);
        string? ivn = e.State.GetInfo("input.voltage.nominal");
        string? ofn = e.State.GetInfo("output.frequency.nominal");
        var ranges = new List<(int, int)>();
        int? from = null;
        foreach (var (bound, protocols, when) in table)
        {
            bool applies = when switch
            {
                When.LowVoltage => ivn is not null && CNumber.Strtol(ivn) < 200,
                When.HighVoltage => ivn is not null && CNumber.Strtol(ivn) >= 200,
                // NUT compares the nominal frequency exactly.
                When.Hz50 => ofn is not null && CNumber.Strtod(ofn) == 50.0,
                When.Hz60 => ofn is not null && CNumber.Strtod(ofn) == 60.0,
                _ => true,
            };
            // The voltage tables need the nominal voltage even for bounds that do not depend on it.
            if (table == MaxBypassVolt || table == MinBypassVolt)
                applies &= ivn is not null;
            else
                applies &= ofn is not null;
            if (!applies || !protocols.Contains(protocol))
                continue;
            if (from is null)
            {
                from = bound;
                continue;
            }
            ranges.Add((from.Value, bound));
            from = null;
        }
        return ranges;
    }

    /// <summary>Whether a value (NUT takes its integer part) lies in one of the ranges.</summary>
    public static bool InRange(List<(int Min, int Max)> ranges, string value)
    {
        long v = CNumber.Strtol(value);
        return ranges.Any(r => r.Min <= v && v <= r.Max);
    }
}
