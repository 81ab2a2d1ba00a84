using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nut.Core.Protocol;
using Nut.Web.Api;
using Nut.Web.Config;
using Nut.Web.History;
using Nut.Web.Watching;

namespace Nut.Web;

/// <summary>
/// upsweb: a NUT client that serves a live dashboard, a JSON API, Prometheus metrics and an MQTT bridge for the
/// UPSes it watches (docs/upsweb.md). It talks to upsd only as a client, so it works with NUT's upsd as well.
/// </summary>
public static class UpswebProgram
{
    public static int Run(string[] args)
    {
        var options = UpswebOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine("upsweb: " + error);
            Console.Error.Write(UpswebOptions.Usage);
            return 1;
        }
        if (options.Help)
        {
            Console.Out.Write(UpswebOptions.Usage);
            return 0;
        }
        var (settings, diagnostics) = options.Resolve();
        foreach (var d in diagnostics)
            Console.Error.WriteLine("upsweb: " + d);
        if (diagnostics.Any(d => d.IsError))
            return 1;
        if (options.Check)
        {
            Console.Out.WriteLine($"upsweb: configuration OK: {settings.Targets.Count} watch entries, listening on "
                + string.Join(", ", settings.EffectiveListen));
            return 0;
        }
        if (options.Import is { } file)
            return Import(settings, file, options.ImportFormat);
        return RunServerAsync(settings).GetAwaiter().GetResult();
    }

    static int Import(UpswebSettings settings, string file, string? format)
    {
        if (settings.Targets is not [{ UpsName: not null } target])
        {
            Console.Error.WriteLine("upsweb: --import needs exactly one --ups <ups>@<host>[:<port>]: the UPS the log belongs to");
            return 1;
        }
        try
        {
            using var store = HistoryStore.Open(settings.HistoryFile);
            using var stream = File.OpenRead(file);
            string id = UpsSnapshot.MakeId(target.UpsName, target.Server);
            var result = UpslogImporter.Import(store, id, stream, format);
            Console.Out.WriteLine($"upsweb: imported {result.Imported} samples of {id} from {file} into {settings.HistoryFile ?? "memory"}"
                + (result.Skipped > 0 ? $"; skipped {result.Skipped} lines" : ""));
            foreach (var skip in result.SkippedLines)
                Console.Out.WriteLine($"upsweb: {file}:{skip.Number}: skipped: {skip.Reason}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"upsweb: cannot import {file}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Runs until SIGTERM or SIGINT.</summary>
    public static async Task<int> RunServerAsync(UpswebSettings settings, Action<Uri[]>? started = null, CancellationToken stop = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, WebJson.Default));
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "upsweb";
            doc.Info.Description = "The JSON API of NutSharp's web dashboard: UPS state, history, events, commands. See docs/upsweb.md.";
            return Task.CompletedTask;
        }));
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var ep in settings.EffectiveListen)
                foreach (var ip in ep.Resolve())
                    k.Listen(ip, ep.Port);
        });

        HistoryStore history;
        try
        {
            history = HistoryStore.Open(settings.HistoryFile);
        }
        catch (Exception e) when (!settings.HistoryFileGiven && e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"upsweb: cannot open {settings.HistoryFile} ({e.Message}); keeping history in memory only (set HISTORY in upsweb.conf)");
            history = HistoryStore.Open(null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"upsweb: cannot open the history file {settings.HistoryFile}: {e.Message}");
            return 1;
        }

        using var _ = history;
        var registry = new UpsRegistry();
        var commands = new UpsCommands(settings.Watch);
        var sessions = new SessionStore(settings.SessionIdle);
        var info = new ServiceInfo(NutVersion.Release, 0, settings.HistoryFile is not null, settings.Mqtt.Enabled,
            settings.Watch.PollInterval.TotalSeconds);

        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine("upsweb: " + e.Message);
            return 1;
        }
        app.Use(async (http, next) =>
        {
            // A page of ours never needs another origin; say so, so an injected script could not phone home.
            http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(http);
        });
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("upsweb");
        var health = new Health.UpsHealthService(registry, history, settings.UpsmonConf, log);
        app.MapOpenApi();
        ApiRoutes.Map(app, new ApiRoutes.Services(registry, history, sessions, commands, health, info));
        StaticAssets.Map(app);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop, app.Lifetime.ApplicationStopping);
        var background = StartBackground(settings, registry, history, commands, log, cts.Token);
        background.Add(Task.Run(() => health.RunAsync(cts.Token), CancellationToken.None));
        try
        {
            await app.StartAsync(cts.Token);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("upsweb: cannot listen: " + e.Message);
            await cts.CancelAsync();
            await Task.WhenAll(background);
            return 1;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a)).ToArray() ?? [];
        foreach (var a in addresses)
            log.LogInformation("Listening on {Address}", a);
        log.LogInformation("Watching {Targets}", string.Join(", ", settings.Targets));
        started?.Invoke(addresses);
        try
        {
            await Task.Delay(Timeout.Infinite, cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        await Task.WhenAll(background);
        await app.DisposeAsync();
        return 0;
    }

    /// <summary>The pollers (one per UPS), the history recorder and the MQTT bridge.</summary>
    static List<Task> StartBackground(UpswebSettings settings, UpsRegistry registry, HistoryStore history, UpsCommands commands,
        ILogger log, CancellationToken ct)
    {
        var tasks = new List<Task>();
        foreach (var target in settings.Targets.Distinct())
        {
            if (target.UpsName is { } name)
            {
                var poller = new UpsPoller(name, target, registry, settings.Watch, log).Announce();
                tasks.Add(Task.Run(() => poller.RunAsync(ct), CancellationToken.None));
            }
            else
                tasks.Add(Task.Run(() => new ServerDiscovery(target, registry, settings.Watch, log).RunAsync(ct), CancellationToken.None));
        }
        if (settings.Mqtt.Enabled)
            tasks.Add(Task.Run(() => new Mqtt.MqttBridge(settings.Mqtt, settings.Targets, registry, commands, log).RunAsync(ct), CancellationToken.None));
        tasks.Add(Task.Run(() => new HistoryRecorder(registry, history, settings.HistoryInterval, settings.HistoryDays, log).RunAsync(ct), CancellationToken.None));
        return tasks;
    }
}
