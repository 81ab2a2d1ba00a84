namespace Nut.Monitor.Upssched;

/// <summary>One pending upssched timer: its name and when it fires (whole seconds since the epoch).</summary>
public sealed record PendingTimer(string Name, long Due);

/// <summary>
/// upssched's timers (spec/upssched.md §3): a list in the order they were started; names may repeat (each
/// START makes an independent timer); CANCEL removes the first with that name; a timer fires on the first
/// check at or after its second.
/// </summary>
public sealed class TimerQueue
{
    readonly List<PendingTimer> _timers = [];

    public IReadOnlyList<PendingTimer> Timers => _timers;
    public bool IsEmpty => _timers.Count == 0;

    /// <summary>The earliest due time, or null when empty.</summary>
    public long? NextDue => _timers.Count == 0 ? null : _timers.Min(t => t.Due);

    public PendingTimer Start(string name, long seconds, long now)
    {
        var t = new PendingTimer(name, now + seconds);
        _timers.Add(t);
        return t;
    }

    /// <summary>Removes the first timer called <paramref name="name"/> (exact match); false when there is none.</summary>
    public bool Cancel(string name)
    {
        int i = _timers.FindIndex(t => t.Name == name);
        if (i < 0)
            return false;
        _timers.RemoveAt(i);
        return true;
    }

    /// <summary>Removes and returns the timers due at <paramref name="now"/>, in list order.</summary>
    public List<PendingTimer> TakeDue(long now)
    {
        var due = _timers.Where(t => t.Due <= now).ToList();
        _timers.RemoveAll(t => t.Due <= now);
        return due;
    }
}
