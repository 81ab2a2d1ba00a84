using System.Net.Sockets;
using System.Text;
using Nut.Core.State;
using Nut.Core.Text;
using Nut.Platform;

namespace Nut.Server;

/// <summary>
/// upsd's connection to one driver's Unix socket (driver-socket-protocol.md §7): connect, ask for DUMPALL,
/// show <c>ups.status = WAIT</c> until the dump arrives, apply every pushed change, answer for staleness
/// (nothing heard for MAXAGE, PING after MAXAGE/3 of silence, the driver's DATASTALE after DUMPDONE), and on
/// EOF drop the data and keep trying to reconnect — upsd itself never restarts for a driver.
/// </summary>
public sealed class DriverLink : IAsyncDisposable
{
    /// <summary>How often a missing driver is tried again.</summary>
    static readonly TimeSpan ReconnectInterval = TimeSpan.FromSeconds(1);
    /// <summary>NUT logs a failed connection at most this often per UPS.</summary>
    static readonly TimeSpan ConnectFailureLogInterval = TimeSpan.FromSeconds(300);
    const int ReadBufferSize = 8192;

    readonly UpsEntry _ups;
    readonly string _socketPath;
    readonly TimeProvider _clock;
    readonly Func<int> _maxAge;
    readonly TrackingTable _tracking;
    readonly CancellationTokenSource _stop = new();
    readonly object _sendLock = new();
    readonly UpsState _state = new();
    Socket? _socket;
    Task? _loop;
    long _lastHeard;
    long _lastPing;
    long _lastFailureLog = long.MinValue;
    bool _staleLogged;

    public DriverLink(UpsEntry ups, string socketPath, TimeProvider clock, Func<int> maxAge, TrackingTable tracking)
    {
        _ups = ups;
        _socketPath = socketPath;
        _clock = clock;
        _maxAge = maxAge;
        _tracking = tracking;
    }

    public volatile bool Connected;
    volatile bool _dumpDone;
    volatile bool _driverSaysStale;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>NUT's staleness: the driver said DATASTALE (after its dump) or nothing heard for MAXAGE.</summary>
    public bool IsStale()
    {
        if (_dumpDone && _driverSaysStale)
            return true;
        return _clock.GetElapsedTime(Interlocked.Read(ref _lastHeard)) > TimeSpan.FromSeconds(_maxAge());
    }

    /// <summary>Sends one line (SET, INSTCMD, PING) to the driver. False when the write failed.</summary>
    public bool Send(string line)
    {
        var socket = _socket;
        if (socket is null || !Connected)
            return false;
        byte[] bytes = Encoding.Latin1.GetBytes(line + "\n");
        lock (_sendLock)
        {
            try
            {
                int sent = 0;
                while (sent < bytes.Length)
                    sent += socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
                return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>Called about once a second by the server: PING a quiet driver, log stale transitions.</summary>
    public void Tick()
    {
        if (!Connected)
            return;
        int maxAge = _maxAge();
        var quiet = TimeSpan.FromSeconds(maxAge / 3);
        long now = _clock.GetTimestamp();
        if (_clock.GetElapsedTime(Interlocked.Read(ref _lastHeard), now) > quiet
            && _clock.GetElapsedTime(Interlocked.Read(ref _lastPing), now) > quiet)
        {
            Interlocked.Exchange(ref _lastPing, now);
            Send("PING");
        }
        bool stale = IsStale();
        if (stale && !_staleLogged)
            NutLog.Warning($"Data for UPS [{_ups.Name}] is stale - check driver");
        else if (!stale && _staleLogged)
            NutLog.Info($"UPS [{_ups.Name}] data is no longer stale");
        _staleLogged = stale;
    }

    async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                return;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                LogConnectFailure(e);
                await DelayAsync(ReconnectInterval, token).ConfigureAwait(false);
                continue;
            }
            _lastFailureLog = long.MinValue;
            NutLog.Info($"Connected to UPS [{_ups.Name}]: {_ups.SocketName}");
            await ServeAsync(socket, token).ConfigureAwait(false);
            if (!token.IsCancellationRequested)
                await DelayAsync(ReconnectInterval, token).ConfigureAwait(false);
        }
    }

    async Task ServeAsync(Socket socket, CancellationToken token)
    {
        _state.Clear();
        _state.SetInfo("ups.status", "WAIT");
        _ups.Data = UpsSnapshot.From(_state);
        long now = _clock.GetTimestamp();
        Interlocked.Exchange(ref _lastHeard, now);
        Interlocked.Exchange(ref _lastPing, now);
        _dumpDone = false;
        _driverSaysStale = false;
        _socket = socket;
        Connected = true;
        Send("DUMPALL");

        var tokenizer = new NutTokenizer();
        byte[] buffer = new byte[ReadBufferSize];
        try
        {
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, token).ConfigureAwait(false);
                if (n == 0)
                    break;
                bool changed = false;
                for (int i = 0; i < n; i++)
                {
                    var r = tokenizer.Feed(buffer[i]);
                    if (r == TokenizerResult.Line)
                        changed |= Handle(tokenizer.Words);
                    else if (r == TokenizerResult.Error)
                    {
                        // As NUT: the rest of this read is thrown away.
                        tokenizer.Reset();
                        break;
                    }
                }
                if (changed)
                    _ups.Data = UpsSnapshot.From(_state);
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        finally
        {
            Connected = false;
            _socket = null;
            socket.Dispose();
            _state.Clear();
            _ups.Data = UpsSnapshot.Empty;
            if (!token.IsCancellationRequested)
                NutLog.Warning($"Driver connection for UPS [{_ups.Name}] lost ({_ups.SocketName})");
        }
    }

    /// <summary>Handles one driver line; returns true when the UPS data changed.</summary>
    bool Handle(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
            return false;
        bool heard = true;
        bool changed = false;
        switch (words[0].ToUpperInvariant())
        {
            case "DUMPDONE":
                _dumpDone = true;
                break;
            case "PONG":
                break;
            case "DATAOK":
                _driverSaysStale = false;
                break;
            case "DATASTALE":
                _driverSaysStale = true;
                break;
            case "TRACKING" when words.Count >= 3:
                _tracking.Complete(words[1], CInt.Atoi(words[2]));
                NutLog.Info($"tracking ID: {words[1]}\tresult: {_tracking.Status(words[1])}");
                break;
            default:
                heard = changed = _state.ApplyDriverMessage(words);
                break;
        }
        if (heard)
            Interlocked.Exchange(ref _lastHeard, _clock.GetTimestamp());
        return changed;
    }

    void LogConnectFailure(SocketException e)
    {
        long now = _clock.GetTimestamp();
        if (_lastFailureLog != long.MinValue && _clock.GetElapsedTime(_lastFailureLog, now) < ConnectFailureLogInterval)
            return;
        _lastFailureLog = now;
        NutLog.Warning($"Can't connect to UPS [{_ups.Name}] ({_ups.SocketName}): {Libc.StrError(e)}");
    }

    async Task DelayAsync(TimeSpan delay, CancellationToken token)
    {
        try { await Task.Delay(delay, _clock, token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { _socket?.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
