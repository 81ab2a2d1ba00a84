namespace Nut.Monitor.Common;

/// <summary>
/// A clock that only moves when told to: <see cref="Advance"/> runs every timer that falls due on the way, in
/// time order, each at its own moment, on the caller's thread. With it upsmon and upssched run a ten-minute
/// power failure in milliseconds, and the same events happen at the same virtual times on every run.
/// Time zone: UTC. Timers are <see cref="ITimer"/>s from <see cref="CreateTimer"/>, like any TimeProvider's.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    readonly object _lock = new();
    readonly PriorityQueue<VirtualTimer, (DateTimeOffset Due, long Order)> _queue = new();
    DateTimeOffset _now;
    long _order;

    public VirtualClock(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
            return _now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="duration"/>, firing the timers due on the way.</summary>
    public void Advance(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), "a clock does not go back");
        AdvanceTo(GetUtcNow() + duration);
    }

    /// <summary>Moves the clock to <paramref name="target"/> (not back), firing the timers due on the way.
    /// When <paramref name="stop"/> says so after a timer has run, the clock stays at that timer's moment
    /// (a signal sent from a timer's script ends a sleep early, as a real signal does).</summary>
    public void AdvanceTo(DateTimeOffset target, Func<bool>? stop = null)
    {
        while (true)
        {
            if (stop is not null && stop())
                return;
            VirtualTimer? timer = null;
            lock (_lock)
            {
                while (_queue.TryPeek(out var t, out var key) && key.Due <= target)
                {
                    _queue.Dequeue();
                    if (t.Due != key.Due || t.Order != key.Order)
                        continue; // re-armed or disposed since it was queued
                    if (key.Due > _now)
                        _now = key.Due;
                    timer = t;
                    break;
                }
                if (timer is null)
                {
                    if (target > _now)
                        _now = target;
                    return;
                }
                timer.Fired();
            }
            timer.Invoke();
        }
    }

    /// <summary>When the next timer is due, or null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                while (_queue.TryPeek(out var t, out var key))
                {
                    if (t.Due == key.Due && t.Order == key.Order)
                        return key.Due;
                    _queue.Dequeue();
                }
                return null;
            }
        }
    }

    void Schedule(VirtualTimer timer, DateTimeOffset due)
    {
        // Called under _lock by the timer.
        timer.Due = due;
        timer.Order = ++_order;
        _queue.Enqueue(timer, (due, timer.Order));
    }

    sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        TimeSpan _period = Timeout.InfiniteTimeSpan;
        bool _disposed;
        public DateTimeOffset? Due;
        public long Order;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                if (_disposed)
                    return false;
                _period = period;
                Due = null;
                if (dueTime != Timeout.InfiniteTimeSpan)
                    clock.Schedule(this, clock._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime));
                return true;
            }
        }

        /// <summary>Under the clock's lock, as it fires: re-arm a periodic timer.</summary>
        public void Fired()
        {
            Due = null;
            if (!_disposed && _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
                clock.Schedule(this, clock._now + _period);
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                _disposed = true;
                Due = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Sleeping in virtual time: the clock jumps forward, running whatever falls due meanwhile.</summary>
public sealed class VirtualSleeper(VirtualClock clock) : ISleeper
{
    public void Sleep(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero)
            clock.Advance(duration);
    }
}
