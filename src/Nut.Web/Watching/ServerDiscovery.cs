using Microsoft.Extensions.Logging;
using Nut.Client;

namespace Nut.Web.Watching;

/// <summary>
/// A <c>*@host</c> watch: asks the server for its UPSes (LIST UPS) and runs a poller for each, again every
/// discovery interval so a UPS added to ups.conf appears and a removed one goes.
/// </summary>
public sealed class ServerDiscovery(WatchTarget target, UpsRegistry registry, WatchSettings settings, ILogger log)
{
    readonly Dictionary<string, (CancellationTokenSource Stop, Task Run)> _pollers = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken ct)
    {
        bool warned = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var client = await NutClient.ConnectAsync(target.Host, target.Port, tryTls: settings.TryTls, timeout: settings.Timeout, ct: ct);
                client.Connection.Timeout = settings.Timeout;
                var names = (await client.ListUpsAsync(ct)).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var name in names.Order(StringComparer.Ordinal).Where(n => !_pollers.ContainsKey(n)))
                {
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    var poller = new UpsPoller(name, target, registry, settings, log).Announce();
                    _pollers[name] = (stop, Task.Run(() => poller.RunAsync(stop.Token), CancellationToken.None));
                }
                foreach (var name in _pollers.Keys.Where(n => !names.Contains(n)).ToList())
                {
                    log.LogInformation("{Server} no longer lists {Ups}", target.Server, name);
                    await _pollers[name].Stop.CancelAsync();
                    await _pollers[name].Run;
                    _pollers.Remove(name);
                    registry.Remove(UpsSnapshot.MakeId(name, target.Server));
                }
                warned = false;
                await Task.Delay(settings.DiscoveryInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NutClientException or IOException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // The pollers of UPSes we already know say "unreachable" themselves; keep asking for the list.
                if (!warned)
                    log.LogWarning("{Server}: cannot list its UPSes: {Reason}", target.Server, e.Message);
                warned = true;
                try { await Task.Delay(settings.MaxRetryInterval, ct); } catch (OperationCanceledException) { break; }
            }
        }
        foreach (var (stop, run) in _pollers.Values)
        {
            await stop.CancelAsync();
            await run;
        }
    }
}
