using Nut.Web.Watching;

namespace Nut.Web.Mqtt;

/// <summary>A retained message to send; an empty payload deletes the topic's retained message.</summary>
public readonly record struct RetainedMessage(string Topic, string Payload);

/// <summary>
/// Decides which retained messages a new snapshot needs, remembering what the broker already holds, so that a
/// poll that changes one variable sends the state and that variable, not a hundred topics. No I/O: the bridge
/// sends what this returns (and a test can look at it).
/// </summary>
public sealed class RetainedTopics(string prefix, string? discoveryPrefix)
{
    /// <summary>What this connection has published per retained topic. Cleared on reconnect: a broker that
    /// restarted without persistence holds nothing, so everything goes again.</summary>
    readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);

    /// <summary>Per UPS id: its topic segment and the variables it has topics for. Kept across reconnects, so a
    /// variable that vanished while we were away still has its retained message deleted.</summary>
    readonly Dictionary<string, (string Segment, HashSet<string> Variables)> _upses = new(StringComparer.Ordinal);

    public void Reconnected() => _sent.Clear();

    /// <summary>The UPS ids whose segment is no longer <paramref name="segments"/>' (a second UPS with the same
    /// name appeared or went): they must be published again under their new topics.</summary>
    public IEnumerable<string> Moved(IReadOnlyDictionary<string, string> segments) =>
        _upses.Where(u => segments.TryGetValue(u.Key, out var seg) && seg != u.Value.Segment).Select(u => u.Key).ToList();

    /// <summary>Discovery configs first (Home Assistant must know an entity before its state means anything),
    /// then the state and variable topics; each list holds only what differs from what the broker has.</summary>
    public (List<RetainedMessage> Discovery, List<RetainedMessage> State) Changes(UpsSnapshot s, string segment)
    {
        var discovery = new List<RetainedMessage>();
        var state = new List<RetainedMessage>();
        if (!_upses.TryGetValue(s.Id, out var known))
            known = (segment, new HashSet<string>(StringComparer.Ordinal));
        if (known.Segment != segment)
        {
            // Clear the old topics, or subscribers would keep seeing the old name's last values forever.
            Add(state, MqttTopics.State(prefix, known.Segment), "");
            foreach (var v in known.Variables)
                Add(state, MqttTopics.Variable(prefix, known.Segment, v), "");
            known = (segment, new HashSet<string>(StringComparer.Ordinal));
        }
        _upses[s.Id] = known;

        if (discoveryPrefix is not null)
            foreach (var (topic, payload) in HomeAssistantDiscovery.Build(s, segment, prefix, discoveryPrefix))
                Add(discovery, topic, payload);
        Add(state, MqttTopics.State(prefix, segment), MqttStatePayload.Build(s));
        // While the UPS cannot be read its variables are unknown, not gone: leave their last values in place
        // (the state topic says why they are old).
        if (s.Reachability != UpsReachability.Ok)
            return (discovery, state);
        foreach (var (name, value) in s.Variables)
        {
            if (MqttTopics.ReservedLeaves.Contains(name))
                continue;
            known.Variables.Add(name);
            Add(state, MqttTopics.Variable(prefix, segment, name), value);
        }
        foreach (var gone in known.Variables.Where(v => !s.Variables.ContainsKey(v)).ToList())
        {
            known.Variables.Remove(gone);
            Add(state, MqttTopics.Variable(prefix, segment, gone), "");
        }
        return (discovery, state);
    }

    void Add(List<RetainedMessage> list, string topic, string payload)
    {
        if (_sent.TryGetValue(topic, out var sent) && sent == payload)
            return;
        _sent[topic] = payload;
        list.Add(new RetainedMessage(topic, payload));
    }
}
