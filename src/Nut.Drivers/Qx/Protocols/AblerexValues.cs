using System.Globalization;
using Nut.Platform;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The decoders of NUT 2.8.0's Ablerex subdriver. Q5 is binary (big-endian 16-bit words at fixed byte offsets
/// of the answer); what it tells (battery voltage and cut-off voltage in hundredths of a 12 V block's nominal)
/// then refines the battery values read from Q1 and F at the next polls, as in NUT, where it is kept between polls.
/// </summary>
static class AblerexValues
{
    const string BatteryKey = "ablerex.q5.vb", CutOffKey = "ablerex.q5.vbc";

    /// <summary>Volts per cell (below 3 V: the device reports per cell) and the charge in percent on line...</summary>
    static readonly double[] PerCell =
    [
        2.22, 2.21, 2.20, 2.19, 2.18, 2.17, 2.16, 2.15, 2.14, 2.13, 2.12, 2.11, 2.10, 2.09, 2.08, 2.07, 2.06, 2.05, 2.04,
        2.03, 2.02, 2.01, 2.00, 1.99, 1.98, 1.97, 1.96, 1.95, 1.94, 1.93, 1.92, 1.91, 1.90, 1.89, 1.88, 1.87, 1.86, 1.85,
        1.84, 1.83, 1.82, 1.81, 1.80, 1.79, 1.78, 1.77, 1.76, 1.75, 1.74, 1.73, 1.72, 1.71, 1.70, 1.69, 1.68, 1.67,
    ];

    static readonly int[] PerCellCharge =
    [
        100, 90, 88, 87, 85, 83, 82, 80, 78, 77, 75, 73, 72, 70, 68, 65, 65, 62, 62, 58, 58, 55, 55, 53, 52, 50, 48, 47,
        45, 43, 42, 40, 38, 37, 35, 33, 32, 30, 28, 27, 25, 23, 22, 20, 18, 17, 15, 13, 12, 10, 8, 7, 5, 3, 2, 0, -1,
    ];

    /// <summary>...and per 12 V block.</summary>
    static readonly double[] PerBlock =
    [
        13.5, 13.3, 13.2, 13.1, 13, 12.9, 12.8, 12.7, 12.6, 12.5, 12.4, 12.3, 12.2, 12.1, 12, 11.9, 11.8, 11.7, 11.6, 11.5,
        11.4, 11.3, 11.2, 11.1, 11, 10.9, 10.8, 10.7, 10.6, 10.5, 10.4, 10.3, 10.2, 10.1, 10,
    ];

    static readonly int[] PerBlockCharge =
    [
        100, 90, 88, 86, 83, 80, 77, 74, 72, 69, 66, 63, 61, 58, 55, 52, 49, 47, 44, 41, 38, 36, 33, 30, 27, 24, 22, 19,
        16, 13, 11, 8, 5, 2, 0, -1,
    ];

    static double? Nominal(QxEngine engine) =>
        engine.State.GetInfo("battery.voltage.nominal") is { } nominal ? CNumber.Strtod(nominal) : null;

    static int Stored(QxEngine engine, string key) =>
        engine.Scratch.TryGetValue(key, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : -1;

    static string F(string format, double value) => CNumber.Format(format, value);

    /// <summary>Q1's battery voltage, scaled by Q5's once known (per cell below 3 V).</summary>
    public static string? BatteryVoltage(QxEngine engine, QxItem item, string value)
    {
        double volts = CNumber.Strtod(value);
        if (Nominal(engine) is not { } nominal)
            return F("%.2f", volts);
        int q5 = Stored(engine, BatteryKey);
        double actual = q5 > 0 ? q5 * nominal / 1200 : volts > 3.0 ? volts : volts * 6 * nominal / 12;
        return F("%.2f", actual);
    }

    /// <summary>The charge from Q1's battery voltage by Ablerex's tables (100 until the nominal voltage is known).</summary>
    public static string? BatteryCharge(QxEngine engine, QxItem item, string value)
    {
        double volts = CNumber.Strtod(value);
        if (Nominal(engine) is not { } nominal)
            return "100";
        if (volts > 3.0)
            volts /= nominal / 12;
        var (levels, charges) = volts < 3.0 ? (PerCell, PerCellCharge) : (PerBlock, PerBlockCharge);
        int charge = 0;
        for (int i = 0; charges[i] > 0; i++)
        {
            if (volts >= levels[i])
            {
                charge = charges[i];
                break;
            }
        }
        return charge.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>battery.voltage.low (item at 1) from Q5's cut-off voltage, battery.voltage.high (at 2) fixed.</summary>
    public static string? BatteryLimit(QxEngine engine, QxItem item, string value)
    {
        if (Nominal(engine) is not { } nominal)
            return null;
        int cutOff = Stored(engine, CutOffKey);
        double low = (cutOff > 0 ? cutOff : 960) * nominal / 1200, high = 1365 * nominal / 1200;
        return item.From switch { 1 => F("%.2f", low), 2 => F("%.2f", high), _ => null };
    }

    /// <summary>
    /// Q5: output frequency (bytes 1-2, tenths of Hz), battery voltage (7-8) and cut-off voltage (9-10), an error
    /// code (13-14, published as ups.alarm as it is) and the output current (15-16, tenths of A).
    /// </summary>
    public static string? Q5(QxEngine engine, QxItem item, string value)
    {
        // The value starts at byte 1 of the answer; NUT's answer buffer reads as zeros past its end.
        int Word(int at) => Byte(at) * 256 + Byte(at + 1);
        int Byte(int at) => at - 1 < value.Length ? value[at - 1] & 0xFF : 0;
        int frequency = Word(1), battery = Word(7), cutOff = Word(9), error = Word(13), current = Word(15);
        NutLog.Debug(2, $"Q5: {F("%.1f", 0.1 * frequency)} {error} {F("%.1f", 0.1 * current)}");
        NutLog.Debug(2, $"Q5Vb: {battery} Vbc {cutOff}");
        engine.Scratch[BatteryKey] = battery.ToString(CultureInfo.InvariantCulture);
        engine.Scratch[CutOffKey] = cutOff.ToString(CultureInfo.InvariantCulture);
        engine.State.SetInfo("output.frequency", F("%.1f", 0.1 * frequency));
        engine.State.SetInfo("ups.alarm", error.ToString(CultureInfo.InvariantCulture));
        engine.State.SetInfo("output.current", F("%.1f", 0.1 * current));
        return F("%.1f", frequency * 0.1);
    }

    /// <summary>At: the runtime in seconds, a big-endian 32-bit number in bytes 1-4.</summary>
    public static string? Runtime(QxEngine engine, QxItem item, string value)
    {
        int Byte(int at) => at < value.Length ? value[at] & 0xFF : 0;
        int seconds = unchecked(Byte(1) * 65536 * 256 + Byte(2) * 65536 + Byte(3) * 256 + Byte(4));
        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>TR: the four characters after '#', as they are (up to a NUL).</summary>
    public static string? TestResult(QxEngine engine, QxItem item, string value)
    {
        string result = value.Length > 1 ? value[1..Math.Min(5, value.Length)] : "";
        int nul = result.IndexOf('\0');
        return nul >= 0 ? result[..nul] : result;
    }

    /// <summary>
    /// Keeps the CR in what is cut for At and TR: NUT hands these decoders the raw answer, in which a short answer's
    /// CR (and the zeros after it) are part of the bytes read.
    /// </summary>
    public static string? RawAnswer(QxEngine engine, QxItem item, string answer) => answer + "\0";

    /// <summary>Bits 40..42: bypass/boost/buck; for a standby UPS (bit 42) told apart by the voltages.</summary>
    public static string? BypassBits(QxEngine engine, QxItem item, string value)
    {
        if (value.Length == 0 || value[0] != '1')
        {
            foreach (string bit in new[] { "!BYPASS", "!TRIM", "!BOOST" })
                engine.Status.Update(bit);
            return "";
        }
        string token = "BYPASS";
        if (value.Length > 2 && value[2] == '1')
        {
            double vi = CNumber.Strtod(engine.State.GetInfo("input.voltage") ?? "0");
            double vo = CNumber.Strtod(engine.State.GetInfo("output.voltage") ?? "0");
            if (vo < 0.5 * vi)
            {
                NutLog.Debug(2, "ablerex_process_status_bits: output voltage too low");
                return null;
            }
            if (vo < 0.95 * vi) token = "TRIM";
            else if (vo < 1.05 * vi) token = "BYPASS";
            else if (vo < 1.5 * vi) token = "BOOST";
            else
            {
                NutLog.Debug(2, "ablerex_process_status_bits: output voltage too high");
                return null;
            }
        }
        foreach (string other in new[] { "BYPASS", "TRIM", "BOOST" })
            engine.Status.Update(other == token ? other : "!" + other);
        engine.UpdateStatus(token);
        return "";
    }

    /// <summary>Bit 41 read by Ablerex: a failed battery (RB); an output below 50 V means the output is off (OFF).</summary>
    public static string? FailedBit(QxEngine engine, QxItem item, string value)
    {
        engine.UpdateStatus(value == "1" ? "RB" : "!RB");
        double vout = CNumber.Strtod(engine.State.GetInfo("output.voltage") ?? "0");
        engine.UpdateStatus(vout < 50.0 ? "OFF" : "!OFF");
        return "";
    }
}
