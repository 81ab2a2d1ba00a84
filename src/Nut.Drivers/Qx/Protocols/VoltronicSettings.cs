using System.Globalization;
using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The writable values of Voltronic devices besides the QFLAG options: battery packs and batteries per pack
/// (BATGN / BATN), the low battery voltage (RE0 / W0E), the bypass limits (QBYV / QBYF, read as driver values,
/// written from ups.conf with PHV / PLV / PGF / PSF), PI31's settings (<see cref="VoltronicP31"/>), the
/// phase angles (<see cref="VoltronicParallel"/>) and the shutdown / restart delays kept by the driver.
/// </summary>
static class VoltronicSettings
{
    public static IEnumerable<QxItem> Items() =>
    [
        // QBYV "(264 170" and QBYF "(53.0 47.0": bypass limits, not NUT variables (all protocols but 00, 08, 31);
        // written with PHVnnn / PLVnnn / PGFnn.n / PSFnn.n when ups.conf sets them.
        Query("max_bypass_volt", "QBYV", 9, 1, 3, "%.0f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, BypassLimit),
        Query("min_bypass_volt", "QBYV", 9, 5, 7, "%.0f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, BypassLimit),
        BypassSet("max_bypass_volt", "PHV%03.0f", VoltronicLimits.MaxBypassVolt),
        BypassSet("min_bypass_volt", "PLV%03.0f", VoltronicLimits.MinBypassVolt),
        Query("max_bypass_freq", "QBYF", 11, 1, 4, "%.1f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, BypassLimit),
        Query("min_bypass_freq", "QBYF", 11, 6, 9, "%.1f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, BypassLimit),
        BypassSet("max_bypass_freq", "PGF%04.1f", VoltronicLimits.MaxBypassFreq),
        BypassSet("min_bypass_freq", "PSF%04.1f", VoltronicLimits.MinBypassFreq),
        Set("battery_number", "BATN%1.0f", QxFlags.Range | QxFlags.NoNut, (1, 9)),
        Set("battery.packs", "BATGN%02.0f", QxFlags.Range, (1, 99)),
        .. VoltronicP31.Items(),
        // RE0 "#20": the low battery voltage; its range depends on the unit's power (see LowVoltage).
        Query("battery.voltage.low", "RE0", 3, 1, 2, "%.1f", QxFlags.SemiStatic | QxFlags.Range, LowVoltage, '#'),
        Set("battery.voltage.low", "W0E%02.0f", QxFlags.Range, (20, 24)),
        .. VoltronicParallel.Items(),
        new()
        {
            Name = "ups.delay.start", Flags = QxFlags.Absent | QxFlags.SetVar | QxFlags.Range, RangeValues = (0, 599940),
            // Whole minutes.
            Convert = (_, _, v) => Whole(CNumber.Strtod(v) - (long)CNumber.Strtod(v) % 60),
        },
        new()
        {
            Name = "ups.delay.shutdown", Flags = QxFlags.Absent | QxFlags.SetVar | QxFlags.Range, RangeValues = (12, 5940),
            // Tenths of a minute below one minute, whole minutes above.
            Convert = (_, _, v) =>
            {
                double d = CNumber.Strtod(v);
                return Whole(d - (long)d % (d < 60 ? 6 : 60));
            },
        },
    ];

    static string Whole(double v) => CNumber.Format("%.0f", v);

    /// <summary>A SET sent as the printf pattern filled with the value; acknowledged with "(ACK".</summary>
    internal static QxItem Set(string name, string command, QxFlags flags, (int, int)? range, QxCommandHook? build = null) => new()
    {
        Name = name, Command = command, AnswerLength = 5, Acknowledge = "(ACK", RangeValues = range,
        Flags = QxFlags.SetVar | flags, BuildCommand = build ?? Build,
    };

    /// <summary>
    /// A bypass limit from ups.conf: sent when it lies in a range the unit allows (see <see cref="VoltronicLimits"/>)
    /// and differs from the device's.
    /// </summary>
    static QxItem BypassSet(string name, string command, (int, int[], VoltronicLimits.When)[] table) =>
        Set(name, command, QxFlags.NoNut | QxFlags.Skip, null, (e, item, value) =>
        {
            if (value is null || !IsNumber(value) || value.Length == 0)
            {
                NutLog.Error($"setvar: non numerical value [{item.Name}: {value}]");
                return null;
            }
            if (!VoltronicLimits.InRange(VoltronicLimits.Ranges(e, table), value))
            {
                NutLog.Error($"setvar: value out of range [{item.Name}: {value}]");
                return null;
            }
            return Build(e, item, value);
        });

    /// <summary>A bypass limit read from the device; a change asked in ups.conf enables its SET.</summary>
    static string? BypassLimit(QxEngine e, QxItem item, string value)
    {
        if (!IsNumber(value))
        {
            NutLog.Debug(2, $"voltronic_bypass: non numerical value [{item.Name}: {value}]");
            return null;
        }
        // NUT keeps the voltages as whole numbers.
        string published = item.Format == "%.0f" ? CNumber.Format(item.Format, CNumber.Strtol(value)) : CNumber.Format(item.Format, CNumber.Strtod(value));
        if (e.Setting(item.Name) is not null && e.FindItem(item.Name, QxFlags.SetVar) is { } set)
            set.Flags &= ~QxFlags.Skip;
        return published;
    }

    /// <summary>Fills the printf pattern with the value; refuses a ups.conf setting the device already has.</summary>
    internal static string? Build(QxEngine e, QxItem item, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            NutLog.Debug(2, $"voltronic_process_setvar: value not given for {item.Name}");
            return null;
        }
        double v = CNumber.Strtod(value);
        if (item.Has(QxFlags.NoNut) && e.Scratch.TryGetValue(item.Name, out string? current) && CNumber.Strtod(current) == v)
        {
            string shown = item.Name.EndsWith("_freq", StringComparison.Ordinal) ? "%.1f" : "%.0f";
            NutLog.Info($"{item.Name} is already set to {CNumber.Format(shown, v)}");
            return null;
        }
        return CNumber.Format(item.Command!, v);
    }

    /// <summary>QBV's batteries per pack; a battery_number in ups.conf is sent at start-up when it differs.</summary>
    public static string? BatteryNumber(QxEngine e, QxItem item, string value)
    {
        if (!IsNumber(value))
            return null;
        return CNumber.Format(item.Format, value);
    }

    /// <summary>The low battery voltage: 20..24 V for units below 1 kVA (nominal V x A), 20..28 V above.</summary>
    static string? LowVoltage(QxEngine e, QxItem item, string value)
    {
        long ovn = CNumber.Strtol(e.State.GetInfo("output.voltage.nominal") ?? "0");
        long ocn = CNumber.Strtol(e.State.GetInfo("output.current.nominal") ?? "0");
        int max = ovn * ocn < 1000 ? 24 : 28;
        foreach (var candidate in e.Items)
            if (candidate.Name == item.Name)
                candidate.RangeValues = (20, max);
        return IsNumber(value) ? CNumber.Format(item.Format, value) : null;
    }

    /// <summary>What the protocol number and the flags of ups.conf enable (NUT's massive unskip).</summary>
    public static void UnskipForProtocol(QxEngine e, int protocol)
    {
        foreach (var item in e.Items)
        {
            bool bypassLimit = item.Command is "QBYV" or "QBYF";
            bool p31 = item.Name == "battery.type" || (item.Name == "work_range_type" && (!item.Has(QxFlags.SetVar) || e.Setting(item.Name) is not null));
            if ((bypassLimit && protocol is not (0 or 8 or 31))
                || (p31 && protocol == 31)
                || (item.Name == "reset_to_default" && e.Flag("reset_to_default")))
                item.Flags &= ~QxFlags.Skip;
        }
        VoltronicPhases.UnskipForProtocol(e, protocol);
    }
}
