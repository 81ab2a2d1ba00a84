using System.Globalization;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.UsbHid;

public sealed partial class UsbHidDriver
{
    public int InstCmd(DriverHostContext host, string command, string? parameter)
    {
        if (_session is null)
            return HandlerStatus.Failed;
        if (FindItem(command, command: true) is not { } item)
            return ComposedCommand(host, command);
        if (command is "shutdown.return" or "shutdown.stayoff")
        {
            // A table entry for these is a first step (MGE/Eaton: AutomaticRestart 1 or 0), then the two delays as
            // for every unit; Debian's driver writes the same three reports in this order.
            int first = WriteCommand(host, command, item, parameter);
            return first != HandlerStatus.Handled ? first : ComposedCommand(host, command);
        }
        return WriteCommand(host, command, item, parameter);
    }

    int WriteCommand(DriverHostContext host, string command, (HidInfo Entry, Hid.HidField Field) item, string? parameter)
    {
        string text = parameter ?? DefaultCommandValue(host, item.Entry.Format);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            NutLog.Debug(1, $"instcmd: {command}: invalid value '{text}'");
            return HandlerStatus.Invalid;
        }
        NutLog.Debug(1, $"instcmd: using Path '{item.Entry.Path}'");
        if (_session!.Write(item.Field, value) is null)
        {
            NutLog.Error($"instcmd: {command} failed");
            if (_session.Lost) Lost(host);
            return HandlerStatus.Failed;
        }
        NutLog.Info($"instcmd: {command} handled");
        _dataChanged = true;
        return HandlerStatus.Handled;
    }

    /// <summary>
    /// NUT's fallbacks for commands the table has no entry for: load.on/off as the delayed ones with 0, and
    /// shutdown.return / shutdown.stayoff as "start after ups.delay.start (or never)" then "stop after
    /// ups.delay.shutdown".
    /// </summary>
    int ComposedCommand(DriverHostContext host, string command)
    {
        NutLog.Debug(3, $"instcmd: cmdname '{command}' not found; checking for alternatives");
        switch (command)
        {
            case "load.on" when HasCommand("load.on.delay"):
                return InstCmd(host, "load.on.delay", "0");
            case "load.off" when HasCommand("load.off.delay"):
                return InstCmd(host, "load.off.delay", "0");
            case "shutdown.return" when HasCommand("load.on.delay") && HasCommand("load.off.delay"):
            {
                int r = InstCmd(host, "load.on.delay", Delay(host, "ups.delay.start", _onDelay));
                return r != HandlerStatus.Handled ? r : InstCmd(host, "load.off.delay", Delay(host, "ups.delay.shutdown", _offDelay));
            }
            case "shutdown.stayoff" when HasCommand("load.on.delay") && HasCommand("load.off.delay"):
            {
                int r = InstCmd(host, "load.on.delay", "-1");
                return r != HandlerStatus.Handled ? r : InstCmd(host, "load.off.delay", Delay(host, "ups.delay.shutdown", _offDelay));
            }
            default:
                NutLog.Debug(2, $"instcmd: info element unavailable {command}");
                return HandlerStatus.Invalid;
        }
    }

    // "offdelay" / "ondelay" in a command's table value mean "the current delay setting".
    string DefaultCommandValue(DriverHostContext host, string format) => format switch
    {
        "offdelay" => Delay(host, "ups.delay.shutdown", _offDelay),
        "ondelay" => Delay(host, "ups.delay.start", _onDelay),
        _ => format,
    };

    static string Delay(DriverHostContext host, string variable, int option) =>
        host.State.GetInfo(variable) ?? option.ToString(CultureInfo.InvariantCulture);

    public int SetVar(DriverHostContext host, string name, string value)
    {
        if (_session is null)
            return HandlerStatus.Failed;
        if (FindItem(name, command: false) is not { } item || (item.Entry.Flags & HidInfoFlags.Rw) == 0)
            return HandlerStatus.Unknown;
        var e = item.Entry;
        if ((e.Flags & HidInfoFlags.Absent) != 0)
        {
            // Delays NUT keeps itself: only remembered, written by the shutdown commands.
            host.State.SetInfo(name, value);
            return HandlerStatus.Handled;
        }
        double? number = e.Lookup is { } lookup ? lookup.FromNut(value)
            : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
        if (number is null)
        {
            NutLog.Debug(1, $"hu_find_valinfo: no matching HID value for this INFO_* value ({value})");
            return HandlerStatus.Invalid;
        }
        NutLog.Debug(1, $"setvar: using Path '{e.Path}'");
        if (_session.Write(item.Field, number.Value) is null)
        {
            if (_session.Lost) Lost(host);
            return HandlerStatus.Failed;
        }
        _dataChanged = true;
        return HandlerStatus.Handled;
    }

    /// <summary>-k: NUT's order of attempts: shutdown.return, then shutdown.reboot, then load.off.delay.</summary>
    public int Shutdown(DriverHostContext host)
    {
        NutLog.Debug(1, "upsdrv_shutdown...");
        foreach (var command in (string[])["shutdown.return", "shutdown.reboot", "load.off.delay"])
            if (InstCmd(host, command, null) == HandlerStatus.Handled)
                return 0;
        NutLog.Error("Shutdown failed!");
        return 1;
    }
}
