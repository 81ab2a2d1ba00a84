using System.Globalization;
using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The writable values of Voltronic devices besides the QFLAG options: battery packs and batteries per pack
/// (BATGN / BATN), the low battery voltage (RE0 / W0E), the bypass limits (QBYV / QBYF, read as driver values) and
/// the shutdown / restart delays kept by the driver.
/// </summary>
static class VoltronicSettings
{
    public static IEnumerable<QxItem> Items() =>
    [
        // QBYV "(264 170" and QBYF "(53.0 47.0": bypass limits, not NUT variables (all protocols but 00, 08, 31).
        Query("max_bypass_volt", "QBYV", 9, 1, 3, "%.0f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, Number),
        Query("min_bypass_volt", "QBYV", 9, 5, 7, "%.0f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, Number),
        Query("max_bypass_freq", "QBYF", 11, 1, 4, "%.1f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, Number),
        Query("min_bypass_freq", "QBYF", 11, 6, 9, "%.1f", QxFlags.SemiStatic | QxFlags.NoNut | QxFlags.Skip, Number),
        Set("battery_number", "BATN%1.0f", QxFlags.Range | QxFlags.NoNut, (1, 9)),
        Set("battery.packs", "BATGN%02.0f", QxFlags.Range, (1, 99)),
        // RE0 "#20": the low battery voltage; its range depends on the unit's power (see LowVoltage).
        Query("battery.voltage.low", "RE0", 3, 1, 2, "%.1f", QxFlags.SemiStatic | QxFlags.Range, LowVoltage, '#'),
        Set("battery.voltage.low", "W0E%02.0f", QxFlags.Range, (20, 24)),
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

    static QxItem Set(string name, string command, QxFlags flags, (int, int) range) => new()
    {
        Name = name, Command = command, AnswerLength = 5, Acknowledge = "(ACK", RangeValues = range,
        Flags = QxFlags.SetVar | flags, BuildCommand = Build,
    };

    /// <summary>Fills the printf pattern with the value; refuses a battery number the device already has.</summary>
    static string? Build(QxEngine e, QxItem item, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            NutLog.Debug(2, $"voltronic_process_setvar: value not given for {item.Name}");
            return null;
        }
        double v = CNumber.Strtod(value);
        if (item.Name == "battery_number" && e.Scratch.TryGetValue("battery_number", out string? current)
            && CNumber.Strtod(current) == v)
        {
            NutLog.Info($"{item.Name} is already set to {CNumber.Format("%.0f", v)}");
            return null;
        }
        return CNumber.Format(item.Command!, v);
    }

    static string? Number(QxEngine e, QxItem item, string value) =>
        IsNumber(value) ? CNumber.Format(item.Format, value) : null;

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
            if ((bypassLimit && protocol is not (0 or 8 or 31))
                || (item.Name == "reset_to_default" && e.Flag("reset_to_default")))
                item.Flags &= ~QxFlags.Skip;
        }
    }
}
