using Nut.Core.Protocol;

namespace Nut.Server;

/// <summary>
/// One UPS that upsd serves (a ups.conf section): its driver link, the data last published by it, the FSD
/// latch and the count of upsmon logins. Client sessions read it concurrently.
/// </summary>
public sealed class UpsEntry
{
    int _numLogins;

    public UpsEntry(string name, string driver, string port, string? desc)
    {
        Name = name;
        Driver = driver;
        Port = port;
        Desc = desc;
    }

    public string Name { get; }
    public string Driver { get; }
    public string Port { get; }
    public string? Desc { get; set; }

    /// <summary>The driver's socket name, relative to the state path: &lt;driver&gt;-&lt;ups&gt;.</summary>
    public string SocketName => $"{Driver}-{Name}";

    /// <summary>The current data; replaced whole by the driver link.</summary>
    public volatile UpsSnapshot Data = UpsSnapshot.Empty;

    /// <summary>The FSD latch: set by a primary's FSD, cleared only by a restart (or removal on reload).</summary>
    public volatile bool Fsd;

    public DriverLink? Link { get; set; }

    public int NumLogins => Volatile.Read(ref _numLogins);
    public void AddLogin() => Interlocked.Increment(ref _numLogins);
    public void RemoveLogin() => Interlocked.Decrement(ref _numLogins);

    /// <summary>NUT's availability check: null when the data may be served, else the error.</summary>
    public NutError? Availability()
    {
        var link = Link;
        if (link is null || !link.Connected)
            return NutError.DriverNotConnected;
        return link.IsStale() ? NutError.DataStale : null;
    }
}
