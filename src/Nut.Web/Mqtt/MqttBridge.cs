using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Nut.Web.Config;
using Nut.Web.Watching;

namespace Nut.Web.Mqtt;

/// <summary>
/// Publishes every watched UPS to an MQTT broker (docs/upsweb-mqtt.md): retained state and per-variable topics,
/// Home Assistant discovery, an availability topic with a last will, and optionally instant commands.
/// The broker is optional equipment: while it is down this keeps retrying in the background, says so once per
/// outage, and the dashboard, API and history carry on untouched.
/// </summary>
public sealed class MqttBridge
{
    static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1), MaxRetry = TimeSpan.FromSeconds(30);
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10), KeepAlive = TimeSpan.FromSeconds(30);
    // A lost connection is normally reported by the client at once; this catches one it missed.
    static readonly TimeSpan ConnectionCheck = TimeSpan.FromSeconds(5);
    static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(2);
    // Commands wait here while one runs (each may wait seconds for the driver); beyond this they are refused.
    const int CommandQueue = 16;

    readonly MqttSettings _settings;
    readonly UpsRegistry _registry;
    readonly MqttCommandRunner _runner;
    readonly ILogger _log;
    readonly TimeProvider _time;
    readonly RetainedTopics _retained;
    readonly Channel<(string Segment, string Payload)> _commands =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(CommandQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    volatile TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    string? _lostReason;
    Task<bool>? _pendingWait;

    public MqttBridge(MqttSettings settings, IReadOnlyList<WatchTarget> targets, UpsRegistry registry, UpsCommands commands,
        ILogger log, TimeProvider? time = null)
    {
        _settings = settings;
        _registry = registry;
        _runner = new MqttCommandRunner(targets, commands, log);
        _log = log;
        _time = time ?? TimeProvider.System;
        _retained = new RetainedTopics(settings.TopicPrefix, settings.DiscoveryPrefix);
    }

    string Broker => (_settings.Host!.Contains(':') ? $"[{_settings.Host}]" : _settings.Host) + ":" + _settings.Port;
    string Prefix => _settings.TopicPrefix;

    /// <summary>Runs until <paramref name="ct"/> is cancelled; never throws for a broker's sake.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var listener = _registry.Listen();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                _lostReason = e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString();
                _lost.TrySetResult();
            }
            return Task.CompletedTask;
        };
        var commandLoop = _settings.AcceptCommands ? Task.Run(() => RunCommandsAsync(ct), CancellationToken.None) : Task.CompletedTask;
        var retry = FirstRetry;
        DateTimeOffset? outageSince = null;
        bool everConnected = false;
        while (!ct.IsCancellationRequested)
        {
            bool connected = false;
            string reason;
            try
            {
                _lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _lostReason = null;
                await _client.ConnectAsync(ConnectOptions(), ct);
                connected = true;
                if (outageSince is { } since)
                    _log.LogInformation(everConnected ? "MQTT: connected to {Broker} again after {Seconds:0} s" : "MQTT: connected to {Broker} after {Seconds:0} s of retrying",
                        Broker, (_time.GetUtcNow() - since).TotalSeconds);
                else
                    _log.LogInformation("MQTT: connected to {Broker}", Broker);
                outageSince = null;
                everConnected = true;
                retry = FirstRetry;
                await ServeAsync(listener.Reader, ct);
                reason = _lostReason ?? "the connection closed";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                reason = Describe(e);
            }
            if (ct.IsCancellationRequested)
                break;
            if (outageSince is null)
            {
                outageSince = _time.GetUtcNow();
                if (connected)
                    _log.LogWarning("MQTT: lost the connection to {Broker} ({Reason}); reconnecting in the background", Broker, reason);
                else
                    _log.LogWarning("MQTT: cannot connect to {Broker}: {Reason}; retrying in the background (said once until it works)", Broker, reason);
            }
            try
            {
                await Task.Delay(retry, _time, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
        }
        _commands.Writer.TryComplete();
        await commandLoop;
        await SayGoodbyeAsync();
        _client.Dispose();
    }

    MqttClientOptions ConnectOptions()
    {
        var b = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.Port)
            .WithClientId(_settings.ClientId)
            .WithCleanSession(true)
            .WithTimeout(ConnectTimeout)
            .WithKeepAlivePeriod(KeepAlive)
            // The broker publishes this for us when we vanish without saying goodbye (crash, network loss).
            .WithWillTopic(MqttTopics.Availability(Prefix))
            .WithWillPayload("offline")
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_settings.User is not null)
            b = b.WithCredentials(_settings.User, _settings.Password ?? "");
        return b.Build();
    }

    /// <summary>One connection's life: everything once, then each change, until the connection is lost.</summary>
    async Task ServeAsync(ChannelReader<UpsChange> changes, CancellationToken ct)
    {
        _retained.Reconnected();
        await PublishAsync(MqttTopics.Availability(Prefix), "online", retain: true, ct);
        if (_settings.AcceptCommands)
            await _client.SubscribeAsync(MqttTopics.CommandFilter(Prefix), MqttQualityOfServiceLevel.AtLeastOnce, ct);
        // Whatever queued while we were away is superseded by the registry's current snapshots.
        while (changes.TryRead(out _))
        {
        }
        await PublishUpsesAsync(_registry.All, ct);
        while (true)
        {
            _pendingWait ??= changes.WaitToReadAsync(ct).AsTask();
            Task done;
            using (var checkCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var check = Task.Delay(ConnectionCheck, _time, checkCts.Token);
                done = await Task.WhenAny(_pendingWait, _lost.Task, check);
                await checkCts.CancelAsync();
                if (done == check && !ct.IsCancellationRequested)
                {
                    if (!_client.IsConnected)
                        return;
                    continue;
                }
            }
            if (done == _lost.Task)
                return;
            var ready = _pendingWait;
            _pendingWait = null;
            if (!await ready)
                return;
            // Only the latest snapshot of each UPS matters.
            var batch = new Dictionary<string, UpsSnapshot>(StringComparer.Ordinal);
            while (changes.TryRead(out var change))
                if (change.ValuesChanged)
                    batch[change.Snapshot.Id] = change.Snapshot;
            if (batch.Count > 0)
                await PublishUpsesAsync(batch.Values, ct);
        }
    }

    async Task PublishUpsesAsync(IEnumerable<UpsSnapshot> upses, CancellationToken ct)
    {
        var segments = MqttTopics.Assign(_registry.All);
        var todo = upses.ToDictionary(u => u.Id, StringComparer.Ordinal);
        foreach (var id in _retained.Moved(segments))
            if (!todo.ContainsKey(id) && _registry.Find(id) is { } moved)
                todo[id] = moved;
        foreach (var s in todo.Values)
        {
            string segment = segments.TryGetValue(s.Id, out var seg) ? seg : MqttTopics.Segment(s.Name);
            var (discovery, state) = _retained.Changes(s, segment);
            // Concurrently within a group: over a distant broker, one round trip per variable would add up.
            await Task.WhenAll(discovery.Select(m => PublishAsync(m.Topic, m.Payload, retain: true, ct)));
            await Task.WhenAll(state.Select(m => PublishAsync(m.Topic, m.Payload, retain: true, ct)));
        }
    }

    Task PublishAsync(string topic, string payload, bool retain, CancellationToken ct) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), ct);

    Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        if (MqttTopics.SegmentOfCommand(Prefix, message.Topic) is not { } segment)
            return Task.CompletedTask;
        if (message.Retain)
        {
            // A retained command would run again at every reconnect of ours: a load.off on each broker restart.
            _log.LogWarning("MQTT: ignoring a retained message on {Topic}: publish commands without the retain flag", message.Topic);
            return Task.CompletedTask;
        }
        if (message.Payload.Length > MqttCommandRunner.MaxPayload)
        {
            _log.LogWarning("MQTT: ignoring {Bytes} bytes on {Topic}: not a command", message.Payload.Length, message.Topic);
            return Task.CompletedTask;
        }
        if (!_commands.Writer.TryWrite((segment, message.ConvertPayloadToString() ?? "")))
            _log.LogWarning("MQTT: {Count} commands already waiting; ignoring the one on {Topic}", CommandQueue, message.Topic);
        return Task.CompletedTask;
    }

    async Task RunCommandsAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (segment, payload) in _commands.Reader.ReadAllAsync(ct))
            {
                var segments = MqttTopics.Assign(_registry.All);
                string? id = segments.FirstOrDefault(kv => kv.Value == segment).Key;
                var ups = id is null ? null : _registry.Find(id);
                var result = await _runner.RunAsync(ups, segment, payload, ct);
                try
                {
                    await PublishAsync(MqttTopics.CommandResult(Prefix, segment),
                        System.Text.Json.JsonSerializer.Serialize(result, MqttJson.Readable.MqttCommandResult), retain: false, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogWarning("MQTT: cannot publish the result of {Command} on {Ups}: {Reason}", result.Command, result.Ups, Describe(e));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>On a clean stop: "offline" ourselves (a clean disconnect does not fire the will), briefly.</summary>
    async Task SayGoodbyeAsync()
    {
        if (!_client.IsConnected)
            return;
        using var timeout = new CancellationTokenSource(GoodbyeTimeout);
        try
        {
            await PublishAsync(MqttTopics.Availability(Prefix), "offline", retain: true, timeout.Token);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }
        catch (Exception e)
        {
            _log.LogDebug("MQTT: no clean goodbye: {Reason}", Describe(e));
        }
    }

    static string Describe(Exception e) =>
        e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message;
}
