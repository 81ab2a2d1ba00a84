using System.Net.Sockets;
using System.Text;
using Nut.Core.Text;
using Nut.Monitor.Common;
using Nut.Platform;

namespace Nut.Monitor.Upssched;

/// <summary>
/// The upssched timer daemon's socket side (spec/upssched.md §3): a Unix socket at PIPEFN (umask 007, mode
/// 0660, backlog 16), one request per line in NUT's tokenizer rules, read at most 128 bytes per connection
/// per pass; a pass at least every second checks the timers. When no timer has been pending for
/// <see cref="IdleExit"/> the daemon removes PIPEFN and exits. (NUT 2.8.0 intends 15 one-second passes;
/// a bug there makes them run back to back once a client has hung up, so it usually exits well within a
/// second — we keep the intended 15 s, which also narrows the window in which a client reaches a daemon
/// that is just leaving.)
/// </summary>
public static class TimerDaemon
{
    public const int Backlog = 16;
    /// <summary>NUT reads a connection 128 bytes at a time.</summary>
    public const int ReadChunk = 128;
    /// <summary>Connections served at once; more are closed at once (a client then retries).</summary>
    public const int MaxConnections = 64;
    public static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;
        public NutTokenizer Tokenizer { get; } = new();
    }

    /// <summary>
    /// Binds PIPEFN, calls <paramref name="ready"/>, removes LOCKFN (the client that started us holds it
    /// until we can be reached), then serves until idle. Returns the exit status.
    /// </summary>
    public static int Run(string pipeFn, string lockFn, TimerDaemonCore core, IMonitorLog log, TimeProvider time, Action ready)
    {
        Socket listener;
        try
        {
            listener = Listen(pipeFn);
        }
        catch (Exception e) when (e is SocketException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            log.Log(MonitorLogLevel.Error, $"Can't create a unix domain socket: {pipeFn}: {e.Message}");
            return 1;
        }
        ready();
        log.Log(MonitorLogLevel.Info, "Timer daemon started");
        try { File.Delete(lockFn); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }

        var connections = new List<Connection>();
        var buffer = new byte[ReadChunk];
        DateTimeOffset? emptySince = time.GetUtcNow();
        using (listener)
        {
            while (true)
            {
                var readable = new List<Socket>(connections.Count + 1) { listener };
                readable.AddRange(connections.Select(c => c.Socket));
                Socket.Select(readable, null, null, (int)WaitFor(core, time).TotalMicroseconds);
                foreach (var s in readable)
                {
                    if (s == listener)
                        Accept(listener, connections, log);
                    else
                        Serve(connections.First(c => c.Socket == s), connections, core, buffer, log);
                }
                core.CheckTimers();
                var now = time.GetUtcNow();
                if (!core.Queue.IsEmpty)
                {
                    emptySince = null;
                    continue;
                }
                emptySince ??= now;
                if (now - emptySince.Value >= IdleExit)
                    break;
            }
            try { File.Delete(pipeFn); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            log.Log(MonitorLogLevel.Info, "Timer queue empty, exiting");
            foreach (var c in connections)
                c.Socket.Dispose();
        }
        return 0;
    }

    static Socket Listen(string pipeFn)
    {
        File.Delete(pipeFn);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        uint old = Libc.Umask(Convert.ToUInt32("007", 8));
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(pipeFn));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            Libc.Umask(old);
        }
        File.SetUnixFileMode(pipeFn, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        socket.Listen(Backlog);
        return socket;
    }

    /// <summary>Up to a second, less when a timer falls due sooner (NUT checks once a second; we fire on time).</summary>
    static TimeSpan WaitFor(TimerDaemonCore core, TimeProvider time)
    {
        if (core.Queue.NextDue is not { } due)
            return PassInterval;
        var wait = DateTimeOffset.FromUnixTimeSeconds(due) - time.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait < PassInterval ? wait : PassInterval;
    }

    static void Accept(Socket listener, List<Connection> connections, IMonitorLog log)
    {
        Socket s;
        try { s = listener.Accept(); }
        catch (SocketException) { return; }
        if (connections.Count >= MaxConnections)
        {
            s.Dispose();
            return;
        }
        s.SendTimeout = (int)s_replyTimeout.TotalMilliseconds;
        log.Debug(2, $"new connection on fd {s.Handle}");
        connections.Add(new Connection(s));
    }

    static void Serve(Connection c, List<Connection> connections, TimerDaemonCore core, byte[] buffer, IMonitorLog log)
    {
        int n;
        try { n = c.Socket.Receive(buffer); }
        catch (SocketException) { n = 0; }
        if (n <= 0)
        {
            connections.Remove(c);
            c.Socket.Dispose();
            return;
        }
        for (int i = 0; i < n; i++)
        {
            switch (c.Tokenizer.Feed(buffer[i]))
            {
                case TokenizerResult.Error:
                    log.Log(MonitorLogLevel.Error, $"Parse error on sock: {c.Tokenizer.Error}");
                    break;
                case TokenizerResult.Line when c.Tokenizer.Words.Count > 0:
                    string reply = core.Handle(c.Tokenizer.Words.ToArray()) + "\n";
                    try { c.Socket.Send(Encoding.ASCII.GetBytes(reply)); }
                    catch (SocketException) { }
                    break;
            }
        }
    }
}
