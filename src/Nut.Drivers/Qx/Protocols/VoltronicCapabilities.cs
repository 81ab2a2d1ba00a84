using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The device options of Voltronic units. QFLAG answers "(E" + letters of the enabled options + "D" + letters of
/// the disabled ones (options the device lacks are absent). Five have NUT variables ("yes"/"no", writable with
/// PE&lt;X&gt; / PD&lt;X&gt;, the letter in upper case); the others are driver settings ("enabled"/"disabled") written at start-up when
/// ups.conf asks for a change.
/// </summary>
static class VoltronicCapabilities
{
    /// <summary>Option, its QFLAG / PE / PD letter, whether it is a NUT variable.</summary>
    static readonly (string Name, char Letter, bool Nut)[] Options =
    [
        ("ups.start.auto", 'r', true),
        ("battery.protection", 's', true),
        ("battery.energysave", 'g', true),
        ("ups.start.battery", 'c', true),
        ("outlet.0.switchable", 'j', true),
        ("bypass_alarm", 'p', false),
        ("battery_alarm", 'b', false),
        ("bypass_when_off", 'o', false),
        ("alarm_control", 'a', false),
        ("converter_mode", 'v', false),
        ("eco_mode", 'e', false),
        ("battery_open_status_check", 'd', false),
        ("bypass_forbidding", 'f', false),
        ("site_fault_detection", 'l', false),
        ("advanced_eco_mode", 'n', false),
        ("constant_phase_angle", 'q', false),
        ("limited_runtime_on_battery", 'w', false),
    ];

    public static IEnumerable<QxItem> Items()
    {
        foreach (var (name, letter, nut) in Options)
        {
            var flags = QxFlags.SemiStatic | (nut ? QxFlags.Enum : QxFlags.NoNut);
            var item = Query(name, "QFLAG", 4, 1, 4096, "%s", flags, (e, i, v) => Read(e, i, v, letter, nut));
            if (nut)
                item.EnumValues = ["no", "yes"];
            yield return item;
        }
        foreach (var (name, letter, nut) in Options)
            yield return new QxItem
            {
                Name = name, Command = $"P%s{char.ToUpperInvariant(letter)}", AnswerLength = 5, Acknowledge = "(ACK",
                Flags = QxFlags.SetVar | QxFlags.Enum | QxFlags.Skip | (nut ? QxFlags.None : QxFlags.NoNut),
                EnumValues = nut ? ["no", "yes"] : ["enabled", "disabled"],
                BuildCommand = nut ? (e, i, v) => Set(i, v) : SetSetting,
            };
        // Reset of every option to its safe default, with the reset_to_default flag, only when the UPS is off.
        yield return new QxItem
        {
            Name = "reset_to_default", Command = "PF", AnswerLength = 5, Acknowledge = "(ACK",
            Flags = QxFlags.SetVar | QxFlags.NoNut | QxFlags.Skip, BuildCommand = Reset,
        };
    }

    /// <summary>
    /// Splits the QFLAG value as NUT does (strtok on 'D' after the leading 'E': leading D's are skipped, so a
    /// device with nothing enabled reports its disabled options as enabled).
    /// </summary>
    static (string Enabled, string Disabled)? Split(string value)
    {
        string s = value.Length > 0 ? value[1..] : "";
        int i = 0;
        while (i < s.Length && s[i] == 'D')
            i++;
        if (i == s.Length)
            return null;
        int d = s.IndexOf('D', i);
        return d < 0 ? (s[i..], "") : (s[i..d], s[(d + 1)..]);
    }

    static string? Read(QxEngine e, QxItem item, string value, char letter, bool nut)
    {
        if (Split(value) is not var (enabled, disabled))
        {
            NutLog.Debug(2, "voltronic_capability: parsing failed");
            return null;
        }
        bool on = enabled.Contains(letter), off = !on && disabled.Contains(letter);
        string? result = on ? (nut ? "yes" : "enabled") : off ? (nut ? "no" : "disabled") : null;
        switch (item.Name)
        {
            case "alarm_control" when value.Contains('a'):
                if (on)
                {
                    if (e.State.GetInfo("ups.beeper.status") != "muted")
                        e.State.SetInfo("ups.beeper.status", "enabled");
                }
                else if (off)
                    e.State.SetInfo("ups.beeper.status", "disabled");
                Unskip(e, "beeper.enable", QxFlags.Command);
                Unskip(e, "beeper.disable", QxFlags.Command);
                break;
            case "eco_mode" when value.Contains('e'):
                Unskip(e, "bypass.start", QxFlags.Command);
                Unskip(e, "bypass.stop", QxFlags.Command);
                foreach (string limit in (string[])["input.transfer.high", "input.transfer.low", "input.frequency.high", "input.frequency.low"])
                    Unskip(e, limit, QxFlags.SemiStatic);
                break;
            case "outlet.0.switchable" when on:
                VoltronicOutlets.Enable(e);
                break;
        }
        if (result is null)
            return null;
        if (!nut && e.Setting(item.Name) is null)
            return result;
        Unskip(e, item.Name, QxFlags.SetVar);
        return result;
    }

    static void Unskip(QxEngine e, string name, QxFlags kind)
    {
        if (e.FindItem(name, kind) is { } item)
            item.Flags &= ~QxFlags.Skip;
    }

    static string? Set(QxItem item, string? value) => value?.ToLowerInvariant() switch
    {
        "yes" => string.Format(System.Globalization.CultureInfo.InvariantCulture, Pattern(item), "E"),
        "no" => string.Format(System.Globalization.CultureInfo.InvariantCulture, Pattern(item), "D"),
        _ => null,
    };

    static string Pattern(QxItem item) => item.Command!.Replace("%s", "{0}", StringComparison.Ordinal);

    /// <summary>An option set from ups.conf: sent only when it differs from what the device reported.</summary>
    static string? SetSetting(QxEngine e, QxItem item, string? value)
    {
        if (!e.Scratch.TryGetValue(item.Name, out string? current))
            return null;
        if (string.Equals(value, current, StringComparison.OrdinalIgnoreCase))
        {
            NutLog.Info($"{item.Name} is already {current}");
            return null;
        }
        return value?.ToLowerInvariant() switch
        {
            "disabled" => string.Format(System.Globalization.CultureInfo.InvariantCulture, Pattern(item), "D"),
            "enabled" => string.Format(System.Globalization.CultureInfo.InvariantCulture, Pattern(item), "E"),
            _ => null,
        };
    }

    static string? Reset(QxEngine e, QxItem item, string? value)
    {
        if (!e.Flag("reset_to_default"))
            return null;
        if (!e.Status.Has("OFF"))
        {
            NutLog.Error($"{item.Name}: UPS capability options can be reset only when the UPS is in Standby Mode (i.e. ups.status = 'OFF').");
            return null;
        }
        return item.Command;
    }
}
