namespace Nut.Drivers.Scanner;

/// <summary>
/// Runs one probe per target with at most <c>maxParallel</c> at a time (nut-scanner's -T) and returns what they found
/// in target order, so the output does not depend on which host answered first (NUT prints in completion order).
/// A probe that throws finds nothing: a scanner never stops because one host misbehaved.
/// </summary>
public static class ParallelProbe
{
    public static List<ScannedDevice> Run<T>(IEnumerable<T> targets, int maxParallel, Func<T, IReadOnlyList<ScannedDevice>> probe,
        Action<string>? debug = null)
    {
        var found = new List<(long Index, IReadOnlyList<ScannedDevice> Devices)>();
        using var slots = new SemaphoreSlim(Math.Max(1, maxParallel));
        var running = new List<Thread>();
        long index = 0;
        foreach (var target in targets)
        {
            long me = index++;
            slots.Wait();
            var t = new Thread(() =>
            {
                try
                {
                    var devices = probe(target);
                    if (devices.Count > 0)
                        lock (found)
                            found.Add((me, devices));
                }
                catch (Exception e)
                {
                    debug?.Invoke($"{target}: {e.Message}");
                }
                finally
                {
                    slots.Release();
                }
            }) { IsBackground = true, Name = "nut-scanner probe" };
            lock (running)
            {
                running.RemoveAll(r => !r.IsAlive);
                running.Add(t);
            }
            t.Start();
        }
        foreach (var t in running)
            t.Join();
        return [.. found.OrderBy(f => f.Index).SelectMany(f => f.Devices)];
    }
}
