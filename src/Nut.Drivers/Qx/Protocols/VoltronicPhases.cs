using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The per-phase values of multi-phase Voltronic units: Q3PV / Q3OV (input / output voltages, phase to neutral then
/// phase to phase), Q3PC / Q3OC (currents), Q3LD (load per phase) and Q3YV (bypass voltages). Which of them a unit
/// has depends on its protocol id, as NUT 2.8.0 decides: PI03 is three-phase in, single-phase out; PI09 two phases in
/// and out (its Q3YV is three values long); PI10 three-phase in and out.
/// </summary>
static class VoltronicPhases
{
    /// <summary>Answer lengths (with the CR) of six and of three voltages, and of three 3-digit values.</summary>
    const int SixVoltages = 37, ThreeVoltages = 19, ThreeValues = 13;

    /// <summary>
    /// Each item with the protocols that read it. NUT 2.8.0 reads L3 and the L1-L3 / L2-L3 values of PI09 nowhere
    /// (it takes PI09 for a two-phase unit), and no output value of PI03.
    /// </summary>
    static readonly (string Name, string Command, int Length, int From, string Format, int[] Protocols)[] Table =
    [
        ("input.L1-N.voltage", "Q3PV", SixVoltages, 1, "%.1f", [3, 9, 10]),
        ("input.L2-N.voltage", "Q3PV", SixVoltages, 7, "%.1f", [3, 9, 10]),
        ("input.L3-N.voltage", "Q3PV", SixVoltages, 13, "%.1f", [3, 10]),
        ("input.L1-L2.voltage", "Q3PV", SixVoltages, 19, "%.1f", [3, 9, 10]),
        ("input.L2-L3.voltage", "Q3PV", SixVoltages, 25, "%.1f", [3, 10]),
        ("input.L1-L3.voltage", "Q3PV", SixVoltages, 31, "%.1f", [3, 10]),
        ("input.L1.current", "Q3PC", ThreeValues, 1, "%.0f", [3, 9, 10]),
        ("input.L2.current", "Q3PC", ThreeValues, 5, "%.0f", [3, 9, 10]),
        ("input.L3.current", "Q3PC", ThreeValues, 9, "%.0f", [3, 10]),
        ("output.L1-N.voltage", "Q3OV", SixVoltages, 1, "%.1f", [9, 10]),
        ("output.L2-N.voltage", "Q3OV", SixVoltages, 7, "%.1f", [9, 10]),
        ("output.L3-N.voltage", "Q3OV", SixVoltages, 13, "%.1f", [10]),
        ("output.L1-L2.voltage", "Q3OV", SixVoltages, 19, "%.1f", [9, 10]),
        ("output.L2-L3.voltage", "Q3OV", SixVoltages, 25, "%.1f", [10]),
        ("output.L1-L3.voltage", "Q3OV", SixVoltages, 31, "%.1f", [10]),
        ("output.L1.current", "Q3OC", ThreeValues, 1, "%.0f", [9, 10]),
        ("output.L2.current", "Q3OC", ThreeValues, 5, "%.0f", [9, 10]),
        ("output.L3.current", "Q3OC", ThreeValues, 9, "%.0f", [10]),
        ("output.L1.power.percent", "Q3LD", ThreeValues, 1, "%.0f", [9, 10]),
        ("output.L2.power.percent", "Q3LD", ThreeValues, 5, "%.0f", [9, 10]),
        ("output.L3.power.percent", "Q3LD", ThreeValues, 9, "%.0f", [10]),
        ("output.bypass.L1-N.voltage", "Q3YV", SixVoltages, 1, "%.1f", [10]),
        ("output.bypass.L2-N.voltage", "Q3YV", SixVoltages, 7, "%.1f", [10]),
        ("output.bypass.L3-N.voltage", "Q3YV", SixVoltages, 13, "%.1f", [10]),
        // PI09's Q3YV: "(123.4 123.4 123.4", the third phase unused.
        ("output.bypass.L1-N.voltage", "Q3YV", ThreeVoltages, 1, "%.1f", [9]),
        ("output.bypass.L2-N.voltage", "Q3YV", ThreeVoltages, 7, "%.1f", [9]),
        ("output.bypass.L1-L2.voltage", "Q3YV", SixVoltages, 19, "%.1f", [10]),
        ("output.bypass.L2-L3.voltage", "Q3YV", SixVoltages, 25, "%.1f", [10]),
        ("output.bypass.L1-L3.voltage", "Q3YV", SixVoltages, 31, "%.1f", [10]),
    ];

    /// <summary>All items, skipped until <see cref="UnskipForProtocol"/> knows the unit's protocol.</summary>
    public static IEnumerable<QxItem> Items()
    {
        foreach (var (name, command, length, from, format, _) in Table)
        {
            // Voltages are five characters ("123.4"), currents and loads three ("023").
            int to = from + (format == "%.1f" ? 4 : 2);
            yield return Query(name, command, length, from, to, format, QxFlags.Skip);
        }
    }

    public static void UnskipForProtocol(QxEngine e, int protocol)
    {
        foreach (var item in e.Items)
        {
            if (item.Command is not { Length: 4 } command || !command.StartsWith("Q3", StringComparison.Ordinal))
                continue;
            foreach (var row in Table)
                if (row.Name == item.Name && row.Command == command && row.Length == item.AnswerLength && row.From == item.From
                    && row.Protocols.Contains(protocol))
                    item.Flags &= ~QxFlags.Skip;
        }
    }
}
