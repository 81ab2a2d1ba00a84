using Nut.Platform;

namespace Nut.Tools.Check;

/// <summary>
/// Who runs what upsmon starts (spec/upsmon.md, process model): the root parent runs SHUTDOWNCMD; the child, which
/// has dropped to RUN_AS_USER (default nut), runs NOTIFYCMD — and so upssched and its CMDSCRIPT. With <c>-p</c>
/// (UPSMON_OPTIONS in nut.conf) there is one process that keeps the user it was started as: root.
/// </summary>
public static class MonitorUser
{
    public static bool NoPrivilegeSeparation(CheckContext c) =>
        c.Nut?.UpsmonOptions is { } options && options.Split(' ', '\t').Any(w => w.StartsWith('-') && !w.StartsWith("--") && w.Contains('p'));

    /// <summary>The user NOTIFYCMD and CMDSCRIPT run as.</summary>
    public static string ForNotify(CheckContext c) =>
        NoPrivilegeSeparation(c) ? "root" : c.Upsmon?.RunAsUser is { Length: > 0 } u ? u : Privileges.DefaultUser;
}
