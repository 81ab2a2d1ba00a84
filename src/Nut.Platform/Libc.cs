using System.Runtime.InteropServices;

namespace Nut.Platform;

/// <summary>The few libc calls .NET does not wrap.</summary>
public static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpid")]
    public static partial int GetPid();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);

    /// <summary>
    /// Points standard input, output and error at /dev/null, as a daemon does once it has reported that it is
    /// up (the streams it was started with may be a terminal, or a file its starter is about to delete).
    /// </summary>
    public static void DetachStandardStreams()
    {
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite);
        int fd = (int)devNull.DangerousGetHandle();
        for (int target = 0; target <= 2; target++)
            Dup2(fd, target);
    }

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetPPid();

    // fcntl is variadic in C; on Linux (x86-64 and arm64) an int third argument travels exactly like a fixed one.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    const int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;

    /// <summary>
    /// Marks a descriptor close-on-exec, so programs we start do not inherit it (a pipe end inherited from a
    /// parent process, for example). Returns false when the descriptor is not open.
    /// </summary>
    public static bool SetCloseOnExec(int fd)
    {
        int flags = Fcntl(fd, F_GETFD, 0);
        return flags >= 0 && Fcntl(fd, F_SETFD, flags | FD_CLOEXEC) == 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollNative(PollFd* fds, nuint count, int timeoutMs);

    public const short POLLIN = 0x001, POLLOUT = 0x004, POLLERR = 0x008, POLLHUP = 0x010, POLLNVAL = 0x020;

    /// <summary>poll(2) on one descriptor: the returned events (0 when none within the time-out, -1 on error).</summary>
    public static int Poll(int fd, short events, int timeoutMs)
    {
        var p = new PollFd { Fd = fd, Events = events };
        int n = PollNative(&p, 1, timeoutMs);
        return n < 0 ? -1 : p.Revents;
    }

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "setuid", SetLastError = true)]
    public static partial int SetUid(uint uid);

    [LibraryImport("libc", EntryPoint = "setgid", SetLastError = true)]
    public static partial int SetGid(uint gid);

    [LibraryImport("libc", EntryPoint = "initgroups", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int InitGroups(string user, uint gid);

    [LibraryImport("libc", EntryPoint = "chroot", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Chroot(string path);

    [LibraryImport("libc", EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Chown(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrErrorNative(int errno);

    /// <summary>The C library's text for an errno value ("Connection refused", ...), as NUT prints it.</summary>
    public static string StrError(int errno) => Marshal.PtrToStringUTF8(StrErrorNative(errno)) ?? $"errno {errno}";

    /// <summary>The C library's text for a failed socket call (.NET reports SocketError codes, not errno).</summary>
    public static string StrError(System.Net.Sockets.SocketException e) => Nut.Core.Text.SocketErrorText.Of(e);

    // struct passwd from <pwd.h> (glibc, 64-bit).
    [StructLayout(LayoutKind.Sequential)]
    struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Dir;
        public nint Shell;
    }

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial Passwd* GetPwNamNative(string name);

    [LibraryImport("libc", EntryPoint = "getpwuid")]
    private static partial Passwd* GetPwUidNative(uint uid);

    /// <summary>Looks a user up in the password database: (uid, gid), or null when unknown.</summary>
    public static (uint Uid, uint Gid)? GetUser(string name)
    {
        Passwd* p = GetPwNamNative(name);
        return p == null ? null : (p->Uid, p->Gid);
    }

    /// <summary>The login name of a uid, or null.</summary>
    public static string? UserName(uint uid)
    {
        Passwd* p = GetPwUidNative(uid);
        return p == null ? null : Marshal.PtrToStringUTF8(p->Name);
    }

    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12, SIGPIPE = 13,
        SIGTERM = 15, SIGCHLD = 17;
}
