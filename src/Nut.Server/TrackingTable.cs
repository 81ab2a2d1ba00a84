using System.Collections.Concurrent;

namespace Nut.Server;

/// <summary>
/// Results of tracked SET / INSTCMD requests (network-protocol.md §4.9): an id per request, PENDING until
/// the driver answers with a code, forgotten after TRACKINGDELAY. Ids are global to the server.
/// </summary>
public sealed class TrackingTable
{
    readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    readonly TimeProvider _clock;

    sealed class Entry(long created)
    {
        public long Created { get; } = created;
        public volatile int Code = -1; // -1: pending
    }

    public TrackingTable(TimeProvider clock) => _clock = clock;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>A new upper-case UUIDv4 id, recorded as pending.</summary>
    public string Add()
    {
        Purge();
        string id = Guid.NewGuid().ToString("D").ToUpperInvariant();
        _entries[id] = new Entry(_clock.GetTimestamp());
        return id;
    }

    /// <summary>The driver's answer (0 handled, 1 unknown, 2 invalid, 3 failed, 4 conversion failed).</summary>
    public void Complete(string id, int code)
    {
        if (_entries.TryGetValue(id, out var e))
            e.Code = code;
    }

    /// <summary>The GET TRACKING answer for an id.</summary>
    public string Status(string id)
    {
        Purge();
        if (!_entries.TryGetValue(id, out var e))
            return "ERR UNKNOWN";
        return e.Code switch
        {
            -1 => "PENDING",
            0 => "SUCCESS",
            1 => "ERR UNKNOWN",
            2 or 4 => "ERR INVALID-ARGUMENT",
            _ => "ERR FAILED",
        };
    }

    void Purge()
    {
        long now = _clock.GetTimestamp();
        foreach (var (id, e) in _entries)
            if (_clock.GetElapsedTime(e.Created, now) > Lifetime)
                _entries.TryRemove(id, out _);
    }
}
