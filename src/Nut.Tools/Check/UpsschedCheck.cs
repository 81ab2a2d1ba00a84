using Nut.Core.Config;

namespace Nut.Tools.Check;

/// <summary>
/// upssched.conf against itself and upsmon.conf: a timer nobody cancels fires on every event that starts it;
/// AT lines only ever see notifications that upsmon hands to upssched (NOTIFYCMD) with the EXEC flag.
/// </summary>
public sealed class UpsschedCheck : IConfigCheck
{
    public void Run(CheckContext c)
    {
        if (c.Upssched is not { } sched)
            return;
        var cancelled = sched.Rules.Where(r => r.Action == UpsschedAction.CancelTimer).Select(r => r.Argument).ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in sched.Rules.Where(r => r.Action == UpsschedAction.StartTimer))
            if (!cancelled.Contains(r.Argument) && reported.Add(r.Argument))
                c.Warn(sched.FileName, r.Line, $"timer {r.Argument} is started but never cancelled: it fires even when the event is over; add e.g. AT ONLINE {r.Ups} CANCEL-TIMER {r.Argument}");

        if (c.Upsmon is not { } upsmon || sched.Rules.Count == 0)
            return;
        if (upsmon.NotifyCmd is not { } notify || !Path.GetFileName(Executable.FirstWord(notify)).Equals("upssched", StringComparison.Ordinal))
        {
            int line = upsmon.NotifyCmd is null ? 0 : upsmon.LineOf("NOTIFYCMD");
            c.Warn(upsmon.FileName, line, $"{sched.FileName} has AT lines, but NOTIFYCMD {(upsmon.NotifyCmd is null ? "is not set" : "is " + upsmon.NotifyCmd)}: upssched never runs (unless that program calls it); set NOTIFYCMD /sbin/upssched");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in sched.Rules)
        {
            if (NotifyTypes.Find(r.NotifyType) is not { } type || !seen.Add(type.Name))
                continue;
            var flags = upsmon.Flags(type.Name);
            if ((flags & NotifyFlags.Exec) == 0 || (flags & NotifyFlags.Ignore) != 0)
                c.Warn(sched.FileName, r.Line, $"AT {r.NotifyType}: upsmon does not run NOTIFYCMD for {type.Name} (NOTIFYFLAG {type.Name} has no EXEC{((flags & NotifyFlags.Ignore) != 0 ? " or says IGNORE" : "")}), so this line never matches; add NOTIFYFLAG {type.Name} SYSLOG+WALL+EXEC to {upsmon.FileName}");
        }
    }
}
