using System.Diagnostics;

namespace Nut.Drivers.Snmp;

/// <summary>What we know of the agent's (authoritative) engine: its ID, boots and time, and when we learnt the time,
/// so the time we send can be estimated as RFC 3414 2.3 wants.</summary>
public sealed class UsmEngine(byte[] id, int boots, int time)
{
    long _syncedAt = Stopwatch.GetTimestamp();

    public byte[] Id { get; } = id;
    public int Boots { get; private set; } = boots;
    int _time = time;

    public int EstimatedTime => (int)Math.Min(int.MaxValue, _time + Stopwatch.GetElapsedTime(_syncedAt).TotalSeconds);

    public void Sync(int boots, int time)
    {
        Boots = boots;
        _time = time;
        _syncedAt = Stopwatch.GetTimestamp();
    }
}
