using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nut.Web.History;
using Nut.Web.Metrics;
using Nut.Web.Watching;

namespace Nut.Web.Api;

/// <summary>
/// The JSON API (documented at /openapi/v1.json and in docs/upsweb.md), /metrics and the live stream. A UPS is
/// named by its id, <c>name@host:port</c>, or by its bare name when only one watched UPS has it.
/// </summary>
public static class ApiRoutes
{
    const int DefaultPoints = 600;
    const int MaxEvents = 1000;

    public sealed record Services(UpsRegistry Registry, HistoryStore History, SessionStore Sessions, UpsCommands Commands,
        Health.UpsHealthService Health, ServiceInfo Info);

    public static void Map(WebApplication app, Services s)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/", () => TypedResults.Ok(s.Info with { Ups = s.Registry.All.Count }))
            .WithSummary("What this upsweb is: version, number of UPSes watched, whether history and MQTT are on.");

        api.MapGet("/ups", () => TypedResults.Ok(s.Registry.All.Select(u => UpsSummary.From(u, s.Registry.Details(u.Id))).ToList()))
            .WithSummary("Every watched UPS at a glance.");

        api.MapGet("/ups/{id}", IResult (string id) =>
                Find(s.Registry, id) is { } u ? TypedResults.Ok(UpsDetail.From(u, s.Registry.Details(u.Id))) : NotFound(id))
            .WithSummary("One UPS: every variable, its instant commands and writable variables, its configuration.")
            .Produces<UpsDetail>().Produces<ApiError>(404);

        api.MapGet("/ups/{id}/history", IResult (string id, long? from, long? to, int? points) =>
            {
                if (Find(s.Registry, id) is not { } u)
                    return NotFound(id);
                long end = to ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                long start = from ?? end - 3600_000;
                if (start >= end)
                    return TypedResults.BadRequest(new ApiError("INVALID-RANGE", "'from' must be before 'to' (Unix milliseconds)"));
                return TypedResults.Ok(s.History.Series(u.Id, start, end, points ?? DefaultPoints));
            })
            .WithSummary("History for the graphs between two times in Unix milliseconds (default: the last hour), averaged into about 'points' buckets, with the on-battery periods.")
            .Produces<HistorySeries>().Produces<ApiError>(404).Produces<ApiError>(400);

        api.MapGet("/ups/{id}/events", IResult (string id, int? limit) =>
                Find(s.Registry, id) is { } u
                    ? TypedResults.Ok(s.History.Events(u.Id, Math.Clamp(limit ?? 100, 1, MaxEvents)).Select(EventEntry.From).ToList())
                    : NotFound(id))
            .WithSummary("The event log of a UPS (status changes, communication lost and restored), newest first.")
            .Produces<List<EventEntry>>().Produces<ApiError>(404);

        // Two parameters make this a route handler (described in the OpenAPI document), not a bare RequestDelegate.
        api.MapGet("/ups/{id}/health", IResult (string id) =>
                Find(s.Registry, id) is { } u ? TypedResults.Ok(s.Health.Get(u.Id)) : NotFound(id))
            .WithSummary("Battery health from the history: each discharge, the real runtime of a full battery at a load, capacity fade, the estimate now against the UPS's figure, and whether the SHUTDOWNTIME budget of upsmon.conf fits.")
            .Produces<Health.HealthSummary>().Produces<ApiError>(404);

        api.MapGet("/stream", (HttpContext http, CancellationToken _) => EventStream.ServeAsync(http, s.Registry))
            .WithSummary("Server-Sent Events: 'ups' (a UPS summary, on every change and every 5 s) and 'log' (an event-log line).")
            .Produces(200, contentType: "text/event-stream");

        api.MapPost("/login", async Task<IResult> (HttpContext http, LoginRequest request) =>
            {
                if (string.IsNullOrEmpty(request.User) || request.Password is null || string.IsNullOrEmpty(request.Ups))
                    return TypedResults.BadRequest(new ApiError("INVALID-ARGUMENT", "ups, user and password are required"));
                if (Find(s.Registry, request.Ups) is not { } u)
                    return NotFound(request.Ups);
                var (host, port) = HostPort(u);
                var outcome = await s.Commands.CheckLoginAsync(host, port, u.Name, request.User, request.Password, http.RequestAborted);
                if (!outcome.Ok)
                    return TypedResults.Json(new ApiError(outcome.Result, outcome.Message), WebJson.Default.ApiError, statusCode: 401);
                s.Sessions.SetCookie(http, s.Sessions.Create(request.User, request.Password));
                return TypedResults.Ok(new SessionInfo(request.User));
            })
            .WithSummary("Logs in with a upsd.users name and password, checked against the upsd of the given UPS. Sets an HttpOnly session cookie; the password stays on the server.")
            .Produces<SessionInfo>().Produces<ApiError>(401).Produces<ApiError>(400);

        api.MapPost("/logout", (HttpContext http) => { s.Sessions.End(http); return TypedResults.NoContent(); })
            .WithSummary("Ends the session.");

        api.MapGet("/session", IResult (HttpContext http) =>
                s.Sessions.Find(http) is { } session ? TypedResults.Ok(new SessionInfo(session.User)) : NotLoggedIn())
            .WithSummary("Who is logged in (401 when nobody).")
            .Produces<SessionInfo>().Produces<ApiError>(401);

        api.MapPost("/ups/{id}/commands/{command}", async Task<IResult> (HttpContext http, string id, string command, CommandRequest? request) =>
            {
                if (s.Sessions.Find(http) is not { } session)
                    return NotLoggedIn();
                if (Find(s.Registry, id) is not { } u)
                    return NotFound(id);
                var (host, port) = HostPort(u);
                var outcome = await s.Commands.InstantCommandAsync(host, port, u.Name, session.User, session.Password, command,
                    request?.Parameter, http.RequestAborted);
                return Outcome(outcome);
            })
            .WithSummary("Runs an instant command as the logged-in user; the answer says what upsd and, with tracking, the driver did.")
            .Produces<CommandOutcome>().Produces<CommandOutcome>(403).Produces<ApiError>(401).Produces<ApiError>(404);

        api.MapPut("/ups/{id}/variables/{name}", async Task<IResult> (HttpContext http, string id, string name, SetRequest request) =>
            {
                if (s.Sessions.Find(http) is not { } session)
                    return NotLoggedIn();
                if (Find(s.Registry, id) is not { } u)
                    return NotFound(id);
                if (request.Value is null)
                    return TypedResults.BadRequest(new ApiError("INVALID-ARGUMENT", "value is required"));
                var (host, port) = HostPort(u);
                var outcome = await s.Commands.SetVariableAsync(host, port, u.Name, session.User, session.Password, name, request.Value,
                    http.RequestAborted);
                return Outcome(outcome);
            })
            .WithSummary("Sets a writable variable as the logged-in user.")
            .Produces<CommandOutcome>().Produces<CommandOutcome>(403).Produces<ApiError>(401).Produces<ApiError>(404);

        app.MapGet("/metrics", () => Results.Text(UpsMetrics.Render(s.Registry.All, s.Registry.Details), PrometheusText.ContentType))
            .WithSummary("Prometheus metrics (names as DRuggeri's nut_exporter and HON95's prometheus-nut-exporter).")
            .Produces<string>(200, contentType: "text/plain");
    }

    /// <summary>By id, else by name when exactly one UPS has it.</summary>
    public static UpsSnapshot? Find(UpsRegistry registry, string id)
    {
        if (registry.Find(id) is { } exact)
            return exact;
        var byName = registry.All.Where(u => u.Name == id).Take(2).ToList();
        return byName.Count == 1 ? byName[0] : null;
    }

    static (string Host, int Port) HostPort(UpsSnapshot u)
    {
        var parsed = Nut.Client.UpsAddress.TryParseHost(u.Server, out _);
        return parsed ?? ("localhost", Nut.Core.Config.NutPaths.DefaultPort);
    }

    static IResult NotFound(string id) =>
        TypedResults.NotFound(new ApiError("UNKNOWN-UPS", $"no watched UPS is called '{id}'"));

    static IResult NotLoggedIn() =>
        TypedResults.Json(new ApiError("LOGIN-REQUIRED", "log in first (POST /api/login)"), WebJson.Default.ApiError, statusCode: 401);

    static IResult Outcome(CommandOutcome outcome) =>
        outcome.Ok ? TypedResults.Ok(outcome)
        : TypedResults.Json(outcome, WebJson.Default.CommandOutcome,
            statusCode: outcome.Result is "ACCESS-DENIED" or "USERNAME-REQUIRED" or "PASSWORD-REQUIRED" ? 403 : 409);
}
