using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Nut.Web.Watching;

/// <summary>A new snapshot of a UPS and the events it brought (none for a plain value update).
/// <paramref name="ValuesChanged"/>: anything but the poll time differs from the previous snapshot.</summary>
public sealed record UpsChange(UpsSnapshot Snapshot, IReadOnlyList<UpsEvent> Events, bool ValuesChanged);

/// <summary>
/// The latest snapshot and details of every watched UPS, and the fan-out of changes to whoever listens (SSE
/// streams, history, MQTT). Each listener has its own bounded queue: a slow browser drops its oldest updates
/// (the next snapshot supersedes them anyway) and never holds up the pollers or another listener.
/// </summary>
public sealed class UpsRegistry
{
    const int ListenerQueue = 1024;

    readonly ConcurrentDictionary<string, UpsSnapshot> _snapshots = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, UpsDetails> _details = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<Channel<UpsChange>, byte> _listeners = new();
    // The watch list's order, so pages list UPSes as the configuration does.
    readonly List<string> _order = [];
    readonly Lock _orderLock = new();

    public IReadOnlyList<UpsSnapshot> All
    {
        get
        {
            string[] ids;
            lock (_orderLock)
                ids = [.. _order];
            var list = new List<UpsSnapshot>(ids.Length);
            foreach (var id in ids)
                if (_snapshots.TryGetValue(id, out var s))
                    list.Add(s);
            return list;
        }
    }

    public UpsSnapshot? Find(string id) => _snapshots.TryGetValue(id, out var s) ? s : null;

    public UpsDetails Details(string id) => _details.TryGetValue(id, out var d) ? d : UpsDetails.Empty;

    public void SetDetails(string id, UpsDetails details) => _details[id] = details;

    /// <summary>Stores a new snapshot and tells every listener. Returns the events the change brought.</summary>
    public IReadOnlyList<UpsEvent> Publish(UpsSnapshot snapshot)
    {
        UpsSnapshot? previous = null;
        _snapshots.AddOrUpdate(snapshot.Id, snapshot, (_, old) => { previous = old; return snapshot; });
        if (previous is null)
            lock (_orderLock)
                if (!_order.Contains(snapshot.Id))
                    _order.Add(snapshot.Id);
        var events = UpsEvents.Between(previous, snapshot);
        var change = new UpsChange(snapshot, events, previous is null || !snapshot.SameValues(previous));
        foreach (var listener in _listeners.Keys)
            listener.Writer.TryWrite(change);
        return events;
    }

    /// <summary>Tells every listener of an event that is not a change of values (a battery-health warning).</summary>
    public void PublishEvent(UpsEvent e)
    {
        if (Find(e.UpsId) is not { } snapshot)
            return;
        var change = new UpsChange(snapshot, [e], ValuesChanged: false);
        foreach (var listener in _listeners.Keys)
            listener.Writer.TryWrite(change);
    }

    /// <summary>Forgets a UPS a server no longer lists (a <c>*@host</c> watch).</summary>
    public void Remove(string id)
    {
        _snapshots.TryRemove(id, out _);
        _details.TryRemove(id, out _);
        lock (_orderLock)
            _order.Remove(id);
    }

    /// <summary>Starts listening; dispose the result to stop.</summary>
    public Listener Listen()
    {
        var channel = Channel.CreateBounded<UpsChange>(new BoundedChannelOptions(ListenerQueue)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _listeners[channel] = 0;
        return new Listener(this, channel);
    }

    public sealed class Listener : IDisposable
    {
        readonly UpsRegistry _registry;
        readonly Channel<UpsChange> _channel;

        internal Listener(UpsRegistry registry, Channel<UpsChange> channel) => (_registry, _channel) = (registry, channel);

        public ChannelReader<UpsChange> Reader => _channel.Reader;

        public void Dispose()
        {
            _registry._listeners.TryRemove(_channel, out _);
            _channel.Writer.TryComplete();
        }
    }
}
