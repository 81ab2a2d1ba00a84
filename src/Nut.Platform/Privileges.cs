using System.Runtime.InteropServices;

namespace Nut.Platform;

/// <summary>Dropping root after the privileged set-up (binding, opening devices), as NUT's daemons do.</summary>
public static class Privileges
{
    /// <summary>NUT's compiled-in run-as user on Debian.</summary>
    public const string DefaultUser = "nut";

    public static bool IsRoot => Libc.GetEuid() == 0;

    public static string CurrentUserName => Libc.UserName(Libc.GetEuid()) ?? Libc.GetEuid().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Becomes <paramref name="user"/> (group and supplementary groups first). Does nothing when already that
    /// user. Returns null on success or NUT's error text.
    /// </summary>
    public static string? SwitchTo(string user)
    {
        var entry = Libc.GetUser(user);
        if (entry is null)
            return $"getpwnam({user}): no such user";
        var (uid, gid) = entry.Value;
        if (Libc.GetEuid() == uid)
            return null;
        if (Libc.InitGroups(user, gid) != 0)
            return $"initgroups: {Libc.StrError(Marshal.GetLastPInvokeError())}";
        if (Libc.SetGid(gid) != 0)
            return $"setgid: {Libc.StrError(Marshal.GetLastPInvokeError())}";
        if (Libc.SetUid(uid) != 0)
            return $"setuid: {Libc.StrError(Marshal.GetLastPInvokeError())}";
        return null;
    }

    /// <summary>The user a daemon should become: the one asked for, else NUT's default when we are root and
    /// it exists, else stay who we are (null).</summary>
    public static string? EffectiveRunAs(string? requested)
    {
        if (requested is { Length: > 0 })
            return requested;
        if (IsRoot && Libc.GetUser(DefaultUser) is not null)
            return DefaultUser;
        return null;
    }
}
