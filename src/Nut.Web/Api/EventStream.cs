using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Nut.Web.Watching;

namespace Nut.Web.Api;

/// <summary>
/// The live stream (Server-Sent Events) behind the dashboard: every UPS at once when a page connects, then
/// each UPS whose values changed (<c>event: ups</c>), each event-log line (<c>event: log</c>), and every few
/// seconds all UPSes again so a page can tell "nothing changed" from "nothing arrives".
/// </summary>
public static class EventStream
{
    static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    public static async Task ServeAsync(HttpContext http, UpsRegistry registry)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx buffer responses unless told not to; a buffered stream is not live.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var listener = registry.Listen();
        var body = http.Response.Body;
        await WriteAsync(body, "retry: 2000\n\n", ct);
        await SendAllAsync(body, registry, ct);
        var nextRefresh = DateTime.UtcNow + Refresh;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var left = nextRefresh - DateTime.UtcNow;
                wait.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                try
                {
                    if (await listener.Reader.WaitToReadAsync(wait.Token))
                    {
                        var sb = new StringBuilder();
                        while (listener.Reader.TryRead(out var change))
                        {
                            foreach (var e in change.Events)
                                Append(sb, "log", JsonSerializer.Serialize(new StreamEvent(e.UpsId, e.Time.ToUnixTimeMilliseconds(), e.Kind, e.Text,
                                    e.Severity.ToString().ToLowerInvariant()), WebJson.Default.StreamEvent));
                            if (change.ValuesChanged)
                                Append(sb, "ups", JsonSerializer.Serialize(UpsSummary.From(change.Snapshot, registry.Details(change.Snapshot.Id)), WebJson.Default.UpsSummary));
                        }
                        if (sb.Length > 0)
                            await WriteAsync(body, sb.ToString(), ct);
                    }
                    else
                        break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await SendAllAsync(body, registry, ct);
                    nextRefresh = DateTime.UtcNow + Refresh;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The browser went away.
        }
    }

    static Task SendAllAsync(Stream body, UpsRegistry registry, CancellationToken ct)
    {
        var sb = new StringBuilder();
        foreach (var s in registry.All)
            Append(sb, "ups", JsonSerializer.Serialize(UpsSummary.From(s, registry.Details(s.Id)), WebJson.Default.UpsSummary));
        return WriteAsync(body, sb.Length > 0 ? sb.ToString() : ": nothing watched yet\n\n", ct);
    }

    static void Append(StringBuilder sb, string eventName, string json) =>
        sb.Append("event: ").Append(eventName).Append("\ndata: ").Append(json).Append("\n\n");

    static async Task WriteAsync(Stream body, string text, CancellationToken ct)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await body.FlushAsync(ct);
    }
}
