using System.Globalization;

namespace Nut.Drivers.Tests.Serial;

/// <summary>
/// The parts of a simulated Voltronic unit that depend on its model: per-phase values (PI03 three-phase in, PI09 two
/// phases in and out, PI10 three-phase in and out), ECO limits (units with the 'e' option), bypass limits,
/// programmable outlets, PI31's battery type and grid working range, phase angles and the parallel role. What the
/// unit lacks is refused with "(NAK", as real units do.
/// </summary>
public sealed partial class VoltronicSimulator
{
    /// <summary>QMD's "input/output" phases ("1/1", "3/3", "3/1").</summary>
    public string Phases { get; set; } = "1/1";

    /// <summary>Q3PV / Q3OV / Q3YV: L1-N, L2-N, L3-N, L1-L2, L2-L3, L1-L3 (PI09's Q3YV has only the first three).</summary>
    public double[] PhaseInputVoltages { get; set; } = [229.1, 231.2, 230.3, 397.4, 399.5, 398.6];
    public double[] PhaseOutputVoltages { get; set; } = [230.0, 229.9, 230.1, 398.1, 398.2, 398.3];
    public double[] PhaseBypassVoltages { get; set; } = [228.7, 229.8, 231.9, 396.0, 397.1, 398.2];
    /// <summary>Q3PC / Q3OC / Q3LD: three whole values each.</summary>
    public int[] PhaseInputCurrents { get; set; } = [2, 23, 51];
    public int[] PhaseOutputCurrents { get; set; } = [19, 6, 23];
    public int[] PhaseLoads { get; set; } = [5, 33, 89];

    /// <summary>QHE: ECO mode input voltage limits (answered by units with the ECO option).</summary>
    public int EcoVoltHigh { get; set; } = 242;
    public int EcoVoltLow { get; set; } = 218;
    /// <summary>QFRE: ECO mode input frequency limits.</summary>
    public double EcoFreqHigh { get; set; } = 53.0;
    public double EcoFreqLow { get; set; } = 47.0;

    /// <summary>QBYV / QBYF: bypass limits.</summary>
    public int BypassVoltMax { get; set; } = 264;
    public int BypassVoltMin { get; set; } = 170;
    public double BypassFreqMax { get; set; } = 53.0;
    public double BypassFreqMin { get; set; } = 47.0;

    /// <summary>QSK1-4: programmable outlet on (true) / off (false); null = not programmable ("(NAK").</summary>
    public bool?[] Outlets { get; } = new bool?[4];
    /// <summary>QSKT1-4: minutes on battery before the outlet is cut; null = not set ("(NAK").</summary>
    public int?[] OutletDelays { get; } = new int?[4];

    /// <summary>PI31's QBT (0 Li, 1 Flooded, 2 AGM) and QGR (0 Appliance, 1 UPS).</summary>
    public int BatteryType { get; set; } = 1;
    public int WorkRange { get; set; }

    /// <summary>QPD: input and output phase angles; null = not answered.</summary>
    public (int Input, int Output)? PhaseAngles { get; set; }

    /// <summary>QPAR: 1 master, 2 or 3 slave of a parallel system; null = not answered.</summary>
    public int? ParallelRole { get; set; }

    bool Protocol(params string[] ids) => ids.Contains(ProtocolId);

    static string Values(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("000.0", CultureInfo.InvariantCulture)));
    static string Values(IEnumerable<int> values) => string.Join(' ', values.Select(v => v.ToString("000", CultureInfo.InvariantCulture)));

    /// <summary>The optional queries; null when the command is not one of them.</summary>
    string? OptionalAnswer(string command)
    {
        const string Nak = "(NAK";
        bool multiPhase = Protocol("PI03", "PI09", "PI10");
        switch (command)
        {
            case "Q3PV": return multiPhase ? "(" + Values(PhaseInputVoltages) : Nak;
            case "Q3OV": return multiPhase ? "(" + Values(PhaseOutputVoltages) : Nak;
            case "Q3YV": return multiPhase ? "(" + Values(PhaseBypassVoltages.Take(Protocol("PI09") ? 3 : 6)) : Nak;
            case "Q3PC": return multiPhase ? "(" + Values(PhaseInputCurrents) : Nak;
            case "Q3OC": return multiPhase ? "(" + Values(PhaseOutputCurrents) : Nak;
            case "Q3LD": return multiPhase ? "(" + Values(PhaseLoads) : Nak;
            case "QHE": return HasOption('e') ? F($"({EcoVoltHigh:000} {EcoVoltLow:000}") : Nak;
            case "QFRE": return HasOption('e') ? F($"({EcoFreqHigh:00.0} {EcoFreqLow:00.0}") : Nak;
            case "QBT": return Protocol("PI31") ? F($"({BatteryType:00}") : Nak;
            case "QGR": return Protocol("PI31") ? F($"({WorkRange:00}") : Nak;
            case "QPD": return PhaseAngles is var (i, o) ? F($"({i:000} {o:000}") : Nak;
            case "QPAR": return ParallelRole is { } role ? F($"({role:000}") : Nak;
        }
        if (command.Length == 4 && command.StartsWith("QSK", StringComparison.Ordinal) && Outlet(command[3]) is { } n)
            return Outlets[n] is { } on ? (on ? "(1" : "(0") : Nak;
        if (command.Length == 5 && command.StartsWith("QSKT", StringComparison.Ordinal) && Outlet(command[4]) is { } m)
            return Outlets[m] is not null && OutletDelays[m] is { } minutes ? F($"({minutes:000}") : Nak;
        return null;
    }

    bool HasOption(char letter) => (Enabled + Disabled).Contains(letter);

    /// <summary>0..3 for the outlet digits '1'..'4'.</summary>
    static int? Outlet(char digit) => digit is >= '1' and <= '4' ? digit - '1' : null;

    /// <summary>The optional settings and commands; true when taken (and acknowledged).</summary>
    bool OptionalCommand(string command)
    {
        if (Number(command, "HEH") is { } heh) { EcoVoltHigh = (int)heh; return true; }
        if (Number(command, "HEL") is { } hel) { EcoVoltLow = (int)hel; return true; }
        if (Number(command, "FREH") is { } freh) { EcoFreqHigh = freh; return true; }
        if (Number(command, "FREL") is { } frel) { EcoFreqLow = frel; return true; }
        if (Number(command, "PHV") is { } phv) { BypassVoltMax = (int)phv; return true; }
        if (Number(command, "PLV") is { } plv) { BypassVoltMin = (int)plv; return true; }
        if (Number(command, "PGF") is { } pgf) { BypassFreqMax = pgf; return true; }
        if (Number(command, "PSF") is { } psf) { BypassFreqMin = psf; return true; }
        if (Protocol("PI31") && Number(command, "PBT") is { } pbt and <= 2) { BatteryType = (int)pbt; return true; }
        if (Protocol("PI31") && Number(command, "PGR") is { } pgr and <= 1) { WorkRange = (int)pgr; return true; }
        if (PhaseAngles is { } angles && Number(command, "PPD") is { } ppd) { PhaseAngles = (angles.Input, (int)ppd); return true; }
        // PSKnmmm: the delay of a programmable outlet.
        if (command.Length == 7 && command.StartsWith("PSK", StringComparison.Ordinal) && Outlet(command[3]) is { } n
            && Outlets[n] is not null && int.TryParse(command[4..], CultureInfo.InvariantCulture, out int delay))
        {
            OutletDelays[n] = delay;
            return true;
        }
        foreach (var (prefix, on) in new[] { ("SKOFF", false), ("SKON", true) })
            if (command.Length == prefix.Length + 1 && command.StartsWith(prefix, StringComparison.Ordinal)
                && Outlet(command[^1]) is { } o && Outlets[o] is not null)
            {
                Outlets[o] = on;
                return true;
            }
        return false;
    }

    /// <summary>The number after a command's letters ("HEH240" -> 240), or null.</summary>
    static double? Number(string command, string prefix) =>
        command.StartsWith(prefix, StringComparison.Ordinal) && command.Length > prefix.Length
        && double.TryParse(command.AsSpan(prefix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v)
            ? v : null;
}
