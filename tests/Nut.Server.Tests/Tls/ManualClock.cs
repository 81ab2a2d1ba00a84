namespace Nut.Server.Tests.Tls;

/// <summary>
/// Virtual time for time-outs: timers created through this provider fire only when a test calls
/// <see cref="Advance"/> past their due time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    readonly object _lock = new();
    readonly List<Timer> _timers = [];
    DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() { lock (_lock) return _now; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward and runs every timer that falls due (periodic ones as often as they would).</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset end;
        lock (_lock) end = _now + by;
        while (true)
        {
            Timer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due is { } d && d <= end).MinBy(t => t.Due);
                if (next is null) { _now = end; return; }
                _now = next.Due!.Value;
                next.Due = next.Period > TimeSpan.Zero ? _now + next.Period : null;
            }
            next.Fire();
        }
    }

    sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due;
        public TimeSpan Period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                clock._timers.Add(this);
            }
            return true;
        }

        public void Dispose() { lock (clock._lock) clock._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
