using Nut.Platform;

namespace Nut.Monitor.Common;

/// <summary>syslog priorities upsmon and upssched log at (the numbers are syslog's).</summary>
public enum MonitorLogLevel
{
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
}

/// <summary>Where upsmon and upssched write their log lines: NUT's logging in a real process, a recorder in a simulation.</summary>
public interface IMonitorLog
{
    void Log(MonitorLogLevel level, string message);

    /// <summary>A debug line, shown from debug level <paramref name="level"/> up (upsdebugx).</summary>
    void Debug(int level, string message);
}

/// <summary>The real log: stderr in the foreground, syslog in the background (see <see cref="NutLog"/>).</summary>
public sealed class NutLogSink : IMonitorLog
{
    public static readonly NutLogSink Instance = new();

    public void Log(MonitorLogLevel level, string message)
    {
        switch (level)
        {
            case MonitorLogLevel.Alert: NutLog.Alert(message); break;
            case MonitorLogLevel.Critical: NutLog.Critical(message); break;
            case MonitorLogLevel.Error: NutLog.Error(message); break;
            case MonitorLogLevel.Warning: NutLog.Warning(message); break;
            case MonitorLogLevel.Notice: NutLog.Notice(message); break;
            default: NutLog.Info(message); break;
        }
    }

    public void Debug(int level, string message) => NutLog.Debug(level, message);
}
