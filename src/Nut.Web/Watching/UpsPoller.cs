using Microsoft.Extensions.Logging;
using Nut.Client;
using Nut.Core.Protocol;

namespace Nut.Web.Watching;

/// <summary>
/// Watches one UPS: keeps a connection to its upsd, reads LIST VAR every poll interval and publishes a snapshot
/// to the registry. An ERR from upsd (stale data, no driver, unknown UPS) is a state of the UPS, shown as such,
/// and the connection stays; a broken connection is "unreachable" and is retried with a growing pause. Each UPS
/// has its own connection so one slow reply (NUT's upsd stalls ~40 ms on every multi-line reply) never delays
/// the others.
/// </summary>
public sealed class UpsPoller(string upsName, WatchTarget target, UpsRegistry registry, WatchSettings settings, ILogger log)
{
    public string Id { get; } = UpsSnapshot.MakeId(upsName, target.Server);

    DateTimeOffset? _lastGood;

    /// <summary>Puts the UPS on the list ("connecting") before the first poll, so lists keep the watch order.</summary>
    public UpsPoller Announce()
    {
        if (registry.Find(Id) is null)
            registry.Publish(Snapshot(UpsReachability.Connecting, null, Empty));
        return this;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        Announce();
        var retry = settings.PollInterval;
        while (!ct.IsCancellationRequested)
        {
            NutClient? client = null;
            try
            {
                client = await NutClient.ConnectAsync(target.Host, target.Port, tryTls: settings.TryTls, timeout: settings.Timeout, ct: ct);
                client.Connection.Timeout = settings.Timeout;
                retry = settings.PollInterval;
                await PollConnectedAsync(client, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NutClientException or IOException or TimeoutException or OperationCanceledException
                or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                string reason = e is OperationCanceledException or TimeoutException ? "no answer within " + settings.Timeout.TotalSeconds + " s" : e.Message;
                var previous = registry.Find(Id);
                if (previous?.Reachability != UpsReachability.Unreachable)
                    log.LogWarning("{Ups}: cannot read from upsd at {Server}: {Reason}", Id, target.Server, reason);
                registry.Publish(Snapshot(UpsReachability.Unreachable, reason, Empty));
            }
            finally
            {
                if (client is not null)
                    await client.DisposeAsync();
            }
            try
            {
                await Task.Delay(retry, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, settings.MaxRetryInterval.Ticks));
        }
    }

    async Task PollConnectedAsync(NutClient client, CancellationToken ct)
    {
        bool needDetails = true;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            try
            {
                var list = await client.ListVariablesAsync(upsName, ct);
                var vars = new Dictionary<string, string>(list.Count, StringComparer.Ordinal);
                foreach (var (k, v) in list)
                    vars[k] = v;
                _lastGood = now;
                registry.Publish(Snapshot(UpsReachability.Ok, null, vars));
                if (needDetails)
                {
                    // A driver that comes back may bring other commands: read them again after every gap.
                    registry.SetDetails(Id, await UpsDetailsReader.ReadAsync(client, upsName, vars, ct));
                    needDetails = false;
                }
            }
            catch (NutClientException e) when (e.Error is NutError.DataStale or NutError.DriverNotConnected or NutError.UnknownUps)
            {
                var state = e.Error switch
                {
                    NutError.DataStale => UpsReachability.Stale,
                    NutError.DriverNotConnected => UpsReachability.DriverNotConnected,
                    _ => UpsReachability.UnknownUps,
                };
                var previous = registry.Find(Id);
                if (previous?.Reachability != state)
                    log.LogWarning("{Ups}: {Reason}", Id, e.Message);
                registry.Publish(Snapshot(state, e.Message, Empty));
                needDetails = true;
            }
            await Task.Delay(settings.PollInterval, ct);
        }
    }

    static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    UpsSnapshot Snapshot(UpsReachability reachability, string? problem, IReadOnlyDictionary<string, string> vars) =>
        new(Id, upsName, target.Server, reachability, problem, vars, DateTimeOffset.UtcNow, _lastGood);
}
