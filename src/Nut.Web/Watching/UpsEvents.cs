namespace Nut.Web.Watching;

/// <summary>The event-log lines between two snapshots of a UPS: reachability lost or regained, flags that
/// came and went.</summary>
public static class UpsEvents
{
    public static IReadOnlyList<UpsEvent> Between(UpsSnapshot? before, UpsSnapshot after)
    {
        var events = new List<UpsEvent>();
        var time = after.Polled;
        if (after.Reachability == UpsReachability.Connecting)
            return events;
        // The first reading after start-up is not "restored": there was nothing before it.
        if (before?.Reachability == UpsReachability.Connecting)
            before = null;
        bool reachabilityChanged = before is null ? after.Reachability != UpsReachability.Ok : before.Reachability != after.Reachability;
        if (reachabilityChanged)
        {
            string text = after.Reachability == UpsReachability.Ok
                ? "Communication restored"
                : after.Headline + (after.Problem is { } p ? ": " + p : "");
            events.Add(new UpsEvent(after.Id, time, "communication", text,
                after.Reachability == UpsReachability.Ok ? Severity.Ok : Severity.Unknown));
        }
        if (after.Reachability != UpsReachability.Ok)
            return events;
        // After a gap there is no trustworthy "before": report the whole status again.
        string[] old = before is { Reachability: UpsReachability.Ok } ? before.Flags : [];
        var gone = old.Where(f => !after.Flags.Contains(f)).ToList();
        var came = after.Flags.Where(f => !old.Contains(f)).ToList();
        if (gone.Count == 0 && came.Count == 0)
            return events;
        var parts = new List<string>();
        if (came.Count > 0)
            parts.Add(string.Join(", ", UpsStatus.Words(came)));
        if (gone.Count > 0)
            parts.Add("no longer " + string.Join(", ", UpsStatus.Words(gone)));
        string line = string.Join("; ", parts) + " (" + string.Join(' ', after.Flags) + ")";
        events.Add(new UpsEvent(after.Id, time, "status", char.ToUpperInvariant(line[0]) + line[1..], after.Severity));
        return events;
    }
}
