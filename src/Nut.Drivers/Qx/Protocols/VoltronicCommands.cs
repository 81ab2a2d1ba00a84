using System.Globalization;
using Nut.Platform;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The instant commands of Voltronic devices; each is acknowledged with "(ACK". Delays are sent as ".n" (tenths
/// of a minute) below one minute, else as two-digit minutes; restart delays as four-digit minutes.
/// </summary>
static class VoltronicCommands
{
    public static IEnumerable<QxItem> Items() =>
    [
        Command("load.off", "SOFF"),
        Command("load.on", "SON"),
        Command("shutdown.return", null, ShutdownReturn),
        Command("shutdown.stayoff", null, (e, _, _) => "S" + Minutes(Delay(e, "ups.delay.shutdown")) + "R0000"),
        Command("shutdown.stop", "CS"),
        Command("test.battery.start", null, BatteryTest),
        Command("test.battery.start.deep", "TL"),
        Command("test.battery.start.quick", "T"),
        Command("test.battery.stop", "CT"),
        Command("beeper.toggle", null, BeeperToggle),
        // Only for devices whose QFLAG lists the alarm control ('a') or the ECO mode ('e').
        Command("beeper.enable", "PEA", skip: true),
        Command("beeper.disable", "PDA", skip: true),
        // Only for the programmable outlets that answer QSKn.
        .. VoltronicOutlets.Commands(),
        Command("bypass.start", "PEE", skip: true),
        Command("bypass.stop", "PDE", skip: true),
    ];

    internal static QxItem Command(string name, string? command, QxCommandHook? build = null, bool skip = false) => new()
    {
        Name = name, Command = command, BuildCommand = build, AnswerLength = 5, Acknowledge = "(ACK",
        Flags = QxFlags.Command | (skip ? QxFlags.Skip : QxFlags.None),
    };

    static long Delay(QxEngine e, string name) => CNumber.Strtol(e.State.GetInfo(name) ?? "0");

    /// <summary>".n" tenths of a minute below 60 s, else "nn" minutes.</summary>
    static string Minutes(long seconds) =>
        seconds < 60 ? "." + (seconds / 6).ToString(CultureInfo.InvariantCulture) : (seconds / 60).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>"Sn" (back when the mains returns) or "SnRmmmm" (back after m minutes).</summary>
    static string? ShutdownReturn(QxEngine e, QxItem item, string? parameter)
    {
        long ondelay = Delay(e, "ups.delay.start") / 60;
        string s = "S" + Minutes(Delay(e, "ups.delay.shutdown"));
        return ondelay == 0 ? s : s + "R" + ondelay.ToString("0000", CultureInfo.InvariantCulture);
    }

    /// <summary>"T.n" / "Tnn": the test length in seconds (12..5940, default 600).</summary>
    static string? BatteryTest(QxEngine e, QxItem item, string? parameter)
    {
        string text = parameter ?? "";
        if (text.Any(c => !char.IsAsciiDigit(c)))
        {
            NutLog.Error($"{item.Name}: non numerical value [{text}]");
            return null;
        }
        long seconds = text.Length > 0 ? CNumber.Strtol(text) : 600;
        if (seconds < 12 || seconds > 5940)
        {
            NutLog.Error($"{item.Name}: battery test time '{seconds}' out of range [12..5940] seconds");
            return null;
        }
        return "T" + Minutes(seconds);
    }

    /// <summary>BZOFF silences a sounding beeper, BZON lets it sound again (not when the alarm is disabled).</summary>
    static string? BeeperToggle(QxEngine e, QxItem item, string? parameter)
    {
        string? beeper = e.State.GetInfo("ups.beeper.status");
        if (e.Scratch.ContainsKey("alarm_control"))
        {
            if (beeper == "enabled") return "BZOFF";
            if (beeper == "muted") return "BZON";
            NutLog.Info("The beeper is already disabled");
            return null;
        }
        return beeper switch { "enabled" => "BZOFF", "disabled" => "BZON", _ => "BZ" };
    }
}
