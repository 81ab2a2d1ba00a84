using Nut.Monitor.Common;
using Nut.Platform;

namespace Nut.Monitor.Upsmon;

/// <summary>
/// The privileged last step of a power-fail shutdown: create POWERDOWNFLAG and run SHUTDOWNCMD. upsmon's
/// monitoring side only ever asks for it; who does it depends on the process model.
/// </summary>
public interface IShutdownAgent
{
    void Shutdown(MonitorSettings settings);
}

/// <summary>One-process mode (<c>-p</c>): this process does it itself.</summary>
public sealed class DirectShutdownAgent(IMonitorLog log, ICommandRunner commands) : IShutdownAgent
{
    public void Shutdown(MonitorSettings settings)
    {
        if (!Privileges.IsRoot)
            log.Log(MonitorLogLevel.Warning, "Not root, shutdown may fail");
        ShutdownSteps.Run(settings.PowerDownFlag, settings.ShutdownCmd, log, commands, "");
    }
}

/// <summary>Both halves of the shutdown as NUT runs them: the flag file first, then SHUTDOWNCMD through the shell.</summary>
public static class ShutdownSteps
{
    public static void Run(string? powerDownFlag, string? shutdownCmd, IMonitorLog log, ICommandRunner commands, string messagePrefix)
    {
        if (powerDownFlag is not null && !PowerDownFlag.Write(powerDownFlag))
            log.Log(MonitorLogLevel.Error, "Failed to create power down flag!");
        if (shutdownCmd is null)
            return;
        if (commands.Run(shutdownCmd) != 0)
            log.Log(MonitorLogLevel.Error, $"{messagePrefix}Unable to call shutdown command: {shutdownCmd}");
    }
}
