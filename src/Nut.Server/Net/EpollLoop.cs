using System.Collections.Concurrent;
using System.Text;
using Nut.Platform;

namespace Nut.Server.Net;

/// <summary>A connection an <see cref="EpollLoop"/> drives: called on the loop's thread only.</summary>
interface ILoopClient
{
    int Fd { get; }
    /// <summary>The descriptor is ready (EPOLLIN, EPOLLOUT, EPOLLHUP ... as epoll reported them).</summary>
    void OnReady(uint events, EpollLoop loop);
    /// <summary>The loop is stopping: close the connection.</summary>
    void OnLoopStopping(EpollLoop loop);
}

/// <summary>
/// One thread waiting on one epoll set of plain-TCP client connections, answering each request where it
/// reads it: per request one recv and one send, with the epoll_wait shared by every connection that became
/// ready at once. Level-triggered, one recv per readiness, so a client that pipelines a flood of requests
/// gets 4 KiB of them answered per turn and cannot starve the others. The read buffer and the reply
/// buffers belong to the loop, not to the connection: ten thousand idle clients hold no buffers at all.
/// .NET's own socket engine costs, per request, a second recv (the zero-byte read that keeps idle
/// connections buffer-free), a hop through its epoll thread's queue and the async state machines; at
/// 100 clients that was a third of upsd's CPU (docs/performance.md).
/// </summary>
sealed unsafe class EpollLoop : IDisposable
{
    const int MaxEvents = 256;
    const int ReadBufferSize = 4096;

    readonly int _epoll;
    readonly int _wake;
    readonly Thread _thread;
    readonly ConcurrentDictionary<ulong, ILoopClient> _clients = new();
    volatile bool _stopping;
    static long s_nextId;

    EpollLoop(int epoll, int wake, string name)
    {
        _epoll = epoll;
        _wake = wake;
        EpollNative.Control(_epoll, EpollNative.EPOLL_CTL_ADD, _wake, EpollNative.EPOLLIN, 0);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>A running loop, or null when epoll is not available (the caller falls back to .NET's sockets).</summary>
    public static EpollLoop? TryStart(string name)
    {
        int epoll = EpollNative.CreateEpoll();
        if (epoll < 0)
            return null;
        int wake = EpollNative.CreateEventFd();
        if (wake < 0)
        {
            EpollNative.Close(epoll);
            return null;
        }
        return new EpollLoop(epoll, wake, name);
    }

    /// <summary>The loop's read buffer (loop thread only).</summary>
    public byte[] ReadBuffer { get; } = GC.AllocateArray<byte>(ReadBufferSize, pinned: true);

    /// <summary>Where a connection assembles the replies to what it just read (loop thread only).</summary>
    public StringBuilder Replies { get; } = new(1024);

    byte[] _replyBytes = GC.AllocateArray<byte>(4096, pinned: true);

    /// <summary>The replies as bytes, in a loop-owned buffer grown on demand (loop thread only).</summary>
    public ReadOnlySpan<byte> EncodeReplies()
    {
        if (_replyBytes.Length < Replies.Length)
            _replyBytes = GC.AllocateArray<byte>(Math.Max(Replies.Length, _replyBytes.Length * 2), pinned: true);
        int n = 0;
        foreach (var chunk in Replies.GetChunks())
            n += Encoding.Latin1.GetBytes(chunk.Span, _replyBytes.AsSpan(n)); // replies are ASCII: a byte a char
        Replies.Clear();
        return _replyBytes.AsSpan(0, n);
    }

    /// <summary>Starts watching a connection for input. Any thread. Returns the errno of a failure, or 0.</summary>
    public int Add(ILoopClient client, out ulong id)
    {
        id = (ulong)Interlocked.Increment(ref s_nextId);
        _clients[id] = client;
        int error = EpollNative.Control(_epoll, EpollNative.EPOLL_CTL_ADD, client.Fd, EpollNative.EPOLLIN | EpollNative.EPOLLRDHUP, id);
        if (error != 0)
            _clients.TryRemove(id, out _);
        return error;
    }

    /// <summary>Switches a connection between waiting for input and waiting to write (loop thread).</summary>
    public void WaitFor(ILoopClient client, ulong id, bool writable) =>
        EpollNative.Control(_epoll, EpollNative.EPOLL_CTL_MOD, client.Fd,
            writable ? EpollNative.EPOLLOUT : EpollNative.EPOLLIN | EpollNative.EPOLLRDHUP, id);

    /// <summary>Stops watching a connection, before it is closed or handed elsewhere (loop thread).</summary>
    public void Remove(ILoopClient client, ulong id)
    {
        EpollNative.Control(_epoll, EpollNative.EPOLL_CTL_DEL, client.Fd, 0, id);
        _clients.TryRemove(id, out _);
    }

    void Run()
    {
        byte* events = stackalloc byte[MaxEvents * EpollNative.EventSize];
        while (!_stopping)
        {
            int n = EpollNative.EpollWait(_epoll, events, MaxEvents, -1);
            if (n < 0)
            {
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == EpollNative.EINTR)
                    continue;
                NutLog.Warning($"epoll_wait: {Libc.StrError(errno)}");
                Thread.Sleep(100);
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                ulong id = EpollNative.DataAt(events, i);
                if (id == 0)
                {
                    EpollNative.Drain(_wake);
                    continue;
                }
                // A connection closed earlier in this batch has left the table: its event is dropped.
                if (_clients.TryGetValue(id, out var client))
                {
                    try
                    {
                        client.OnReady(EpollNative.EventsAt(events, i), this);
                    }
                    catch (Exception e)
                    {
                        // A bug answering one client must not stop every other client's service.
                        NutLog.Warning($"upsd: error serving a client: {e.Message}");
                        client.OnLoopStopping(this);
                    }
                }
            }
        }
        foreach (var client in _clients.Values)
            client.OnLoopStopping(this);
        _clients.Clear();
    }

    public void Dispose()
    {
        _stopping = true;
        EpollNative.Signal(_wake);
        _thread.Join();
        EpollNative.Close(_wake);
        EpollNative.Close(_epoll);
    }
}
