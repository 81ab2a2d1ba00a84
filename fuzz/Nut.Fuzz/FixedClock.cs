namespace Nut.Fuzz;

/// <summary>A clock that moves only when told: a harness must do the same thing every time it gets the same bytes.
/// Timestamps start at 0 (so a DriverLink never heard from is fresh); the wall clock at 2026-01-01.</summary>
public sealed class FixedClock : TimeProvider
{
    static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    long _ticks;

    public override long GetTimestamp() => _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override DateTimeOffset GetUtcNow() => Start.AddTicks(_ticks);

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
