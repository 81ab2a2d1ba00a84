namespace Nut.Drivers.Upsdrvctl;

/// <summary>
/// When <c>upsdrvctl -F</c> restarts a driver that died. ups.conf's <c>maxretry</c> restarts come
/// <c>retrydelay</c> seconds apart, as NUT's start retries do; where NUT then gives up, we slow down instead
/// (each further crash doubles the delay, up to <see cref="MaxDelay"/>), because a UPS unplugged for a while must
/// be picked up again when it comes back. A driver that ran <see cref="StableAfter"/> before dying starts a
/// fresh count: one crash a day is restarted after <c>retrydelay</c>, a crash loop does not spin.
/// </summary>
public sealed class RestartBackoff
{
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);

    /// <summary>retrydelay 0 would restart a crash loop as fast as the machine can fork.</summary>
    static readonly TimeSpan MinDelay = TimeSpan.FromSeconds(1);

    readonly TimeSpan _retryDelay;
    readonly int _maxRetry;
    int _quickFailures;

    public RestartBackoff(int retryDelaySeconds, int maxRetry)
    {
        _retryDelay = TimeSpan.FromSeconds(Math.Max(retryDelaySeconds, MinDelay.TotalSeconds));
        _maxRetry = Math.Max(1, maxRetry);
    }

    /// <summary>Crashes in a row, each within <see cref="StableAfter"/> of its start.</summary>
    public int QuickFailures => _quickFailures;

    /// <summary>The wait before the next start of a driver that died after running <paramref name="ranFor"/>.</summary>
    public TimeSpan NextDelay(TimeSpan ranFor)
    {
        if (ranFor >= StableAfter)
            _quickFailures = 0;
        _quickFailures++;
        int doublings = Math.Min(_quickFailures - _maxRetry, 16);
        if (doublings <= 0)
            return _retryDelay;
        var delay = _retryDelay * (1 << doublings);
        return delay > MaxDelay ? (_retryDelay > MaxDelay ? _retryDelay : MaxDelay) : delay;
    }
}
