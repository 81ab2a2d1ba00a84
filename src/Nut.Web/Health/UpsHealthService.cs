using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nut.Core.Config;
using Nut.Core.Health;
using Nut.Web.History;
using Nut.Web.Watching;

namespace Nut.Web.Health;

/// <summary>
/// Battery health for every watched UPS, from upsweb's own history: worked out again when an outage ends and
/// every <see cref="Every"/>, kept for the API. When it gets worse — the shutdown budget stops fitting, or the
/// capacity fade passes another 10 % — it puts a warning in the UPS's event log (and so on the dashboard's
/// live stream). The budget uses SHUTDOWNTIME and SHUTDOWNRULE lines from upsmon.conf.
/// </summary>
public sealed class UpsHealthService(UpsRegistry registry, HistoryStore history, string? upsmonConf, ILogger log)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);
    /// <summary>How far back discharges count: a battery's behaviour two years ago says little about today's.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(400);

    readonly ConcurrentDictionary<string, HealthSummary> _summaries = new(StringComparer.Ordinal);
    readonly Dictionary<string, (bool? Fits, int FadeStep)> _last = new(StringComparer.Ordinal);

    public HealthSummary Get(string upsId) => _summaries.TryGetValue(upsId, out var s) ? s : Compute(upsId);

    public async Task RunAsync(CancellationToken ct)
    {
        using var listener = registry.Listen();
        var wasOnBattery = new Dictionary<string, bool>(StringComparer.Ordinal);
        var next = DateTime.UtcNow;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (DateTime.UtcNow >= next)
                {
                    foreach (var u in registry.All)
                        Update(u.Id);
                    next = DateTime.UtcNow + Every;
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(next - DateTime.UtcNow);
                try
                {
                    while (await listener.Reader.WaitToReadAsync(wait.Token))
                        while (listener.Reader.TryRead(out var change))
                        {
                            var s = change.Snapshot;
                            if (s.Reachability != UpsReachability.Ok)
                                continue;
                            bool before = wasOnBattery.GetValueOrDefault(s.Id);
                            wasOnBattery[s.Id] = s.OnBattery;
                            // An outage just ended: a new discharge to learn from (the recorder flushes within a second).
                            if (before && !s.OnBattery)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                                Update(s.Id);
                            }
                        }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    void Update(string upsId)
    {
        HealthSummary summary;
        try
        {
            summary = Compute(upsId);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            log.LogError("{Ups}: battery health: cannot read the history: {Reason}", upsId, e.Message);
            return;
        }
        _summaries[upsId] = summary;
        var (fits, fadeStep) = _last.GetValueOrDefault(upsId);
        int step = summary.Model?.FadePercent is { } f && f > 0 ? (int)(f / 10) : 0;
        if (summary.Budget is { } b && fits != false && !b.Fits)
            Warn(upsId, "Shutdown budget no longer fits: " + summary.Lines[^1]["Budget: ".Length..]);
        if (step > fadeStep && step >= 1)
            Warn(upsId, $"Battery capacity down {summary.Model!.FadePercent:0} % since the first recorded discharge");
        _last[upsId] = (summary.Budget?.Fits ?? fits, Math.Max(step, fadeStep));
    }

    void Warn(string upsId, string text)
    {
        log.LogWarning("{Ups}: {Text}", upsId, text);
        registry.PublishEvent(new UpsEvent(upsId, DateTimeOffset.UtcNow, "health", text, Severity.Warning));
    }

    HealthSummary Compute(string upsId)
    {
        var now = DateTimeOffset.UtcNow;
        var discharges = DischargeFinder.Find(history.HealthSamples(upsId, (now - Window).ToUnixTimeMilliseconds()));
        var model = BatteryModel.Fit(discharges, now);
        var snapshot = registry.Find(upsId);
        (double, double, double?)? current = null;
        if (snapshot?.Number("ups.load") is { } load)
            current = (load, snapshot.Number("battery.charge") ?? 100, snapshot.Number("battery.runtime"));
        var (times, rules, note) = BudgetInputs(snapshot);
        var budget = current is { } c && model is not null
            ? BudgetResult.Evaluate(model, c.Item1, snapshot?.Number("battery.charge.low") ?? 20, rules, times)
            : null;
        if (budget is null && note.Length == 0)
            note = model is null ? "needs a discharge in the history." : "needs the UPS's current load (ups.load).";
        return HealthSummary.From(now, discharges, model, current, budget, note);
    }

    (IReadOnlyList<ShutdownTime> Times, IEnumerable<double> RuleCharges, string Note) BudgetInputs(UpsSnapshot? snapshot)
    {
        if (upsmonConf is null || !File.Exists(upsmonConf))
            return ([], [], $"no upsmon.conf ({upsmonConf ?? "none given"}) to read SHUTDOWNTIME from.");
        try
        {
            var conf = UpsmonConf.Load(upsmonConf);
            if (conf.ShutdownTimes.Count == 0)
                return ([], [], $"{upsmonConf} declares no SHUTDOWNTIME ({ShutdownTime.Syntax}).");
            string name = snapshot?.Name ?? "";
            string system = snapshot is null ? "" : name + "@" + snapshot.Server;
            var rules = conf.ShutdownRules.Where(r => r.Kind == ShutdownRuleKind.Charge && r.AppliesTo(system, name)).Select(r => r.Value).ToList();
            return (conf.ShutdownTimes, rules, "");
        }
        catch (ConfigException e)
        {
            return ([], [], $"cannot read {upsmonConf}: {e.Message}.");
        }
    }
}
