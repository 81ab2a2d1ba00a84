using Nut.Core.Config;
using Nut.Monitor.Common;

namespace Nut.Monitor.Upssched;

/// <summary>How one upssched invocation reaches the timer daemon (a socket, or the simulation's daemon).</summary>
public interface ITimerDaemonLink
{
    /// <summary>Delivers <c>START</c> or <c>CANCEL</c> with its arguments, starting the daemon when needed —
    /// except for a CANCEL without a command when no daemon runs (then nothing is done). A daemon started
    /// now runs <paramref name="cmdScript"/> (the CMDSCRIPT in effect at the AT line) for its timers.</summary>
    void Send(string command, string name, string? argument, string cmdScript);
}

/// <summary>A configuration upssched cannot act on (a key missing before the first AT line).</summary>
public sealed class UpsschedConfigException(string message) : Exception(message);

/// <summary>
/// What upssched does for one event (spec/upssched.md §2): every AT line matching NOTIFYTYPE (ignoring case)
/// and UPSNAME (exactly, or <c>*</c>) acts, in file order — EXECUTE runs CMDSCRIPT here and now,
/// START-TIMER and CANCEL-TIMER go to the timer daemon.
/// </summary>
public static class UpsschedInvocation
{
    /// <summary>Throws <see cref="UpsschedConfigException"/> when an AT line came before CMDSCRIPT, PIPEFN and
    /// LOCKFN were all set (NUT stops at that line, having acted on none).</summary>
    public static void CheckConfig(UpsschedConf conf)
    {
        if (conf.Fatal is { } fatal)
            throw new UpsschedConfigException(fatal.Message);
    }

    public static void Run(UpsschedConf conf, string upsName, string notifyType, ITimerDaemonLink daemon,
        ICommandRunner commands, IMonitorLog log)
    {
        CheckConfig(conf);
        foreach (var rule in conf.Rules.OrderBy(r => r.Line))
        {
            if (!rule.Matches(notifyType, upsName))
                continue;
            // NUT acts line by line: the CMDSCRIPT of this line is the last one given above it.
            string cmdScript = rule.CmdScript ?? conf.CmdScript!;
            switch (rule.Action)
            {
                case UpsschedAction.Execute:
                    if (rule.Argument.Length == 0)
                    {
                        log.Log(MonitorLogLevel.Error, "Empty EXECUTE command argument");
                        break;
                    }
                    log.Log(MonitorLogLevel.Info, $"Executing command: {rule.Argument}");
                    CmdScript.Run(cmdScript, rule.Argument, commands, log);
                    break;
                case UpsschedAction.StartTimer:
                    daemon.Send("START", rule.Argument, rule.Extra ?? "0", cmdScript);
                    break;
                case UpsschedAction.CancelTimer:
                    daemon.Send("CANCEL", rule.Argument, rule.Extra, cmdScript);
                    break;
                default:
                    log.Log(MonitorLogLevel.Error, $"Invalid command: {rule.Command}");
                    break;
            }
        }
    }
}
