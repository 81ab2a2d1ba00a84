using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// Voltronic units in parallel or multi-phase systems: the input / output phase angles (QPD "(000 120",
/// output_phase_angle settable from ups.conf with PPDnnn) and the unit's place in a parallel system (QPAR "(001").
/// NUT publishes neither as a variable; both are driver values.
/// </summary>
static class VoltronicParallel
{
    static readonly string[] PhaseAngles = ["000", "120", "180", "240"];

    /// <summary>Scratch key of the device's output phase angle in degrees.</summary>
    const string PhaseKey = "voltronic.output_phase_angle";

    public static IEnumerable<QxItem> Items() =>
    [
        // Read from every unit, whatever its protocol (a unit without them refuses both).
        Query("input_phase_angle", "QPD", 9, 1, 3, "%03d", QxFlags.SemiStatic | QxFlags.NoNut, PhaseAngle),
        VoltronicP31.WithEnum(Query("output_phase_angle", "QPD", 9, 5, 7, "%03d", QxFlags.SemiStatic | QxFlags.Enum | QxFlags.NoNut, PhaseAngle), PhaseAngles),
        VoltronicP31.WithEnum(VoltronicSettings.Set("output_phase_angle", "PPD%03.0f", QxFlags.Enum | QxFlags.NoNut | QxFlags.Skip, null, SetPhaseAngle), PhaseAngles),
        Query("voltronic_parallel", "QPAR", 5, 1, 3, "%s", QxFlags.Static | QxFlags.NoNut, Parallel),
    ];

    /// <summary>
    /// The output phase angle: NUT 2.8.0 sends the position of the angle in its list (PPD001 for 120 degrees), not
    /// the angle; kept so, to send what NUT sends.
    /// </summary>
    static string? SetPhaseAngle(QxEngine e, QxItem item, string? value)
    {
        int i = Array.FindIndex(PhaseAngles, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (i < 0)
        {
            NutLog.Error($"{item.Name}: value [{value}] out of range");
            return null;
        }
        if (e.Scratch.TryGetValue(PhaseKey, out string? current) && CNumber.Strtol(current) == CNumber.Strtol(PhaseAngles[i]))
        {
            NutLog.Info($"{item.Name} is already set to {PhaseAngles[i]}");
            return null;
        }
        return CNumber.Format(item.Command!, (double)i);
    }

    /// <summary>A phase angle in degrees; a change of the output one asked in ups.conf enables its SET.</summary>
    static string? PhaseAngle(QxEngine e, QxItem item, string value)
    {
        if (!IsNumber(value))
        {
            NutLog.Debug(2, $"voltronic_phase: non numerical value [{item.Name}: {value}]");
            return null;
        }
        long angle = CNumber.Strtol(value);
        if (item.Name == "output_phase_angle")
        {
            e.Scratch[PhaseKey] = angle.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (e.Setting(item.Name) is not null && e.FindItem(item.Name, QxFlags.SetVar) is { } set)
                set.Flags &= ~QxFlags.Skip;
        }
        return CNumber.Format(item.Format, angle);
    }

    /// <summary>001 is the master of a parallel system, 002 and 003 are slaves.</summary>
    static string? Parallel(QxEngine e, QxItem item, string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            NutLog.Debug(2, $"voltronic_parallel: non numerical value [{item.Name}: {value}]");
            return null;
        }
        string? role = CNumber.Strtol(value) switch { 1 => "master", 2 or 3 => "slave", _ => null };
        if (role is null)
        {
            NutLog.Debug(2, $"voltronic_parallel: invalid reply from the UPS [{value}]");
            return null;
        }
        return $"This UPS is *{role}* in a system of UPSes in parallel";
    }
}
