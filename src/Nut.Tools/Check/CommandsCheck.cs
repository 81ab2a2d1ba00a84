namespace Nut.Tools.Check;

/// <summary>
/// The programs the configuration runs — NOTIFYCMD, SHUTDOWNCMD (upsmon.conf), CMDSCRIPT (upssched.conf) — must
/// exist and be executable by the user that runs them (<see cref="MonitorUser"/>): otherwise the failure shows only
/// when the power fails.
/// </summary>
public sealed class CommandsCheck : IConfigCheck
{
    public void Run(CheckContext c)
    {
        if (c.Upsmon is { } upsmon)
        {
            string notifyUser = MonitorUser.ForNotify(c);
            if (upsmon.NotifyCmd is { } notify)
                Check(c, upsmon.FileName, upsmon.LineOf("NOTIFYCMD"), "NOTIFYCMD", notify, notifyUser);
            if (upsmon.ShutdownCmd is { } shutdown)
                Check(c, upsmon.FileName, upsmon.LineOf("SHUTDOWNCMD"), "SHUTDOWNCMD", shutdown, "root");
            else if (upsmon.Monitors.Count > 0)
                c.Warn(upsmon.FileName, 0, "no SHUTDOWNCMD: upsmon cannot shut this machine down (it logs \"Warning: no shutdown command defined!\"); add SHUTDOWNCMD \"/sbin/shutdown -h +0\"");
        }
        if (c.Upssched is { CmdScript: { } script } sched)
            Check(c, sched.FileName, sched.LineOf("CMDSCRIPT"), "CMDSCRIPT", script, MonitorUser.ForNotify(c));
    }

    static void Check(CheckContext c, string file, int line, string directive, string command, string user)
    {
        string program = Executable.FirstWord(command);
        if (program.Length == 0)
        {
            c.Error(file, line, $"{directive} is empty: give the program to run");
            return;
        }
        if (!program.StartsWith('/') && program.Contains('/'))
        {
            c.Error(file, line, $"{directive} {program}: a relative path depends on the daemon's working directory; give the absolute path");
            return;
        }
        if (Executable.Find(program, c) is not { } path)
        {
            string where = program.StartsWith('/') ? (c.Resolve(program) == program ? program : $"{program} (checked as {c.Resolve(program)})") : $"{program} (not found in PATH)";
            c.Error(file, line, $"{directive} {where}: no such file; install it or correct the path");
            return;
        }
        if (Executable.WhyNot(path, user, out bool certain) is { } why)
        {
            string message = $"{directive} {path} {why}; it runs as {user}: chmod 755 {path}"
                + (user == "root" ? "" : $" or make it owned by {user}'s group with mode 750");
            if (certain)
                c.Error(file, line, message);
            else
                c.Warn(file, line, message);
        }
    }
}
