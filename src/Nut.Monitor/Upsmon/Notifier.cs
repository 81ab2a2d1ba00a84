using Nut.Core.Config;
using Nut.Monitor.Common;

namespace Nut.Monitor.Upsmon;

/// <summary>One notification as upsmon sent it.</summary>
/// <param name="Type">ONLINE, ONBATT, ... (NOTIFYTYPE).</param>
/// <param name="Ups">The MONITOR system string, or null for SHUTDOWN and NOPARENT (UPSNAME is then empty).</param>
/// <param name="Message">The formatted text (NOTIFYMSG or NUT's stock text).</param>
/// <param name="Flags">How it was delivered (NOTIFYFLAG or the default).</param>
public sealed record Notification(string Type, string? Ups, string Message, NotifyFlags Flags);

/// <summary>
/// Delivers notifications as NUT's upsmon does (spec/upsmon.md §4): IGNORE → nothing; SYSLOG → a NOTICE log
/// line; then, without waiting, WALL → the text to wall, and EXEC with a NOTIFYCMD →
/// <c>/bin/sh -c '&lt;NOTIFYCMD&gt; "&lt;message&gt;"'</c> with UPSNAME and NOTIFYTYPE in its environment.
/// The message is put inside the double quotes as it is, without escaping — as NUT does.
/// </summary>
public sealed class Notifier(IMonitorLog log, IWall wall, ICommandRunner commands)
{
    /// <summary>NUT formats the message into a 512-byte buffer.</summary>
    public const int MaxMessageLength = 511;
    /// <summary>...and the NOTIFYCMD line into a 4096-byte one.</summary>
    public const int MaxCommandLength = 4095;

    /// <summary>Raised for every notification that is not ignored, before it is delivered.</summary>
    public event Action<Notification>? Sent;

    public Notification Notify(MonitorSettings settings, string type, MonitoredUps? ups)
    {
        string message = CFormat.Format(settings.Message(type), ups?.System ?? "", MaxMessageLength);
        var flags = settings.Flags(type);
        var n = new Notification(type, ups?.System, message, flags);
        log.Debug(2, $"do_notify: ntype {type}");
        if ((flags & NotifyFlags.Ignore) != 0)
            return n;
        Sent?.Invoke(n);
        if ((flags & NotifyFlags.Syslog) != 0)
            log.Log(MonitorLogLevel.Notice, message);
        if ((flags & NotifyFlags.Wall) != 0)
            wall.Send(message);
        if ((flags & NotifyFlags.Exec) != 0 && settings.NotifyCmd is { } cmd)
        {
            string line = $"{cmd} \"{message}\"";
            if (line.Length > MaxCommandLength)
                line = line[..MaxCommandLength];
            var env = new Dictionary<string, string> { ["UPSNAME"] = ups?.System ?? "", ["NOTIFYTYPE"] = type };
            if (!commands.Start(line, env))
                log.Log(MonitorLogLevel.Error, "Can't fork to notify");
        }
        return n;
    }

}
