using System.Threading.Channels;
using Nut.Core.Config;
using Nut.Monitor.Common;
using Nut.Monitor.Upsmon;

namespace Nut.Monitor.Channels;

/// <summary>
/// Delivers upsmon's notifications to its NOTIFYCHANNELs without ever making upsmon wait: <see cref="Post"/>
/// only queues. Each channel has its own queue and worker, so a dead or slow channel delays nobody else —
/// least of all the shutdown. A failed send is retried (<see cref="RetryDelays"/>), then logged and dropped.
/// </summary>
public sealed class NotificationDispatcher : IDisposable
{
    /// <summary>Waits between attempts: three tries in all.</summary>
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];
    /// <summary>One attempt may take this long (connect, TLS, reply) before it counts as failed.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);
    /// <summary>Notifications waiting for one channel; beyond this the oldest is dropped (and that is logged).</summary>
    public const int QueueLimit = 256;

    readonly UpsmonConf _conf;
    readonly IMonitorLog _log;
    readonly HttpClient _http;
    readonly Dictionary<string, (NotificationChannel Channel, Channel<ChannelMessage> Queue, Task Worker)> _channels = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stop = new();
    readonly string _host = Environment.MachineName;

    readonly TimeSpan[] _retryDelays;

    public NotificationDispatcher(UpsmonConf conf, IMonitorLog log, TimeSpan[]? retryDelays = null)
    {
        _conf = conf;
        _log = log;
        _retryDelays = retryDelays ?? RetryDelays;
        _http = new HttpClient { Timeout = AttemptTimeout };
        foreach (var spec in conf.Channels)
        {
            var channel = NotificationChannel.Create(spec, _http);
            var queue = Channel.CreateBounded<ChannelMessage>(new BoundedChannelOptions(QueueLimit)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            }, dropped => _log.Log(MonitorLogLevel.Warning, $"notify channel {spec.Name}: queue full, dropped {dropped.Type} {dropped.Ups}"));
            _channels[spec.Name] = (channel, queue, Task.Run(() => Work(channel, queue.Reader)));
        }
    }

    public bool Any => _channels.Count > 0;

    /// <summary>Queues a notification for the channels its type is routed to; never blocks.</summary>
    public void Post(Notification n)
    {
        if ((n.Flags & NotifyFlags.Ignore) != 0)
            return;
        var message = new ChannelMessage(n.Type, n.Ups, n.Message, _host, DateTimeOffset.UtcNow);
        foreach (var name in _conf.ChannelsFor(n.Type))
            if (_channels.TryGetValue(name, out var c))
                c.Queue.Writer.TryWrite(message);
    }

    async Task Work(NotificationChannel channel, ChannelReader<ChannelMessage> queue)
    {
        try
        {
            await foreach (var message in queue.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                await Deliver(channel, message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    async Task Deliver(NotificationChannel channel, ChannelMessage message)
    {
        for (int attempt = 0; ; attempt++)
        {
            string? failure = await TrySend(channel, message, _stop.Token).ConfigureAwait(false);
            if (failure is null)
            {
                _log.Debug(1, $"notify channel {channel.Name}: sent {message.Type}");
                return;
            }
            bool last = attempt >= _retryDelays.Length;
            _log.Log(MonitorLogLevel.Error, $"notify channel {channel.Name} ({channel.Kind.ToString().ToLowerInvariant()}): {message.Type} not sent (attempt {attempt + 1} of {_retryDelays.Length + 1}): {failure}");
            if (last)
                return;
            await Task.Delay(_retryDelays[attempt], _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>One attempt; null on success, else why it failed.</summary>
    public static async Task<string?> TrySend(NotificationChannel channel, ChannelMessage message, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            await channel.SendAsync(message, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {AttemptTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.Mail.SmtpException or IOException
            or System.Net.Sockets.SocketException or InvalidOperationException or FormatException)
        {
            return e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
        }
    }

    /// <summary>For <c>upsmon -c test</c>: one message through every channel now; the failures by channel name.</summary>
    public async Task<List<(string Channel, string? Failure)>> TestAsync(CancellationToken ct)
    {
        var message = new ChannelMessage("TEST", null, "Test notification from upsmon: this channel works", _host, DateTimeOffset.UtcNow);
        var results = new List<(string, string?)>();
        foreach (var (name, c) in _channels)
            results.Add((name, await TrySend(c.Channel, message, ct).ConfigureAwait(false)));
        return results;
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var c in _channels.Values)
            c.Queue.Writer.TryComplete();
        _http.Dispose();
    }
}
