namespace Nut.Monitor.Common;

/// <summary>
/// How upsmon waits between polls and during its shutdown sequence. A real process sleeps and is woken early
/// by signals (as C's sleep() is); a simulation moves its virtual clock forward instead.
/// </summary>
public interface ISleeper
{
    void Sleep(TimeSpan duration);
}

/// <summary>Sleeps on a wait handle that signal handlers set (<see cref="Wake"/>), so a signal ends the sleep.</summary>
public sealed class InterruptibleSleeper : ISleeper, IDisposable
{
    readonly AutoResetEvent _wake = new(false);

    public void Sleep(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero)
            _wake.WaitOne(duration);
    }

    /// <summary>Ends the current (or next) sleep at once.</summary>
    public void Wake() => _wake.Set();

    public void Dispose() => _wake.Dispose();
}
