using System.Text;
using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// What Voltronic devices tell about their state: the QGS status line (values and a 12-bit flag field), the QMOD
/// working mode and the QWS warning bits.
/// </summary>
static class VoltronicStatus
{
    /// <summary>Every status bit nutdrv_qx knows: all are forgotten at the start of a full update, as NUT does.</summary>
    static readonly string[] AllBits = ["OL", "LB", "RB", "CHRG", "DISCHRG", "BYPASS", "CAL", "OFF", "OVER", "TRIM", "BOOST", "FSD"];

    /// <summary>NUT's limit of a variable's value, less the room it keeps for other alarms.</summary>
    const int AlarmRoom = 256 - 32;

    /// <summary>QGS, "(234.9 50.0 229.8 50.0 000.0 000 369.1 ---.- 026.5 ---.- 018.8 100000000001", then QMOD and QWS.</summary>
    public static List<QxItem> StatusItems() =>
    [
        Query("input.voltage", "QGS", 76, 1, 5, "%.1f", QxFlags.None, InputVoltage),
        Query("input.frequency", "QGS", 76, 7, 10, "%.1f"),
        Query("output.voltage", "QGS", 76, 12, 16, "%.1f"),
        Query("output.frequency", "QGS", 76, 18, 21, "%.1f"),
        Query("output.current", "QGS", 76, 23, 27, "%.1f"),
        Query("ups.load", "QGS", 76, 29, 31, "%.0f"),
        Query("battery.voltage", "QGS", 76, 45, 49, "%.2f"),
        Query("ups.temperature", "QGS", 76, 57, 61, "%.1f"),
        Query("ups.type", "QGS", 76, 63, 64, "%s", QxFlags.SemiStatic, UpsType),
        Query("ups.status", "QGS", 76, 65, 65, "%s", QxFlags.QuickPoll, (e, _, v) => Bit(e, v, "!OL", "OL")),
        Query("ups.status", "QGS", 76, 66, 66, "%s", QxFlags.QuickPoll, (e, _, v) => Bit(e, v, "LB", "!LB")),
        Query("ups.status", "QGS", 76, 67, 67, "%s", QxFlags.QuickPoll, BypassBoostBuck),
        Query("ups.alarm", "QGS", 76, 67, 67, "%s", QxFlags.None, BypassBoostBuck),
        // The fault bit: NUT 2.8.0 tests it against the number 1 instead of the character '1', so it never
        // raises an alarm (nor asks QFS); kept that way to publish what NUT publishes.
        Query("ups.alarm", "QGS", 76, 68, 68, "%s", QxFlags.None, (_, _, v) => Flags(v) ? "" : null),
        Query("ups.status", "QGS", 76, 70, 70, "%s", QxFlags.QuickPoll, (e, _, v) => Bit(e, v, "CAL", "!CAL")),
        Query("ups.status", "QGS", 76, 71, 71, "%s", QxFlags.QuickPoll, (e, _, v) => Bit(e, v, "FSD", "!FSD")),
        Query("ups.beeper.status", "QGS", 76, 72, 72, "%s", QxFlags.None, Beeper),
        // QMOD: "(L" one letter for the working mode.
        Query("ups.alarm", "QMOD", 3, 1, 1, "%s", QxFlags.None, Mode),
        Query("ups.status", "QMOD", 3, 1, 1, "%s", QxFlags.None, Mode),
        // QWS: "(0000000100000000000000000000000000000000000000000000000000000000"
        Query("ups.alarm", "QWS", 66, 1, 64, "%s", QxFlags.None, Warnings),
    ];

    static bool Flags(string v) => v.Length > 0 && v.All(c => c is '0' or '1');

    /// <summary>The first value of a full update: the status bits start afresh (NUT clears them there).</summary>
    static string? InputVoltage(QxEngine e, QxItem item, string v)
    {
        foreach (string bit in AllBits)
            e.Status.Update("!" + bit);
        // Not a number (e.g. "---.-"): the status line does not prove a Voltronic device.
        return IsNumber(v) ? CNumber.Format(item.Format, v) : null;
    }

    static string? Bit(QxEngine e, string v, string whenSet, string whenClear)
    {
        if (!Flags(v))
            return null;
        e.UpdateStatus(v == "1" ? whenSet : whenClear);
        return "";
    }

    static string? UpsType(QxEngine e, QxItem item, string v)
    {
        if (!Flags(v))
            return null;
        return v switch { "00" => "offline", "01" => "line-interactive", "10" => "online", _ => null };
    }

    /// <summary>
    /// Bypass, boost or buck, told by output against input voltage: below 95 % trim, above 105 % boost, in between
    /// bypass (an AVR alarm for protocols 00 and 08). As in NUT, TRIM and BOOST also become alarm texts.
    /// </summary>
    static string? BypassBoostBuck(QxEngine e, QxItem item, string v)
    {
        if (!Flags(v))
            return null;
        if (v == "0")
            return "";
        double vi = CNumber.Strtod(e.State.GetInfo("input.voltage") ?? "0");
        double vo = CNumber.Strtod(e.State.GetInfo("output.voltage") ?? "0");
        string value = "";
        if (vo < 0.5 * vi)
        {
            NutLog.Debug(2, "voltronic_status: output voltage too low");
            return null;
        }
        if (vo < 0.95 * vi)
            value = "TRIM";
        else if (vo < 1.05 * vi)
        {
            int protocol = ProtocolNumber(e);
            if (protocol is 0 or 8)
                value = item.Name == "ups.alarm" ? "UPS is in AVR Mode." : "";
            else
                value = item.Name == "ups.status" ? "BYPASS" : "";
        }
        else if (vo < 1.5 * vi)
            value = "BOOST";
        else
        {
            NutLog.Debug(2, "voltronic_status: output voltage too high");
            return null;
        }
        if (item.Name == "ups.status" && value.Length > 0)
            e.UpdateStatus(value);
        return value;
    }

    /// <summary>
    /// Bit 72 is 0 when the beeper sounds. Devices that can disable their alarm (QFLAG 'a') tell muted from
    /// disabled; the others only enabled / disabled.
    /// </summary>
    static string? Beeper(QxEngine e, QxItem item, string v)
    {
        if (!Flags(v))
            return null;
        if (e.Scratch.ContainsKey("alarm_control"))
        {
            string? beeper = e.State.GetInfo("ups.beeper.status");
            if (beeper is not null && string.Equals(beeper, "disabled", StringComparison.OrdinalIgnoreCase))
                return "";
            return v == "0" ? "enabled" : "muted";
        }
        return v == "0" ? "enabled" : "disabled";
    }

    /// <summary>The QMOD letter: a status bit or an alarm text.</summary>
    static string? Mode(QxEngine e, QxItem item, string v)
    {
        (string? status, string? alarm) = v switch
        {
            "P" => (null, "UPS is going ON"),
            "S" => ("OFF", null),
            "Y" => ("BYPASS", null),
            "L" => ("OL", null),
            "B" => ("!OL", null),
            "T" => ("CAL", null),
            "F" => (null, "Fault reported by UPS."),
            "E" => (null, "UPS is in ECO Mode."),
            "C" => (null, "UPS is in Converter Mode."),
            "D" => ("FSD", "UPS is shutting down!"),
            _ => ((string?)null, (string?)"?"),
        };
        if (alarm == "?")
        {
            NutLog.Debug(2, $"voltronic_mode: invalid reply from the UPS [{v}]");
            return null;
        }
        if (item.Name == "ups.alarm")
            return alarm ?? "";
        if (status is not null)
            e.UpdateStatus(status);
        return "";
    }

    /// <summary>
    /// The QWS warning bits: known ones by their text, unknown ones by number; low battery, overload and battery
    /// replacement also set LB, OVER and RB. Too long a list is given by bit numbers only.
    /// </summary>
    static string? Warnings(QxEngine e, QxItem item, string v)
    {
        if (!Flags(v))
        {
            NutLog.Debug(2, $"voltronic_warning: unexpected value [{v}]");
            return null;
        }
        if (v.All(c => c == '0'))
            return "";
        var known = new StringBuilder();
        var knownBits = new StringBuilder();
        var unknown = new StringBuilder();
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] != '1')
                continue;
            string number = (i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            if (!VoltronicWarnings.Texts.TryGetValue(i, out string? text))
            {
                NutLog.Info($"Warning from UPS: Unknown warning from UPS [bit: #{number}]");
                unknown.Append(", #").Append(number);
                continue;
            }
            switch (i)
            {
                case 7: e.UpdateStatus("LB"); break;
                case 8: e.UpdateStatus("OVER"); break;
                case 55: e.UpdateStatus("RB"); break;
            }
            NutLog.Info($"Warning from UPS: {text}");
            if (known.Length > 0)
            {
                knownBits.Append(", #").Append(number);
                known.Append(' ').Append(text);
            }
            else
            {
                knownBits.Append("Known (see log or manual) [bit: #").Append(number);
                known.Append(text);
            }
        }
        string explicitText, bitsText;
        if (known.Length > 0)
        {
            if (unknown.Length > 0)
            {
                explicitText = $"{known} Unknown warnings [bit:{unknown.ToString(1, unknown.Length - 1)}]";
                bitsText = $"{knownBits}]; Unknown warnings [bit:{unknown.ToString(1, unknown.Length - 1)}]";
            }
            else
            {
                explicitText = known.ToString();
                bitsText = knownBits + "]";
            }
        }
        else
        {
            explicitText = bitsText = $"Unknown warnings [bit:{unknown.ToString(1, unknown.Length - 1)}]";
        }
        return "UPS warnings: " + (explicitText.Length < AlarmRoom ? explicitText : bitsText);
    }
}
