namespace Nut.Tools.Check;

/// <summary>
/// Each MONITOR line against the server it names, when that server is this machine: the UPS must be in ups.conf,
/// and the user in upsd.users with the same password and the role the line asks for (upsd refuses LOGIN, or
/// MASTER/PRIMARY for a primary, otherwise — and upsmon only finds out when the power fails).
/// </summary>
public sealed class MonitorCheck : IConfigCheck
{
    public void Run(CheckContext c)
    {
        if (c.Upsmon is not { } upsmon)
            return;
        string file = upsmon.FileName;
        foreach (var m in upsmon.Monitors)
        {
            if (m.AddressError is not null || !LocalHost.Is(m.Host))
                continue; // another machine's files are not here to compare with
            if (c.Ups is { } ups && ups.Find(m.UpsName, ignoreCase: true) is null)
                c.Error(file, m.Line, $"MONITOR {m.System}: UPS {m.UpsName} is not defined in {ups.FileName} (upsd answers UNKNOWN-UPS); add a [{m.UpsName}] section there or fix the name"
                    + (ups.Sections.Count > 0 ? $" (defined: {string.Join(", ", ups.Sections.Select(s => s.Name))})" : ""));
            else if (c.Ups is null && File.Exists(c.PathOf("upsd.conf")))
                c.Error(file, m.Line, $"MONITOR {m.System}: the UPS is on this machine, but there is no ups.conf to define {m.UpsName}; create {c.PathOf("ups.conf")}");
            if (c.Users is not { } users)
                continue;
            var user = users.Find(m.User);
            if (user is null)
            {
                c.Error(file, m.Line, $"MONITOR {m.System}: user {m.User} is not in {users.FileName} (upsd refuses the login); add [{m.User}] with password = {m.Password} and upsmon {(m.IsPrimary ? "primary" : "secondary")}");
                continue;
            }
            if (user.Password is null)
                c.Error(users.FileName, user.Line, $"[{user.Name}] has no password, so upsd refuses its login (MONITOR {m.System} at {file}:{m.Line}); add password = {m.Password}");
            else if (user.Password != m.Password)
                c.Error(file, m.Line, $"MONITOR {m.System}: the password for {m.User} differs from the one in {users.FileName}:{user.Line} (upsd answers ERR ACCESS-DENIED); use the same password in both files");
            if (m.IsPrimary && !(user.HasAction("login") && (user.HasAction("master") || user.HasAction("primary"))))
                c.Error(file, m.Line, $"MONITOR {m.System} is primary, but {m.User} in {users.FileName}:{user.Line} lacks the primary role (upsd refuses LOGIN or PRIMARY, so upsmon cannot set FSD); add \"upsmon primary\" to [{m.User}]");
            else if (!m.IsPrimary && !user.HasAction("login"))
                c.Error(file, m.Line, $"MONITOR {m.System} is secondary, but {m.User} in {users.FileName}:{user.Line} may not log in (upsd refuses LOGIN); add \"upsmon secondary\" to [{m.User}]");
        }
    }
}
