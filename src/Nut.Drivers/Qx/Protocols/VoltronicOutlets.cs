using Nut.Platform;
using static Nut.Drivers.Qx.Protocols.VoltronicProtocol;

namespace Nut.Drivers.Qx.Protocols;

/// <summary>
/// The programmable outlets 1..4 of Voltronic units whose QFLAG enables them ('j'): QSKn "(1" on / "(0" off
/// (outlet.n.switchable, outlet.n.status; "(NAK" for an outlet that is not programmable), QSKTn "(008" the minutes
/// on battery before the outlet is cut (outlet.n.delay.shutdown in seconds, written with PSKnmmm), and the
/// outlet.n.load.off / .on commands (SKOFFn / SKONn).
/// </summary>
static class VoltronicOutlets
{
    public const int Count = 4;

    public static IEnumerable<QxItem> Items()
    {
        for (int n = 1; n <= Count; n++)
        {
            yield return Query($"outlet.{n}.switchable", $"QSK{n}", 3, 1, 1, "%s", QxFlags.SemiStatic | QxFlags.Skip, Outlet);
            yield return Query($"outlet.{n}.status", $"QSK{n}", 3, 1, 1, "%s", QxFlags.SemiStatic | QxFlags.Skip, Outlet);
        }
        for (int n = 1; n <= Count; n++)
            yield return Query($"outlet.{n}.delay.shutdown", $"QSKT{n}", 5, 1, 3, "%.0f", QxFlags.SemiStatic | QxFlags.Range | QxFlags.Skip, Delay);
        for (int n = 1; n <= Count; n++)
            yield return VoltronicSettings.Set($"outlet.{n}.delay.shutdown", $"PSK{n}%03d", QxFlags.Range | QxFlags.Skip, (0, 59940), SetDelay);
    }

    /// <summary>The outlet commands, enabled for the outlets that answer QSKn.</summary>
    public static IEnumerable<QxItem> Commands()
    {
        for (int n = 1; n <= Count; n++)
        {
            yield return VoltronicCommands.Command($"outlet.{n}.load.off", $"SKOFF{n}", skip: true);
            yield return VoltronicCommands.Command($"outlet.{n}.load.on", $"SKON{n}", skip: true);
        }
    }

    /// <summary>QFLAG enabled the programmable outlets: their state is read.</summary>
    public static void Enable(QxEngine e)
    {
        for (int n = 1; n <= Count; n++)
        {
            Unskip(e, $"outlet.{n}.switchable", QxFlags.None);
            Unskip(e, $"outlet.{n}.status", QxFlags.None);
        }
    }

    /// <summary>Its number, from "outlet.n...".</summary>
    static char Number(QxItem item) => item.Name[7];

    /// <summary>"1" on, "0" off (both switchable); a programmable outlet also has a delay and its commands.</summary>
    static string? Outlet(QxEngine e, QxItem item, string value)
    {
        string? status = value.Length > 0 ? value[0] switch { '1' => "on", '0' => "off", _ => null } : null;
        if (status is null)
        {
            NutLog.Debug(2, $"voltronic_outlet: invalid reply from the UPS [{item.Name}: {value}]");
            return null;
        }
        char n = Number(item);
        Unskip(e, $"outlet.{n}.delay.shutdown", QxFlags.SemiStatic);
        Unskip(e, $"outlet.{n}.load.on", QxFlags.Command);
        Unskip(e, $"outlet.{n}.load.off", QxFlags.Command);
        return item.Name.EndsWith(".switchable", StringComparison.Ordinal) ? "yes" : status;
    }

    /// <summary>The device tells minutes, NUT wants seconds; a known delay can be written.</summary>
    static string? Delay(QxEngine e, QxItem item, string value)
    {
        if (!IsNumber(value))
        {
            NutLog.Debug(2, $"voltronic_outlet_delay: non numerical value [{item.Name}: {value}]");
            return null;
        }
        Unskip(e, item.Name, QxFlags.SetVar);
        return CNumber.Format(item.Format, CNumber.Strtod(value) * 60);
    }

    /// <summary>Whole minutes, "PSKnmmm".</summary>
    static string? SetDelay(QxEngine e, QxItem item, string? value) =>
        CNumber.Format(item.Command!, CNumber.Strtol(value ?? "") / 60);

    static void Unskip(QxEngine e, string name, QxFlags kind)
    {
        if (e.FindItem(name, kind) is { } item)
            item.Flags &= ~QxFlags.Skip;
    }
}
