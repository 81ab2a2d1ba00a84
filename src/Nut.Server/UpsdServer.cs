using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Nut.Core.Config;
using Nut.Platform;
using Nut.Server.Net;

namespace Nut.Server;

/// <summary>
/// The running server: the listeners, one <see cref="UpsEntry"/> per served UPS with its driver link, the
/// client sessions, users and descriptions. Configuration can be swapped at run time (<see cref="Reload"/>).
/// </summary>
public sealed class UpsdServer : IUpsdContext, IAsyncDisposable
{
    /// <summary>Listen backlog; NUT uses 16, which drops bursts of connects. The kernel caps it at somaxconn.</summary>
    const int ListenBacklog = 4096;

    readonly TimeProvider _clock;
    readonly string _statePath;
    readonly List<Socket> _listeners = [];
    readonly ConcurrentDictionary<ClientSession, byte> _sessions = new();
    readonly CancellationTokenSource _stop = new();
    readonly RequestHandler _handler;
    readonly List<Task> _acceptLoops = [];
    EpollLoop[] _ioLoops = [];
    int _nextIoLoop;
    volatile IReadOnlyList<UpsEntry> _upsList = [];
    volatile UpsdUsers _users;
    volatile UpsdConf _conf;
    int _connectionCount;
    Task? _tickLoop;

    public UpsdServer(UpsdConf conf, UpsdUsers users, CmdVarTab descriptions, string statePath, TimeProvider clock)
    {
        _conf = conf;
        _users = users;
        Descriptions = descriptions;
        _statePath = statePath;
        _clock = clock;
        Tracking = new TrackingTable(clock) { Lifetime = TimeSpan.FromSeconds(conf.TrackingDelay) };
        _handler = new RequestHandler(this);
    }

    public UpsEntry? FindUps(string name)
    {
        var list = _upsList;
        for (int i = 0; i < list.Count; i++) // by index: a foreach over the interface would box its enumerator per request
            if (string.Equals(list[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return list[i];
        return null;
    }

    public IReadOnlyList<UpsEntry> UpsList => _upsList;
    public UpsdUsers Users => _users;
    public CmdVarTab Descriptions { get; private set; }
    public TrackingTable Tracking { get; }
    public IEnumerable<ClientState> Clients => _sessions.Keys.Select(s => s.State);
    public bool TlsConfigured => ClientSession.TlsUpgrade is not null;
    public int MaxAge => _conf.MaxAge;

    /// <summary>Binds every LISTEN address (defaults 127.0.0.1 and ::1). Returns how many sockets listen.</summary>
    public int Bind(IReadOnlyList<ListenAddress> listen, bool ipv4Only, bool ipv6Only)
    {
        var wanted = listen.Count > 0 ? listen
            : [new ListenAddress("127.0.0.1", NutPaths.DefaultPort, 0), new ListenAddress("::1", NutPaths.DefaultPort, 0)];
        var bound = new HashSet<IPEndPoint>();
        foreach (var l in wanted)
        {
            foreach (var address in Resolve(l.Address))
            {
                if ((ipv4Only && address.AddressFamily != AddressFamily.InterNetwork)
                    || (ipv6Only && address.AddressFamily != AddressFamily.InterNetworkV6))
                    continue;
                var ep = new IPEndPoint(address, l.Port);
                if (!bound.Add(ep))
                    continue; // the same address twice (e.g. localhost and 127.0.0.1) is fine
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    if (address.AddressFamily == AddressFamily.InterNetworkV6)
                        socket.DualMode = false;
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    socket.Bind(ep);
                    socket.Listen(ListenBacklog);
                    _listeners.Add(socket);
                    NutLog.Info($"listening on {address} port {l.Port}");
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    NutLog.Warning($"not listening on {address} port {l.Port}: {Libc.StrError(e)}");
                }
            }
        }
        return _listeners.Count;
    }

    static IEnumerable<IPAddress> Resolve(string address)
    {
        if (address == "*")
            return [IPAddress.Any, IPAddress.IPv6Any];
        if (IPAddress.TryParse(address.Trim('[', ']'), out var ip))
            return [ip];
        try
        {
            return Dns.GetHostAddresses(address);
        }
        catch (SocketException)
        {
            NutLog.Warning($"not listening on {address}: cannot resolve the name");
            return [];
        }
    }

    /// <summary>Sets the UPS list from ups.conf: keeps links of unchanged entries, starts new ones, drops removed ones.</summary>
    public async Task ApplyUpsConf(UpsConf upsConf)
    {
        var old = _upsList;
        var next = new List<UpsEntry>();
        foreach (var section in upsConf.Sections)
        {
            if (!section.IsComplete)
            {
                NutLog.Warning($"Warning: ignoring incomplete configuration for UPS [{section.Name}]");
                continue;
            }
            var existing = old.FirstOrDefault(u => u.Name == section.Name && u.Driver == section.Driver && u.Port == section.Port);
            if (existing is not null)
            {
                existing.Desc = section.Desc;
                next.Add(existing);
                continue;
            }
            var ups = new UpsEntry(section.Name, section.Driver!, section.Port!, section.Desc);
            ups.Link = new DriverLink(ups, Path.Combine(_statePath, ups.SocketName), _clock, () => _conf.MaxAge, Tracking);
            next.Add(ups);
        }
        _upsList = next;
        foreach (var ups in next.Except(old))
            ups.Link!.Start();
        foreach (var removed in old.Except(next))
        {
            foreach (var s in _sessions.Keys.Where(s => s.State.LoggedInto == removed))
                s.Abort();
            if (removed.Link is not null)
                await removed.Link.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void ApplyUsers(UpsdUsers users) => _users = users;

    public void ApplyConf(UpsdConf conf)
    {
        _conf = conf;
        Tracking.Lifetime = TimeSpan.FromSeconds(conf.TrackingDelay);
    }

    public void ApplyDescriptions(CmdVarTab descriptions) => Descriptions = descriptions;

    /// <summary>Starts accepting clients and the once-a-second housekeeping (PINGs, staleness logs).</summary>
    public void Start()
    {
        _ioLoops = StartIoLoops();
        foreach (var l in _listeners)
            _acceptLoops.Add(Task.Run(() => AcceptLoop(l)));
        _tickLoop = Task.Run(TickLoop);
    }

    /// <summary>
    /// One epoll loop per processor serves the plain-TCP clients (see <see cref="EpollLoop"/> for why).
    /// NUTSHARP_UPSD_EPOLL=0 serves them on .NET's sockets instead, as after STARTTLS: to compare, or as a
    /// way out should a kernel refuse epoll.
    /// </summary>
    static EpollLoop[] StartIoLoops()
    {
        if (Environment.GetEnvironmentVariable("NUTSHARP_UPSD_EPOLL") == "0")
            return [];
        var loops = new List<EpollLoop>();
        for (int i = 0; i < Environment.ProcessorCount; i++)
        {
            var loop = EpollLoop.TryStart($"upsd-io-{i}");
            if (loop is null)
            {
                NutLog.Warning("epoll is not available: serving clients on .NET's sockets");
                break;
            }
            loops.Add(loop);
        }
        return [.. loops];
    }

    async Task AcceptLoop(Socket listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }

            int limit = _conf.MaxConn ?? int.MaxValue;
            // MAXCONN counts every descriptor upsd polls: listeners, drivers and clients.
            if (Interlocked.Increment(ref _connectionCount) + _listeners.Count + _upsList.Count > limit)
            {
                Interlocked.Decrement(ref _connectionCount);
                NutLog.Warning($"Maximum number of connections limit ({limit}) reached, dropping a new client");
                client.Dispose();
                continue;
            }
            var session = new ClientSession(client, _handler, s =>
            {
                _sessions.TryRemove(s, out _);
                Interlocked.Decrement(ref _connectionCount);
            });
            _sessions[session] = 0;
            var loops = _ioLoops;
            if (loops.Length == 0 || !session.StartOn(loops[(int)((uint)Interlocked.Increment(ref _nextIoLoop) % (uint)loops.Length)], _stop.Token))
                _ = session.RunAsync(_stop.Token);
        }
    }

    async Task TickLoop()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _clock);
        int quietTicks = 0;
        long lastAllocated = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var ups in _upsList)
                    ups.Link?.Tick();
                long now = Environment.TickCount64;
                foreach (var session in _sessions.Keys)
                    session.CheckTimeouts(now);
                TrimAfterBusyPeriod(ref quietTicks, ref lastAllocated);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Megabytes allocated during a busy period after which, once quiet, the heap is given back.</summary>
    const long TrimThresholdBytes = 64L << 20;

    /// <summary>
    /// A burst of clients grows the GC heap, and the GC keeps it for the next burst; on a router or a Pi that
    /// memory is better returned. After 5 quiet seconds following heavy allocation, compact and decommit once.
    /// </summary>
    static void TrimAfterBusyPeriod(ref int quietTicks, ref long lastAllocated)
    {
        long allocated = GC.GetTotalAllocatedBytes();
        bool busy = allocated - lastAllocated > 1L << 20; // more than 1 MB this second: still busy
        quietTicks = busy ? 0 : quietTicks + 1;
        if (quietTicks == 5 && allocated - s_allocatedAtLastTrim > TrimThresholdBytes)
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            s_allocatedAtLastTrim = allocated;
        }
        lastAllocated = allocated;
    }

    static long s_allocatedAtLastTrim;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var l in _listeners)
            l.Dispose();
        foreach (var s in _sessions.Keys)
            s.Abort();
        foreach (var loop in _ioLoops)
            loop.Dispose(); // closes the connections it still serves
        _ioLoops = [];
        foreach (var ups in _upsList)
            if (ups.Link is not null)
                await ups.Link.DisposeAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_acceptLoops).ConfigureAwait(false); } catch (OperationCanceledException) { }
        if (_tickLoop is not null)
            await _tickLoop.ConfigureAwait(false);
    }
}
