using System.Net.Sockets;
using System.Text;
using Nut.Core.Text;
using Nut.Monitor.Common;

namespace Nut.Monitor.Upssched;

/// <summary>A failure that ends upssched with status 1.</summary>
public sealed class UpsschedFatalException(string message) : Exception(message);

/// <summary>
/// An upssched invocation's side of the timer daemon (spec/upssched.md §3): connect to PIPEFN; if nobody
/// answers, take LOCKFN (created exclusively) and start the daemon, which removes the lock once it listens;
/// whoever finds the lock taken waits 250 ms and connects to the daemon the lock holder started. The request
/// is <c>&lt;CMD&gt; "&lt;arg&gt;"...</c> (escaped as NUT's encoder does) and is sent again, up to 30 times,
/// until a reply starting with OK comes back — a daemon that is just leaving simply costs a retry.
/// Unlike NUT, a lock is treated as stale (its owner died) only once it is <see cref="StaleLockAge"/> old:
/// breaking a young lock would let two clients start two daemons.
/// </summary>
public sealed class TimerDaemonClient(string pipeFn, string lockFn, IMonitorLog log, Func<string, bool> startDaemon) : ITimerDaemonLink
{
    public const int MaxTries = 30;
    public static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan StaleLockAge = TimeSpan.FromSeconds(5);
    /// <summary>The client waits for the reply in slices of this length, with no overall limit (as NUT).</summary>
    static readonly TimeSpan s_replySlice = TimeSpan.FromSeconds(1);
    const int ReplyBufferSize = 512;

    /// <summary>The request line as sent on the socket.</summary>
    public static string RequestLine(string command, string name, string? argument) =>
        command + " " + NutQuoting.Quote(name) + (argument is null ? "" : " " + NutQuoting.Quote(argument)) + "\n";

    public void Send(string command, string name, string? argument, string cmdScript)
    {
        byte[] request = Encoding.ASCII.GetBytes(RequestLine(command, name, argument));
        for (int i = 0; i < MaxTries; i++)
        {
            if (!TryReach(command, argument, cmdScript, out var socket))
                return;
            using (socket)
            {
                try
                {
                    socket!.Send(request);
                    if (ReadReply(socket).StartsWith("OK", StringComparison.Ordinal))
                        return;
                }
                catch (SocketException) { }
            }
        }
        throw new UpsschedFatalException("Unable to connect to daemon and unable to start daemon");
    }

    /// <summary>A connection to the daemon, starting it if need be; false when none is needed (a CANCEL with
    /// no command while no daemon runs: there is no timer to cancel).</summary>
    bool TryReach(string command, string? argument, string cmdScript, out Socket? socket)
    {
        socket = Connect();
        if (socket is not null)
            return true;
        if (command == "CANCEL" && argument is null)
        {
            log.Debug(1, "No daemon running: nothing to cancel");
            return false;
        }
        for (int tries = 0; tries < MaxTries; tries++)
        {
            if (TryCreateLock())
            {
                // A daemon removes the lock only once it listens: if one answers now, it was started just
                // before we took the lock, and starting another would orphan its timers.
                socket = Connect();
                if (socket is null && !startDaemon(cmdScript))
                    DeleteLock();
                else if (socket is not null)
                    DeleteLock();
                socket ??= Connect();
                if (socket is not null)
                    return true;
            }
            else if (LockAge() > StaleLockAge)
            {
                DeleteLock();
            }
            Thread.Sleep(RetryPause);
            socket = Connect();
            if (socket is not null)
                return true;
        }
        throw new UpsschedFatalException("Failed to connect to parent and failed to create parent");
    }

    Socket? Connect()
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            s.Connect(new UnixDomainSocketEndPoint(pipeFn));
            return s;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            s.Dispose();
            return null;
        }
    }

    static string ReadReply(Socket socket)
    {
        while (!socket.Poll(s_replySlice, SelectMode.SelectRead)) { }
        var buffer = new byte[ReplyBufferSize];
        int n = socket.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, Math.Max(0, n));
    }

    bool TryCreateLock()
    {
        try
        {
            // O_CREAT|O_EXCL, mode 0: only one client can hold it.
            using var f = new FileStream(lockFn, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.None,
            });
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    TimeSpan LockAge()
    {
        try
        {
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(lockFn);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }

    void DeleteLock()
    {
        try { File.Delete(lockFn); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
