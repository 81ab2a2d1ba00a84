using System.Globalization;
using Nut.Drivers.Host;
using Nut.Platform;

namespace Nut.Drivers.ApcSmart;

// Shutdown commands: the instant commands' and -k's (sdtype, advorder).
public sealed partial class ApcSmartDriver
{
    /// <summary>
    /// -k: smart mode, the status, then the method <c>advorder</c> lists (first that works) or the one <c>sdtype</c> names.
    /// </summary>
    public int Shutdown(DriverHostContext host)
    {
        _host = host;
        if (!SmartMode(1))
            NutLog.Warning("upsdrv_shutdown: setting SmartMode failed !");
        if (Link.Write('Q'))
        {
            var r = Link.ReadLine(ApcFilter.Plain, ApcSmartLink.OneAndHalf);
            // NUT 2.8.0 takes the status only from a one-character answer; a real two-digit status byte is "failed",
            // so -k always assumes LB+OB. Kept (docs/apcsmart.md): it decides which command -k sends.
            if (r.Length == 1)
                _status = (int)ApcSmartConvert.StrtolHex(r.Text!);
            else
            {
                NutLog.Warning("upsdrv_shutdown: status read failed, assuming LB+OB");
                _status = ApcStatusBits.LowBattery | ApcStatusBits.OnBattery;
            }
        }
        else
        {
            NutLog.Warning("upsdrv_shutdown: status write failed, assuming LB+OB");
            _status = ApcStatusBits.LowBattery | ApcStatusBits.OnBattery;
        }
        string? order = host.GetValue("advorder");
        if (order is { Length: > 0 } && char.ToUpperInvariant(order[0]) != 'N')
            ShutdownAdvanced(order);
        else
            ShutdownSimple(host.GetValue("sdtype"));
        // NUT leaves smart mode ('R') on the way out of -k too.
        Cleanup(host);
        return 0;
    }

    void ShutdownSimple(string? sdtype)
    {
        long type = sdtype is null ? 0 : Qx.CNumber.Strtol(sdtype);
        NutLog.Debug(1, $"upsdrv_shutdown_simple: currently: {((_status & ApcStatusBits.OnLine) != 0 ? "on-line" : "on battery")}, sdtype: {type}");
        string? awd = Host.GetValue("awd");
        switch (type)
        {
            case 5: SdcmdAt(awd); break;
            case 4: SdcmdCs(); break;
            case 3: SdcmdK(); break;
            case 2: SdcmdZ(); break;
            case 1:
                // S and then @nnn, for a unit that regains power during the shutdown; S only works on battery.
                if ((_status & ApcStatusBits.OnBattery) == 0 || SdcmdS(quiet: false) != HandlerStatus.Handled)
                    SdcmdAt(awd);
                break;
            default:
                if ((_status & ApcStatusBits.OnLine) != 0)
                    SdcmdAt(awd);
                else
                    SdcmdS(quiet: false);
                break;
        }
    }

    /// <summary>advorder: digits naming methods (0 S, 1 @nnn, 2 K, 3 Z, 4 CS), tried in order until one is acknowledged.</summary>
    void ShutdownAdvanced(string order)
    {
        NutLog.Debug(1, $"upsdrv_shutdown_advanced: currently: {((_status & ApcStatusBits.OnLine) != 0 ? "on-line" : "on battery")}, advorder: {order}");
        foreach (char c in order)
        {
            int result = c switch
            {
                '0' => SdcmdS(quiet: false),
                '1' => SdcmdAt(Host.GetValue("awd")),
                '2' => SdcmdK(),
                '3' => SdcmdZ(),
                _ => SdcmdCs(),
            };
            if (result == HandlerStatus.Handled)
                break;
        }
    }

    /// <summary>Shutdown commands answer "OK" (older units '*'); 'Z' answers nothing, so there silence is success.</summary>
    int ShutdownAcknowledged(bool silenceIsOk)
    {
        var r = Link.ReadLine(ApcFilter.Plain, ApcSmartLink.OneAndHalf, timeoutAllowed: true, asteriskIsOk: true);
        if (r.Failed)
            return HandlerStatus.Failed;
        NutLog.Debug(1, $"sdok: got \"{r.Text}\"");
        if (r.Length == 0 && silenceIsOk || r.Is("OK"))
        {
            NutLog.Debug(1, "sdok: last shutdown cmd succeeded");
            return HandlerStatus.Handled;
        }
        NutLog.Debug(1, "sdok: last shutdown cmd failed");
        return HandlerStatus.Failed;
    }

    /// <summary>Soft hibernate 'S': off after the grace delay, back when power returns; only works on battery.</summary>
    int SdcmdS(bool quiet)
    {
        Link.Flush(alertAware: false);
        if (!quiet)
            NutLog.Debug(1, "sdcmd_S: issuing [S]");
        return Link.Write('S') ? ShutdownAcknowledged(silenceIsOk: false) : HandlerStatus.Failed;
    }

    /// <summary>The CS 350 hack: on line, simulate a power failure ('U') first so that 'S' is accepted.</summary>
    int SdcmdCs()
    {
        double delay = Host.GetValue("cshdelay") is { } d ? Qx.CNumber.Strtod(d) : 3.5;
        NutLog.Debug(1, string.Create(CultureInfo.InvariantCulture, $"sdcmd_CS: issuing CS 'hack' [U+S] with {delay:0.0} sec delay"));
        if ((_status & ApcStatusBits.OnLine) != 0)
        {
            Link.Flush(alertAware: false);
            NutLog.Debug(1, "sdcmd_CS: issuing [U]");
            if (!Link.Write('U'))
                return HandlerStatus.Failed;
            if (Link.ReadLine(ApcFilter.Plain, ApcSmartLink.OneAndHalf, timeoutAllowed: true).Failed)
                return HandlerStatus.Failed;
            Thread.Sleep(TimeSpan.FromSeconds(delay));
        }
        return SdcmdS(quiet: true);
    }

    /// <summary>
    /// Hard hibernate '@nnn': off after the grace delay, back nnn x 6 minutes after power returns. Two digits
    /// are tried as given (older units); when they fail the sequence is ended with 'Y'.
    /// </summary>
    int SdcmdAt(string? awd)
    {
        awd ??= "000";
        int padTo = awd.Length == 2 ? 2 : 3;
        string text = "@" + awd.PadLeft(padTo, '0');
        NutLog.Debug(1, $"sdcmd_AT: issuing [@] with {Qx.CNumber.Strtol(awd) * 6} minutes of additional wakeup delay");
        Link.Flush(alertAware: false);
        if (!Link.WriteLong(text))
        {
            NutLog.Error($"issuing [@] with {padTo} digits failed");
            return HandlerStatus.Failed;
        }
        int result = ShutdownAcknowledged(silenceIsOk: false);
        if (result == HandlerStatus.Handled || padTo == 3)
            return result;
        NutLog.Error("command [@] with 2 digits doesn't work - try 3 digits");
        Link.Write('Y');
        Link.ReadLine(ApcFilter.Plain, ApcSmartLink.OneAndHalf, timeoutAllowed: true);
        return HandlerStatus.Failed;
    }

    /// <summary>Delayed power-off 'K' (sent twice): off after the grace delay, stays off.</summary>
    int SdcmdK()
    {
        NutLog.Debug(1, "sdcmd_K: issuing [K]");
        Link.Flush(alertAware: false);
        return Link.WriteTwice('K') ? ShutdownAcknowledged(silenceIsOk: false) : HandlerStatus.Failed;
    }

    /// <summary>Instant power-off 'Z' (sent twice); the unit answers nothing.</summary>
    int SdcmdZ()
    {
        NutLog.Debug(1, "sdcmd_Z: issuing [Z]");
        Link.Flush(alertAware: false);
        return Link.WriteTwice('Z') ? ShutdownAcknowledged(silenceIsOk: true) : HandlerStatus.Failed;
    }
}
