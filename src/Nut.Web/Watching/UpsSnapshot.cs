namespace Nut.Web.Watching;

/// <summary>Whether we can read a UPS, and if not, why (each is shown differently).</summary>
public enum UpsReachability
{
    /// <summary>Not polled yet.</summary>
    Connecting,
    Ok,
    /// <summary>upsd answers, but says its data is stale (ERR DATA-STALE).</summary>
    Stale,
    /// <summary>upsd has no connection to the driver (ERR DRIVER-NOT-CONNECTED).</summary>
    DriverNotConnected,
    /// <summary>upsd does not know this UPS name (ERR UNKNOWN-UPS).</summary>
    UnknownUps,
    /// <summary>No connection to upsd.</summary>
    Unreachable,
}

/// <summary>
/// What we last read of one UPS. Immutable: a poll builds a new one and the registry swaps it in, so readers
/// (the API, SSE streams, metrics, MQTT) never see half an update and never take a lock.
/// </summary>
public sealed class UpsSnapshot
{
    public UpsSnapshot(string id, string name, string server, UpsReachability reachability, string? problem,
        IReadOnlyDictionary<string, string> variables, DateTimeOffset polled, DateTimeOffset? lastGood)
    {
        Id = id;
        Name = name;
        Server = server;
        Reachability = reachability;
        Problem = problem;
        Variables = variables;
        Polled = polled;
        LastGood = lastGood;
        Flags = reachability == UpsReachability.Ok && variables.TryGetValue("ups.status", out var s) ? UpsStatus.Flags(s) : [];
        (Headline, Severity) = UpsStatus.Describe(reachability, Flags);
    }

    /// <summary><c>name@host:port</c>: unique across servers, and what the API's URLs carry.</summary>
    public string Id { get; }
    public string Name { get; }
    public string Server { get; }
    public UpsReachability Reachability { get; }
    /// <summary>Why it cannot be read, in words (the error from upsd or the socket); null when it can.</summary>
    public string? Problem { get; }
    /// <summary>Every variable as LIST VAR gave it, in upsd's order. Empty while unreadable.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }
    public DateTimeOffset Polled { get; }
    /// <summary>When the data was last read successfully (null: never).</summary>
    public DateTimeOffset? LastGood { get; }
    public string[] Flags { get; }
    public string Headline { get; }
    public Severity Severity { get; }

    public bool OnBattery => Flags.Contains("OB");

    public string? Get(string name) => Variables.TryGetValue(name, out var v) ? v : null;

    /// <summary>A variable as a number, if it is one (NUT sends numbers as text; "n/a" and empty are not).</summary>
    public double? Number(string name) => NumberOf(Get(name));

    public static double? NumberOf(string? text) => Nut.Tools.Plot.UpslogData.ParseNumber(text);

    /// <summary>The temperature a dashboard shows: the UPS's, else the battery's.</summary>
    public double? Temperature => Number("ups.temperature") ?? Number("battery.temperature");

    /// <summary>True when <paramref name="other"/> says the same (poll time aside).</summary>
    public bool SameValues(UpsSnapshot other)
    {
        if (other.Reachability != Reachability || other.Problem != Problem || other.Variables.Count != Variables.Count)
            return false;
        foreach (var (k, v) in Variables)
            if (!other.Variables.TryGetValue(k, out var o) || o != v)
                return false;
        return true;
    }

    public static string MakeId(string name, string server) => name + "@" + server;
}
