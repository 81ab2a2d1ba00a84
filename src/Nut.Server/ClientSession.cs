using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Nut.Core.Text;
using Nut.Platform;
using Nut.Server.Net;

namespace Nut.Server;

/// <summary>
/// One client connection. A plain-TCP connection is driven by an <see cref="EpollLoop"/> (<see cref="StartOn"/>):
/// each read fed to the tokenizer and answered where it was read. After STARTTLS, or where epoll is not
/// available, the connection runs on .NET's sockets instead (<see cref="RunAsync"/>): bytes in through a
/// PipeReader. Either way every reply produced by a chunk of input is written back in one piece (TCP_NODELAY on — NUT's one-write-per-line without it costs a
/// client 44 ms per multi-line reply). A client that sends nothing complete for 60 s is dropped, as in NUT;
/// one that stops reading its replies is dropped after <see cref="WriteTimeout"/> without slowing anyone else.
/// Both time-outs are checked by the server's once-a-second sweep (<see cref="CheckTimeouts"/>): arming a
/// timer per request would cost more than answering it.
/// </summary>
public sealed partial class ClientSession
{
    /// <summary>NUT drops a client that has not completed a request line for more than 60 s.</summary>
    public static TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A client whose replies cannot be delivered for this long is disconnected.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(60);

    readonly Socket _socket;
    readonly RequestHandler _handler;
    readonly Action<ClientSession> _closed;
    readonly NutTokenizer _tokenizer = new();
    Stream? _stream;
    byte[] _out = [];
    long _lastLine = Environment.TickCount64;
    long _writeStarted; // 0: no write in progress

    public ClientSession(Socket socket, RequestHandler handler, Action<ClientSession> closed)
    {
        _socket = socket;
        _handler = handler;
        _closed = closed;
        State = new ClientState(AddressText(socket.RemoteEndPoint));
    }

    public ClientState State { get; }

    /// <summary>Upgrades the stream after "OK STARTTLS" (set by the TLS support; null: not available).</summary>
    public static Func<Stream, CancellationToken, Task<Stream>>? TlsUpgrade { get; set; }

    static string AddressText(EndPoint? ep) => ep switch
    {
        IPEndPoint ip => (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(),
        _ => "unknown",
    };

    /// <summary>Serves the whole connection on .NET's sockets (where epoll is not available).</summary>
    public Task RunAsync(CancellationToken serverStop)
    {
        _stream = new NetworkStream(_socket, ownsSocket: true);
        return RunStreamAsync(serverStop, upgradeFirst: false);
    }

    async Task RunStreamAsync(CancellationToken serverStop, bool upgradeFirst)
    {
        try
        {
            _socket.NoDelay = true;
            if (upgradeFirst)
                await UpgradeAsync(serverStop).ConfigureAwait(false);
            await ServeAsync(serverStop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, timed out, failed its TLS hand-shake, or the server is stopping.
        }
        finally
        {
            LogOut();
            await _stream!.DisposeAsync().ConfigureAwait(false);
            _closed(this);
        }
    }

    async Task UpgradeAsync(CancellationToken serverStop)
    {
        _stream = await TlsUpgrade!(_stream!, serverStop).ConfigureAwait(false);
        State.IsTls = true;
    }

    void LogOut()
    {
        if (State.LoggedInto is { } ups)
        {
            ups.RemoveLogin();
            NutLog.Info($"User {State.Username}@{State.Address} logged out from UPS [{ups.Name}]");
            State.LoggedInto = null;
        }
    }

    async Task ServeAsync(CancellationToken serverStop)
    {
        var reader = CreateReader(_stream!);
        var tokenizer = _tokenizer;
        var output = new StringBuilder(256);
        while (true)
        {
            ReadResult result = await reader.ReadAsync(serverStop).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool completedLine = false;
            foreach (var segment in buffer)
            {
                if (!Process(segment.Span, tokenizer, output, ref completedLine))
                    break; // parse error: NUT discards the rest of this read
                if (State.CloseRequested || State.TlsRequested)
                    break;
            }
            reader.AdvanceTo(buffer.End);
            if (output.Length > 0)
            {
                await WriteAsync(output, serverStop).ConfigureAwait(false);
                output.Clear();
            }
            if (completedLine)
                Volatile.Write(ref _lastLine, Environment.TickCount64);
            if (State.CloseRequested || result.IsCompleted)
                return;
            if (State.TlsRequested)
            {
                State.TlsRequested = false;
                await reader.CompleteAsync().ConfigureAwait(false);
                if (TlsUpgrade is null)
                    return;
                await UpgradeAsync(serverStop).ConfigureAwait(false);
                reader = CreateReader(_stream!);
            }
        }
    }

    /// <summary>
    /// Zero-byte reads: an idle connection waits for data without holding a buffer, so ten thousand idle
    /// clients cost no read buffers at all (a 4 KiB buffer each would be 40 MB).
    /// </summary>
    static PipeReader CreateReader(Stream stream) =>
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true));

    /// <summary>Feeds bytes to the tokenizer and answers each completed line. False on a parse error.</summary>
    bool Process(ReadOnlySpan<byte> bytes, NutTokenizer tokenizer, StringBuilder output, ref bool completedLine)
    {
        foreach (byte b in bytes)
        {
            switch (tokenizer.Feed(b))
            {
                case TokenizerResult.Line:
                    completedLine = true;
                    _handler.Handle(State, tokenizer.Words, output);
                    if (State.CloseRequested || State.TlsRequested)
                        return true;
                    break;
                case TokenizerResult.Error:
                    NutLog.Warning($"Parse error on sock: {tokenizer.Error}");
                    tokenizer.Reset();
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Writes the replies in one piece. Not an async method: a write the socket takes at once (nearly every
    /// one) completes without allocating a state machine for it.
    /// </summary>
    ValueTask WriteAsync(StringBuilder output, CancellationToken serverStop)
    {
        if (_out.Length < output.Length)
            _out = new byte[Math.Max(output.Length, 256)]; // grown on demand: idle clients hold nothing
        int n = 0;
        foreach (var chunk in output.GetChunks())
            n += Encoding.Latin1.GetBytes(chunk.Span, _out.AsSpan(n)); // replies are ASCII: one byte a char
        Volatile.Write(ref _writeStarted, Environment.TickCount64);
        ValueTask write = _stream!.WriteAsync(_out.AsMemory(0, n), serverStop);
        if (!write.IsCompletedSuccessfully)
            return FinishWriteAsync(write);
        write.GetAwaiter().GetResult();
        Volatile.Write(ref _writeStarted, 0);
        return ValueTask.CompletedTask;
    }

    async ValueTask FinishWriteAsync(ValueTask write)
    {
        await write.ConfigureAwait(false);
        Volatile.Write(ref _writeStarted, 0);
    }

    /// <summary>
    /// Called about once a second by the server: drops this client when it has sent nothing complete for
    /// <see cref="IdleTimeout"/> (NUT's rule) or has left a reply undelivered for <see cref="WriteTimeout"/>.
    /// </summary>
    public void CheckTimeouts(long now)
    {
        long started = Volatile.Read(ref _writeStarted);
        if (started != 0 && now - started > (long)WriteTimeout.TotalMilliseconds)
        {
            NutLog.Warning($"Client {State.Address} has not read its replies for {WriteTimeout.TotalSeconds:0} s: disconnecting it");
            Abort();
        }
        else if (started == 0 && now - Volatile.Read(ref _lastLine) > (long)IdleTimeout.TotalMilliseconds)
        {
            Abort();
        }
    }

    /// <summary>Closes the connection from the server side (reload removed its UPS, or shutdown).</summary>
    public void Abort()
    {
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }
}
