using System.Runtime.InteropServices;

namespace Nut.Server.Net;

/// <summary>
/// The few Linux calls <see cref="EpollLoop"/> needs: epoll itself, an eventfd to wake the loop, and
/// non-blocking recv/send on a client's descriptor.
/// </summary>
static unsafe partial class EpollNative
{
    public const uint EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010, EPOLLRDHUP = 0x2000;
    public const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    const int EPOLL_CLOEXEC = 0x80000, EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
    public const int MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    public const int EINTR = 4, EAGAIN = 11;

    /// <summary>
    /// struct epoll_event is { uint32 events; uint64 data; }, packed to 12 bytes on x86-64 only; elsewhere
    /// (arm64, the Raspberry Pi) the data is 8-byte aligned and the struct is 16 bytes.
    /// </summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    public static uint EventsAt(byte* events, int index) => *(uint*)(events + index * EventSize);
    public static ulong DataAt(byte* events, int index) => *(ulong*)(events + index * EventSize + DataOffset);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtlNative(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFdNative(uint initval, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    public static int CreateEpoll() => EpollCreate1(EPOLL_CLOEXEC);

    public static int CreateEventFd() => EventFdNative(0, EFD_CLOEXEC | EFD_NONBLOCK);

    /// <summary>epoll_ctl; returns 0 or the errno.</summary>
    public static int Control(int epfd, int op, int fd, uint events, ulong data)
    {
        byte* ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(ulong*)(ev + DataOffset) = data;
        return EpollCtlNative(epfd, op, fd, ev) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    public static void Signal(int eventFd)
    {
        ulong one = 1;
        Write(eventFd, (byte*)&one, sizeof(ulong));
    }

    public static void Drain(int eventFd)
    {
        ulong value;
        Read(eventFd, (byte*)&value, sizeof(ulong));
    }
}
