using System.Net.Sockets;
using System.Runtime.InteropServices;
using Nut.Server.Net;

namespace Nut.Server;

/// <summary>The connection driven by an <see cref="EpollLoop"/>: every method here runs on the loop's thread.</summary>
public sealed unsafe partial class ClientSession : ILoopClient
{
    EpollLoop? _loop;
    ulong _loopId;
    int _fd = -1;
    CancellationToken _serverStop;
    byte[]? _unsent;   // replies the socket did not take yet: the connection waits to write, not to read
    int _unsentOffset;
    bool _finished;

    int ILoopClient.Fd => _fd;

    /// <summary>
    /// Hands the connection to <paramref name="loop"/>. False when epoll refused it (the caller then runs it
    /// on .NET's sockets with <see cref="RunAsync"/>).
    /// </summary>
    internal bool StartOn(EpollLoop loop, CancellationToken serverStop)
    {
        _socket.NoDelay = true;
        _fd = (int)_socket.Handle;
        _serverStop = serverStop;
        _loop = loop;
        return loop.Add(this, out _loopId) == 0;
    }

    void ILoopClient.OnReady(uint events, EpollLoop loop)
    {
        if (_unsent is not null)
        {
            FlushUnsent(loop);
            return;
        }
        nint n;
        fixed (byte* buffer = loop.ReadBuffer)
            n = EpollNative.Recv(_fd, buffer, (nuint)loop.ReadBuffer.Length, EpollNative.MSG_DONTWAIT);
        if (n > 0)
        {
            Answer(loop.ReadBuffer.AsSpan(0, (int)n), loop);
            return;
        }
        if (n < 0 && Marshal.GetLastPInvokeError() is EpollNative.EAGAIN or EpollNative.EINTR)
            return; // nothing after all: level-triggered epoll reports it again when there is
        Finish(loop); // end of stream, or the connection failed
    }

    void ILoopClient.OnLoopStopping(EpollLoop loop) => Finish(loop);

    void Answer(ReadOnlySpan<byte> input, EpollLoop loop)
    {
        var replies = loop.Replies;
        replies.Clear();
        bool completedLine = false;
        Process(input, _tokenizer, replies, ref completedLine); // false (parse error): the rest of this read is dropped, as NUT does
        if (completedLine)
            Volatile.Write(ref _lastLine, Environment.TickCount64);
        if (replies.Length > 0 && !Send(loop.EncodeReplies(), loop))
            return; // closed, or waiting to write the rest
        AfterReplies(loop);
    }

    /// <summary>What LOGOUT and STARTTLS ask for once their reply is out.</summary>
    void AfterReplies(EpollLoop loop)
    {
        if (State.CloseRequested)
            Finish(loop);
        else if (State.TlsRequested)
            HandOverForTls(loop);
    }

    enum SendOutcome { AllSent, WouldBlock, Failed }

    /// <summary>Sends <paramref name="bytes"/> from <paramref name="offset"/> on, as far as the socket takes them.</summary>
    SendOutcome SendFrom(ReadOnlySpan<byte> bytes, ref int offset)
    {
        while (offset < bytes.Length)
        {
            nint n;
            fixed (byte* p = bytes)
                n = EpollNative.Send(_fd, p + offset, (nuint)(bytes.Length - offset), EpollNative.MSG_DONTWAIT | EpollNative.MSG_NOSIGNAL);
            if (n > 0)
            {
                offset += (int)n;
                continue;
            }
            int errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (errno == EpollNative.EINTR)
                continue;
            return errno == EpollNative.EAGAIN ? SendOutcome.WouldBlock : SendOutcome.Failed;
        }
        return SendOutcome.AllSent;
    }

    /// <summary>Sends what it can; the rest waits for the socket to be writable. False when not all was sent.</summary>
    bool Send(ReadOnlySpan<byte> bytes, EpollLoop loop)
    {
        int sent = 0;
        switch (SendFrom(bytes, ref sent))
        {
            case SendOutcome.AllSent:
                return true;
            case SendOutcome.Failed:
                Finish(loop); // the peer is gone
                return false;
        }
        // A client that does not read: keep its replies, stop reading its requests until they are out
        // (the once-a-second sweep drops it after WriteTimeout). No one else waits for it.
        _unsent = bytes[sent..].ToArray();
        _unsentOffset = 0;
        Volatile.Write(ref _writeStarted, Environment.TickCount64);
        loop.WaitFor(this, _loopId, writable: true);
        return false;
    }

    void FlushUnsent(EpollLoop loop)
    {
        switch (SendFrom(_unsent, ref _unsentOffset))
        {
            case SendOutcome.Failed:
                Finish(loop);
                return;
            case SendOutcome.WouldBlock:
                return;
        }
        _unsent = null;
        Volatile.Write(ref _writeStarted, 0);
        loop.WaitFor(this, _loopId, writable: false);
        AfterReplies(loop);
    }

    /// <summary>STARTTLS: the hand-shake and everything after it run on .NET's sockets (SslStream).</summary>
    void HandOverForTls(EpollLoop loop)
    {
        loop.Remove(this, _loopId);
        _loop = null;
        State.TlsRequested = false;
        _stream = new NetworkStream(_socket, ownsSocket: true);
        if (TlsUpgrade is null)
        {
            Finish(loop);
            return;
        }
        _ = Task.Run(() => RunStreamAsync(_serverStop, upgradeFirst: true));
    }

    /// <summary>Closes a loop-driven connection once: logs the logout, frees the descriptor, tells the server.</summary>
    void Finish(EpollLoop loop)
    {
        if (_finished)
            return;
        _finished = true;
        if (_loop is not null)
            loop.Remove(this, _loopId);
        _loop = null;
        LogOut();
        try { _socket.Dispose(); }
        catch (SocketException) { }
        _closed(this);
    }
}
