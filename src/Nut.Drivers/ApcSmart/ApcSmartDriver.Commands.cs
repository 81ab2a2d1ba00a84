using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.ApcSmart;

// Instant commands and writable variables.
public sealed partial class ApcSmartDriver
{
    /// <summary>A nasty command is only carried out when it comes 3 to 15 seconds after the previous nasty request.</summary>
    public const int NastyMinSeconds = 3, NastyMaxSeconds = 15;

    /// <summary>Most steps tried when cycling an enumerated variable towards the wanted value.</summary>
    const int MaxSteps = 32;

    public int InstCmd(DriverHostContext host, string command, string? parameter)
    {
        ApcCommand? ct = null;
        foreach (var c in ApcSmartTables.Commands)
        {
            if (!c.Name.Equals(command, StringComparison.OrdinalIgnoreCase))
                continue;
            if (c.ArgumentPattern is not null ? !ApcSmartConvert.Matches(c.ArgumentPattern, parameter) : parameter is not null)
                continue;
            ct = c;
            break;
        }
        string shown = parameter is null ? command : $"{command} {parameter}";
        if (ct is null)
        {
            NutLog.Warning($"instcmd: unknown command [{shown}]");
            return HandlerStatus.Invalid;
        }
        if (!_presentCommands.Contains(ct))
        {
            NutLog.Warning($"instcmd: command [{shown}] recognized, but not supported by your UPS model");
            return HandlerStatus.Invalid;
        }
        if (ct.Kind.HasFlag(ApcCmdKind.Nasty) && !InNastyWindow(shown))
            return HandlerStatus.Handled; // NUT's "ask again"
        switch (command.ToLowerInvariant())
        {
            case "calibrate.start": return Calibrate(start: true);
            case "calibrate.stop": return Calibrate(start: false);
            case "load.on": return LoadOn();
            case "load.off": return SdcmdZ();
            case "shutdown.stayoff": return SdcmdK();
            case "shutdown.return":
                if (string.IsNullOrEmpty(parameter))
                    return SdcmdS(quiet: false);
                if (char.ToUpperInvariant(parameter[0]) == 'A')
                    return SdcmdAt(parameter[3..]);
                return SdcmdCs();
        }
        return Plain(ct);
    }

    bool InNastyWindow(string shown)
    {
        long now = Host.Clock.GetUtcNow().ToUnixTimeSeconds();
        long elapsed = now - _lastNasty;
        _lastNasty = now;
        if (elapsed is >= NastyMinSeconds and <= NastyMaxSeconds)
            return true;
        NutLog.Debug(1, $"instcmd_chktime: outside window for [{shown}] ({elapsed})");
        return false;
    }

    /// <summary>A one-character command answered by "OK".</summary>
    int Plain(ApcCommand ct)
    {
        Link.Flush(alertAware: true);
        bool sent = ct.Kind.HasFlag(ApcCmdKind.Repeat) ? Link.WriteTwice(ct.Command) : Link.Write(ct.Command);
        if (!sent)
            return HandlerStatus.Failed;
        var r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (r.Length < 1)
            return HandlerStatus.Failed;
        if (!r.Is("OK"))
        {
            NutLog.Warning($"do_cmd: got [{r.Text}] after command [{ct.Name}]");
            return HandlerStatus.Failed;
        }
        NutLog.Info($"do_cmd: {ct.Name} completed");
        return HandlerStatus.Handled;
    }

    /// <summary>'D' toggles calibration: the status byte says whether it runs, so start and stop only toggle when needed.</summary>
    int Calibrate(bool start)
    {
        // As in NUT, every outcome is reported as handled (its "FUTURE: failure" cases log only).
        Link.Flush(alertAware: true);
        if (!Link.Write('Q'))
            return HandlerStatus.Handled;
        var r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (!r.Usable)
        {
            NutLog.Warning("runtime calibration state undeterminable");
            return HandlerStatus.Handled;
        }
        bool running = (ApcSmartConvert.StrtolHex(r.Text!) & ApcStatusBits.Cal) != 0;
        if (running == start)
        {
            NutLog.Notice(start ? "runtime calibration already in progress" : "runtime calibration not occurring");
            return HandlerStatus.Handled;
        }
        NutLog.Notice(start ? "starting runtime calibration" : "stopping runtime calibration");
        if (!Link.Write('D'))
            return HandlerStatus.Handled;
        r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (r.Length < 1 || r.Is("NA") || r.Is("NO"))
            NutLog.Warning($"{(start ? "start" : "stop")} calibration failed, cmd returned: {r.Text}");
        return HandlerStatus.Handled;
    }

    int LoadOn()
    {
        Link.Flush(alertAware: false);
        NutLog.Debug(1, "do_loadon: issuing [0x0e]");
        // No answer comes; a brief OVER may follow and is read with the next status.
        return Link.WriteTwice('\u000e') ? HandlerStatus.Handled : HandlerStatus.Failed;
    }

    public int SetVar(DriverHostContext host, string name, string value)
    {
        var v = ByName(name);
        if (v is null)
            return HandlerStatus.Unknown;
        if (!v.Writable)
        {
            NutLog.Warning($"setvar: [{name}] is not writable");
            return HandlerStatus.Unknown;
        }
        if (v.Enumerated)
            return SetEnumerated(v, value);
        if (v.Has(ApcVarKind.String))
            return SetString(v, value);
        NutLog.Warning($"setvar: unknown type for [{name}]");
        return HandlerStatus.Unknown;
    }

    /// <summary>Steps the variable with '-' (each answered OK) until it reads the wanted value, or it wraps round.</summary>
    int SetEnumerated(ApcVariable v, string value)
    {
        Link.Flush(alertAware: true);
        if (!Link.Write(v.Command))
            return HandlerStatus.Failed;
        var r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (!r.Usable)
            return HandlerStatus.Failed;
        string rawOriginal = r.Text!;
        if (ApcSmartConvert.ToNut(v.Format, rawOriginal) == value)
        {
            NutLog.Info($"setvar_enum: ignoring SET {v.Name}='{value}' (unchanged value)");
            return HandlerStatus.Handled;
        }
        for (int i = 0; i < MaxSteps; i++)
        {
            if (!Link.Write('-'))
                return HandlerStatus.Failed;
            r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
            if (r.Length < 1 || !r.Is("OK"))
                return HandlerStatus.Failed;
            if (!Link.Write(v.Command))
                return HandlerStatus.Failed;
            r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
            if (!r.Usable)
                return HandlerStatus.Failed;
            string now = ApcSmartConvert.ToNut(v.Format, r.Text!);
            NutLog.Debug(1, $"setvar_enum: rotate - got [{now}], want [{value}]");
            if (now == value)
            {
                NutLog.Info($"setvar_enum: SET {v.Name}='{value}'");
                Poll(v);
                return HandlerStatus.Handled;
            }
            // As NUT: the converted value against the raw first answer, so a variable in hours or minutes never
            // notices the wrap and runs all the steps.
            if (now == rawOriginal)
            {
                NutLog.Error($"setvar_enum: variable {v.Name} wrapped");
                return HandlerStatus.Failed;
            }
        }
        NutLog.Error($"setvar_enum: gave up after 6 tries for {v.Name}");
        Poll(v);
        return HandlerStatus.Failed;
    }

    /// <summary>'-' followed by the text padded to 8 characters with CRs; "NO" refuses.</summary>
    int SetString(ApcVariable v, string value)
    {
        if (value.Length > StringLength)
        {
            NutLog.Error($"setvar_string: value ({value}) too long");
            return HandlerStatus.Failed;
        }
        Link.Flush(alertAware: true);
        if (!Link.Write(v.Command))
            return HandlerStatus.Failed;
        var r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (!r.Usable)
            return HandlerStatus.Failed;
        if (r.Text == value)
        {
            NutLog.Info($"setvar_string: ignoring SET {v.Name}='{value}' (unchanged value)");
            return HandlerStatus.Handled;
        }
        if (!Link.WriteLong("-" + value.PadRight(StringLength, '\r')))
            return HandlerStatus.Failed;
        r = Link.ReadLine(ApcFilter.AlertAware, ApcSmartLink.Normal);
        if (r.Length < 1)
        {
            NutLog.Error("setvar_string: short final read");
            return HandlerStatus.Failed;
        }
        if (r.Is("NO"))
        {
            NutLog.Error("setvar_string: got NO at final read");
            return HandlerStatus.Failed;
        }
        Poll(v);
        NutLog.Info($"setvar_string: SET {v.Name}='{value}'");
        return HandlerStatus.Handled;
    }
}
