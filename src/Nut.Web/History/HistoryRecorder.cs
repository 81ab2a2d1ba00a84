using Microsoft.Extensions.Logging;
using Nut.Web.Watching;

namespace Nut.Web.History;

/// <summary>
/// Writes the history: a sample of each UPS every history interval, and at once when its status flags change
/// (so an outage's start and end are exact on the graph whatever the interval), plus every event. Samples are
/// written in batches once a second, events at once (they are few, and a page reading the log right after a
/// change should find it); old rows are pruned every hour, on-battery samples only after the battery-health
/// window (they are what it learns from).
/// </summary>
public sealed class HistoryRecorder(UpsRegistry registry, HistoryStore store, TimeSpan interval, int retentionDays, ILogger log)
{
    static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1), PruneEvery = TimeSpan.FromHours(1);

    readonly Dictionary<string, (DateTimeOffset Time, string Flags)> _last = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        using var listener = registry.Listen();
        var samples = new List<HistorySample>();
        var events = new List<UpsEvent>();
        var nextFlush = DateTimeOffset.UtcNow + FlushEvery;
        var nextPrune = DateTimeOffset.UtcNow;
        try
        {
            while (true)
            {
                var wait = nextFlush - DateTimeOffset.UtcNow;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                try
                {
                    while (await listener.Reader.WaitToReadAsync(timeout.Token))
                    {
                        while (listener.Reader.TryRead(out var change))
                            Take(change, samples, events);
                        if (events.Count > 0)
                            Flush(samples, events);
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                ct.ThrowIfCancellationRequested();
                Flush(samples, events);
                nextFlush = DateTimeOffset.UtcNow + FlushEvery;
                if (DateTimeOffset.UtcNow >= nextPrune)
                {
                    var now = DateTimeOffset.UtcNow;
                    int removed = store.Prune(now.AddDays(-retentionDays), now - Health.UpsHealthService.Window);
                    if (removed > 0)
                        log.LogInformation("History: removed {Rows} rows older than {Days} days", removed, retentionDays);
                    nextPrune = DateTimeOffset.UtcNow + PruneEvery;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Flush(samples, events);
        }
    }

    void Take(UpsChange change, List<HistorySample> samples, List<UpsEvent> events)
    {
        events.AddRange(change.Events);
        var s = change.Snapshot;
        if (s.Reachability != UpsReachability.Ok)
            return;
        string flags = string.Join(' ', s.Flags);
        if (_last.TryGetValue(s.Id, out var last) && last.Flags == flags && s.Polled - last.Time < interval)
            return;
        _last[s.Id] = (s.Polled, flags);
        samples.Add(HistorySample.From(s));
    }

    void Flush(List<HistorySample> samples, List<UpsEvent> events)
    {
        try
        {
            store.Add(samples);
            store.Add(events);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            // A full disk must not stop the dashboard: the live view goes on, the history has a gap.
            log.LogError("History: cannot write {Rows} rows to {File}: {Reason}", samples.Count + events.Count, store.File ?? "memory", e.Message);
        }
        samples.Clear();
        events.Clear();
    }
}
