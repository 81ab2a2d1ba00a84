using Nut.Core.State;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.Qx;

public sealed partial class QxEngine
{
    /// <summary>How often a shutdown command is tried before -k gives up.</summary>
    public const int ShutdownTries = 3;

    /// <summary>
    /// Start-up handling of a writable item: a ups.conf-only setting (NoNut) is sent to the device when configured;
    /// a NUT variable gets its value (server-side ones from the configuration), the RW flag and its enum or range.
    /// </summary>
    void AnnounceSetVar(QxItem item)
    {
        if (item.Has(QxFlags.NoNut))
        {
            if (Setting(item.Name) is { } configured)
                SetVarItem(item, configured);
            else
                NutLog.Debug(2, $"setvar: nothing to do... [{item.Name}]");
            return;
        }
        if (item.Command is null && item.BuildCommand is null)
        {
            if (item.Default is null)
                return;
            string value = item.Convert is { } convert ? convert(this, item, item.Default) ?? item.Default : item.Default;
            State.SetInfo(item.Name, value);
        }
        else if (!State.Has(item.Name))
        {
            return;
        }
        var flags = VariableFlags.ReadWrite | (item.VarFlags & VariableFlags.String);
        State.SetFlags(item.Name, flags);
        if ((flags & VariableFlags.String) != 0 && item.StringLength > 0)
            State.SetAux(item.Name, item.StringLength);
        if (item.Has(QxFlags.Enum) && item.EnumValues is { } values)
            foreach (string v in values)
                State.AddEnum(item.Name, v);
        if (item.Has(QxFlags.Range) && item.RangeValues is { } range)
            State.AddRange(item.Name, range.Min, range.Max);
    }

    /// <summary>Runs an instant command (NUT's instcmd); returns a <see cref="HandlerStatus"/> code.</summary>
    public int InstCmd(string name, string? parameter)
    {
        NutLog.Info($"instcmd({name}, {parameter ?? "[NULL]"})");
        var item = FindItem(name, QxFlags.Command);
        if (item is null || item.Has(QxFlags.Skip))
        {
            NutLog.Debug(2, $"instcmd: command {name} unavailable");
            return HandlerStatus.Invalid;
        }
        string? command = item.BuildCommand is { } build ? build(this, item, parameter) : item.Command;
        if (command is null)
        {
            // NUT's instcmd: a parameter the item refuses is a failed command, not an unknown one.
            NutLog.Info("instcmd: FAILED");
            return HandlerStatus.Failed;
        }
        if (!SendAndCheck(item, command))
        {
            NutLog.Info("instcmd: FAILED");
            return HandlerStatus.Failed;
        }
        NutLog.Info("instcmd: SUCCEED");
        DataChanged = true;
        return HandlerStatus.Handled;
    }

    /// <summary>Sends a command; false when the device echoed it (unsupported) or did not acknowledge it.</summary>
    bool SendAndCheck(QxItem item, string command)
    {
        ForgetAnswer();
        string? answer = Query(command);
        if (item.Acknowledge is { } ack)
            return answer is not null && answer.TrimEnd('\r') == ack;
        return answer is null || answer.TrimEnd('\r') != command;
    }

    /// <summary>Writes a variable (NUT's setvar); returns a <see cref="HandlerStatus"/> code.</summary>
    public int SetVar(string name, string value)
    {
        NutLog.Info($"setvar({name}, {value})");
        QxItem? item = null;
        foreach (var candidate in Items)
            if (candidate.Name == name && candidate.Has(QxFlags.SetVar) && !candidate.Has(QxFlags.NoNut) && !candidate.Has(QxFlags.Skip))
            {
                item = candidate;
                break;
            }
        if (item is null)
        {
            NutLog.Debug(2, $"setvar: element {name} unavailable");
            return HandlerStatus.Unknown;
        }
        // As NUT: a value the variable already has is not sent to the device.
        if (string.Equals(State.GetInfo(name), value, StringComparison.OrdinalIgnoreCase))
        {
            NutLog.Info($"setvar: nothing to do... [{name}]");
            return HandlerStatus.Handled;
        }
        return SetVarItem(item, value);
    }

    int SetVarItem(QxItem item, string value)
    {
        // NUT compares enumerated values without regard to case.
        if (item.Has(QxFlags.Enum) && item.EnumValues is { } values && !values.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            NutLog.Info($"setvar: value out of range [{item.Name}: {value}]");
            return HandlerStatus.Unknown;
        }
        if (item.Has(QxFlags.Range) && item.RangeValues is { } range)
        {
            if (!LooksNumeric(value) || value.Length == 0)
            {
                NutLog.Info($"setvar: non numerical value [{item.Name}: {value}]");
                return HandlerStatus.Unknown;
            }
            // NUT checks the integer part of the value against the range (54.5 is in 52..54).
            long v = CNumber.Strtol(value);
            if (v < range.Min || v > range.Max)
            {
                NutLog.Info($"setvar: value out of range [{item.Name}: {value}]");
                return HandlerStatus.Unknown;
            }
        }
        if (item.Command is null && item.BuildCommand is null)
        {
            NutLog.Debug(2, $"setvar: setting server side variable {item.Name}");
            string stored = item.Convert is { } convert ? convert(this, item, value) ?? value : value;
            State.SetInfo(item.Name, stored);
            NutLog.Info("setvar: SUCCEED");
            return HandlerStatus.Handled;
        }
        string? command = item.BuildCommand is { } build ? build(this, item, value) : item.Command;
        if (command is null || !SendAndCheck(item, command))
        {
            NutLog.Info("setvar: FAILED");
            return HandlerStatus.Failed;
        }
        NutLog.Info("setvar: SUCCEED");
        DataChanged = true;
        return HandlerStatus.Handled;
    }

    /// <summary>
    /// The -k sequence: cancel any pending shutdown, then shut down with return (or stay off with the
    /// <c>stayoff</c> flag), each tried up to three times. Returns the exit status.
    /// </summary>
    public int Shutdown()
    {
        foreach (var item in Items)
            if (item.Has(QxFlags.SetVar) && !item.Has(QxFlags.NoNut) && !item.Has(QxFlags.Skip))
                AnnounceSetVar(item);
        bool cancelled = false;
        for (int i = 0; i < ShutdownTries && !cancelled; i++)
            cancelled = InstCmd("shutdown.stop", null) == HandlerStatus.Handled;
        if (!cancelled)
            NutLog.Info("No shutdown pending");
        string command = Flag("stayoff") ? "shutdown.stayoff" : "shutdown.return";
        for (int i = 0; i < ShutdownTries; i++)
        {
            if (InstCmd(command, null) != HandlerStatus.Handled)
                continue;
            NutLog.Info($"Shutting down in {State.GetInfo("ups.delay.shutdown") ?? "0"} seconds");
            return 0;
        }
        NutLog.Info("Shutdown failed!");
        return 1;
    }
}
