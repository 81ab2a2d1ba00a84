using Nut.Platform;

namespace Nut.Tools.Check;

/// <summary>Finding the program a command line runs, and whether a given user may run it.</summary>
public static class Executable
{
    /// <summary>Where daemons look when the program has no directory: systemd's default PATH, after ours.</summary>
    static readonly string[] DaemonPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The first word of a shell command line (what <c>/bin/sh -c</c> runs), quotes removed.</summary>
    public static string FirstWord(string command)
    {
        string s = command.TrimStart();
        if (s.Length > 0 && s[0] is '"' or '\'')
        {
            int end = s.IndexOf(s[0], 1);
            return end < 0 ? s[1..] : s[1..end];
        }
        int space = s.IndexOfAny([' ', '\t']);
        return space < 0 ? s : s[..space];
    }

    /// <summary>The file a program name refers to: an absolute path (mapped by <see cref="CheckContext.Resolve"/>),
    /// or a bare name looked up in PATH. Null when not found.</summary>
    public static string? Find(string program, CheckContext c)
    {
        if (program.StartsWith('/'))
            return File.Exists(c.Resolve(program)) ? c.Resolve(program) : null;
        if (program.Contains('/'))
            return null; // relative to whatever directory the daemon happens to be in: never reliable
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(DaemonPath);
        foreach (var dir in dirs)
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>Why <paramref name="user"/> cannot run the file, or null when it can. <paramref name="certain"/> is
    /// false when only a supplementary group (which this check does not read) could still allow it.</summary>
    public static string? WhyNot(string path, string user, out bool certain)
    {
        certain = true;
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be examined ({e.Message})";
        }
        const UnixFileMode AnyExec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & AnyExec) == 0)
            return "is not executable (no x permission)";
        if (Libc.GetUser(user) is not { } account)
        {
            certain = false;
            return $"is to run as user {user}, who does not exist on this machine";
        }
        if (account.Uid == 0 || (mode & UnixFileMode.OtherExecute) != 0)
            return null;
        if (FileOwner.Of(path) is not { } owner)
            return null; // cannot tell: say nothing rather than guess
        if (owner.Uid == account.Uid)
            return (mode & UnixFileMode.UserExecute) != 0 ? null : $"is owned by {user} but not executable by its owner";
        if ((mode & UnixFileMode.GroupExecute) != 0)
        {
            if (owner.Gid == account.Gid)
                return null;
            certain = false;
            return $"is executable only by its owner and group (gid {owner.Gid}), and {user}'s primary group is not that group";
        }
        return $"is executable only by its owner (uid {owner.Uid}), not by {user}";
    }
}
