using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Nut.Core.Text;
using Nut.Platform;

namespace Nut.Drivers.Host;

/// <summary>
/// The driver's Unix socket <c>&lt;statepath&gt;/&lt;driver&gt;-&lt;ups&gt;</c> (driver-socket-protocol.md): any
/// number of clients (upsd, tools), each with its own outgoing queue so that a client that stops reading
/// never delays the driver or the others (past <see cref="MaxQueuedMessages"/> it is dropped, as NUT drops a
/// client whose write fails).
/// </summary>
public sealed class DriverSocketServer : IAsyncDisposable
{
    /// <summary>Outgoing messages a client may have pending before it is disconnected.</summary>
    public const int MaxQueuedMessages = 65536;
    const int ListenBacklog = 16;

    readonly string _path;
    readonly DriverState _state;
    readonly Func<IReadOnlyList<string>, string?> _command;
    readonly ConcurrentDictionary<Connection, byte> _clients = new();
    readonly CancellationTokenSource _stop = new();
    Socket? _listener;
    Task? _acceptLoop;

    /// <param name="path">The socket path.</param>
    /// <param name="state">The state to dump and broadcast.</param>
    /// <param name="command">Runs INSTCMD / SET (words as received); returns the reply line or null.</param>
    public DriverSocketServer(string path, DriverState state, Func<IReadOnlyList<string>, string?> command)
    {
        _path = path;
        _state = state;
        _command = command;
    }

    /// <summary>Creates the socket (unlink, umask 0007, bind, chmod 0660, listen) and starts serving.</summary>
    public void Start(string? groupName = null)
    {
        try { File.Delete(_path); } catch (IOException) { }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        uint oldMask = Libc.Umask(Convert.ToUInt32("007", 8));
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(_path));
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new DriverFatalException($"Can't bind socket {_path}: {Libc.StrError(e)}");
        }
        finally
        {
            Libc.Umask(oldMask);
        }
        File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        if (groupName is not null && Libc.GetUser(groupName) is { } g)
            Libc.Chown(_path, uint.MaxValue, g.Gid);
        listener.Listen(ListenBacklog);
        _listener = listener;
        _state.Broadcast = BroadcastToAll;
        _acceptLoop = Task.Run(AcceptLoop);
    }

    void BroadcastToAll(string message)
    {
        foreach (var c in _clients.Keys)
            if (c.Broadcasting)
                c.Enqueue(message + "\n");
    }

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            var c = new Connection(this, socket);
            _clients[c] = 0;
            c.Start(_stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _state.Broadcast = null;
        _stop.Cancel();
        _listener?.Dispose();
        foreach (var c in _clients.Keys)
            c.Close();
        if (_acceptLoop is not null)
            await _acceptLoop.ConfigureAwait(false);
        try { File.Delete(_path); } catch (IOException) { }
    }

    /// <summary>One client of the driver socket.</summary>
    sealed class Connection(DriverSocketServer server, Socket socket)
    {
        readonly Channel<string> _out = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueuedMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails when full, and we drop the client
        });
        volatile bool _closed;

        public volatile bool Broadcasting = true;

        public void Start(CancellationToken stop)
        {
            _ = Task.Run(() => ReadLoop(stop));
            _ = Task.Run(() => WriteLoop(stop));
        }

        public void Enqueue(string text)
        {
            if (!_out.Writer.TryWrite(text))
            {
                NutLog.Warning("Dropping a socket client that does not read its messages");
                Close();
            }
        }

        public void Close()
        {
            if (_closed) return;
            _closed = true;
            server._clients.TryRemove(this, out _);
            _out.Writer.TryComplete();
            try { socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        }

        async Task WriteLoop(CancellationToken stop)
        {
            var sb = new StringBuilder();
            try
            {
                while (await _out.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
                {
                    sb.Clear();
                    while (_out.Reader.TryRead(out var text))
                        sb.Append(text);
                    byte[] bytes = Encoding.Latin1.GetBytes(sb.ToString());
                    await socket.SendAsync(bytes, SocketFlags.None, stop).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
            finally
            {
                Close();
                socket.Dispose();
            }
        }

        async Task ReadLoop(CancellationToken stop)
        {
            var tokenizer = new NutTokenizer();
            byte[] buffer = new byte[4096];
            try
            {
                while (!_closed)
                {
                    int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, stop).ConfigureAwait(false);
                    if (n == 0) break;
                    for (int i = 0; i < n; i++)
                    {
                        var r = tokenizer.Feed(buffer[i]);
                        if (r == TokenizerResult.Line && tokenizer.Words.Count > 0)
                            Handle(tokenizer.Words);
                        else if (r == TokenizerResult.Error)
                        {
                            tokenizer.Reset();
                            break; // NUT drops the rest of the read
                        }
                    }
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                Close();
                return;
            }
            // The client finished sending (it may have half-closed right after DUMPALL): stop taking broadcasts,
            // let the writer deliver what is queued, then it closes the connection.
            server._clients.TryRemove(this, out _);
            _out.Writer.TryComplete();
        }

        void Handle(IReadOnlyList<string> w)
        {
            switch (w[0].ToUpperInvariant())
            {
                case "DUMPALL":
                    Enqueue(server._state.DumpAll());
                    return;
                case "PING":
                    Enqueue("PONG\n");
                    return;
                case "GETPID":
                    Enqueue($"PID {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}\n");
                    return;
                case "LOGOUT":
                    Enqueue("OK Goodbye\n");
                    _out.Writer.TryComplete();
                    return;
                case "NOBROADCAST":
                    Broadcasting = false;
                    return;
                case "BROADCAST":
                    Broadcasting = w.Count < 2 || CInt.Atoi(w[1]) >= 1;
                    return;
                case "DUMPVALUE" when w.Count >= 2:
                    Enqueue(server._state.DumpOne(w[1]) + "DUMPDONE\n");
                    return;
                case "DUMPSTATUS":
                    Enqueue(server._state.DumpOne("ups.status") + "DUMPDONE\n");
                    return;
                case "INSTCMD" or "SET":
                    if (server._command(w) is { } reply)
                        Enqueue(reply + "\n");
                    return;
            }
            var sb = new StringBuilder("Unknown command on socket: ");
            for (int i = 0; i < w.Count; i++)
                sb.Append(CultureInfo.InvariantCulture, $"\narg {i}: {w[i]}");
            NutLog.Debug(1, sb.ToString());
        }
    }
}
