using Nut.Monitor.Common;

namespace Nut.Monitor.Upssched;

/// <summary>
/// Running CMDSCRIPT as upssched 2.8.0 does: <c>system("&lt;CMDSCRIPT&gt; &lt;arg&gt;")</c> — the argument
/// after one space, unquoted, so the shell splits it (<c>EXECUTE "a b"</c> gives the script two words).
/// The environment is the process's own (see spec/upssched.md §2 for whose that is in the daemon).
/// </summary>
public static class CmdScript
{
    public static string CommandLine(string cmdScript, string argument) => cmdScript + " " + argument;

    public static int Run(string cmdScript, string argument, ICommandRunner commands, IMonitorLog log)
    {
        string line = CommandLine(cmdScript, argument);
        int status = commands.Run(line);
        if (status != 0)
            log.Log(MonitorLogLevel.Error, $"exec_cmd({line}) returned {status}");
        return status;
    }
}
