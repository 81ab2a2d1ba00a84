using Nut.Monitor.Common;

namespace Nut.Monitor.Upsmon;

/// <summary>NUT's main loop around the state machine: a pass, then sleep, until shutdown or told to stop.</summary>
public static class MonitorLoop
{
    /// <summary>
    /// Runs passes until the engine has finished or <paramref name="stop"/> says so (checked before each pass
    /// and after each sleep). A POLLFREQ of 0 is taken as 1 s: NUT would poll upsd in a busy loop.
    /// </summary>
    public static void Run(MonitorEngine engine, ISleeper sleeper, Func<bool> stop)
    {
        while (!stop() && !engine.Finished)
        {
            engine.RunIteration();
            if (engine.Finished || stop())
                return;
            sleeper.Sleep(TimeSpan.FromSeconds(Math.Max(1, engine.SleepSeconds)));
        }
    }
}
