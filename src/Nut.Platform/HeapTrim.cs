namespace Nut.Platform;

/// <summary>
/// Keeps a long-running daemon's memory flat. A daemon that polls forever allocates a little on every poll;
/// what survives a young collection (anything alive across an await, a timer, a socket read) is promoted and
/// then waits for a full collection, which the GC starts only when the old generation has grown well past its
/// budget -- so RSS climbs for tens of minutes before it falls (the one-hour soak, docs/soak.md: upslog rose
/// from 11 to 28 MB before levelling off, upsmon's monitoring child 11 to 23 MB in the hour). Once a minute,
/// when anything worth it was allocated since the last time, one full compacting collection returns that
/// memory: about a millisecond on heaps this small.
/// </summary>
public static class HeapTrim
{
    /// <summary>Less than this allocated since the last trim: nothing to gain, skip.</summary>
    const long MinAllocatedBytes = 256 * 1024;

    static readonly TimeSpan Period = TimeSpan.FromSeconds(60);
    static Timer? s_timer;
    static long s_allocatedAtLastTrim;

    /// <summary>Starts the once-a-minute trim for this process (idempotent).</summary>
    public static void Start()
    {
        if (s_timer is not null)
            return;
        s_allocatedAtLastTrim = GC.GetTotalAllocatedBytes();
        s_timer = new Timer(_ => TrimIfWorthIt(), null, Period, Period);
    }

    static void TrimIfWorthIt()
    {
        long allocated = GC.GetTotalAllocatedBytes();
        if (allocated - s_allocatedAtLastTrim < MinAllocatedBytes)
            return;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        s_allocatedAtLastTrim = GC.GetTotalAllocatedBytes();
    }
}
