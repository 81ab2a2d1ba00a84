using Nut.Core.Health;

namespace Nut.Web.Health;

public sealed record DischargeInfo(long Start, long End, double ChargeStart, double ChargeEnd, double Load, double Seconds, double FullRuntime);

public sealed record ModelInfo(double ReferenceLoad, double FullRuntime, double Exponent, bool ExponentFitted, double? FadePercent, long FirstDischarge);

public sealed record NowInfo(double Load, double Charge, double Estimate, double? UpsRuntime);

public sealed record BudgetInfo(string Trigger, double TriggerCharge, double RuntimeAtTrigger, double Needed, bool Fits);

/// <summary>
/// A UPS's battery health as the API gives it: the discharges in its history, the model fitted to them, the
/// estimate now against the UPS's own figure, and the shutdown budget (when upsmon.conf declares SHUTDOWNTIME).
/// <see cref="Lines"/> is the same report in words as nut-health prints.
/// </summary>
public sealed record HealthSummary(long Computed, DischargeInfo[] Discharges, ModelInfo? Model, NowInfo? Now, BudgetInfo? Budget, string[] Lines)
{
    public static HealthSummary From(DateTimeOffset computed, IReadOnlyList<Discharge> discharges, BatteryModel? model,
        (double Load, double Charge, double? UpsRuntime)? now, BudgetResult? budget, string budgetNote)
    {
        var lines = new List<string>();
        lines.Add(discharges.Count == 0
            ? "No discharge in the history yet (at least 60 s on battery and 5 % of charge): nothing to estimate."
            : $"{discharges.Count} discharge{(discharges.Count == 1 ? "" : "s")} in the history.");
        if (model is not null)
            lines.Add("Model: " + Nut.Tools.Health.HealthReport.Model(model) + ".");
        if (model is not null && now is { } n)
            lines.Add("Now: " + Nut.Tools.Health.HealthReport.Now(model, n.Load, n.Charge, n.UpsRuntime) + ".");
        lines.Add(budget is null ? "Budget: " + budgetNote : "Budget: " + budget.Describe() + ".");
        return new HealthSummary(computed.ToUnixTimeMilliseconds(),
            [.. discharges.Select(d => new DischargeInfo(d.Start.ToUnixTimeMilliseconds(), d.End.ToUnixTimeMilliseconds(), d.ChargeStart,
                d.ChargeEnd, Math.Round(d.MeanLoad, 1), d.Seconds, Math.Round(d.FullRuntime)))],
            model is null ? null : new ModelInfo(model.ReferenceLoad, Math.Round(model.FullRuntime(model.ReferenceLoad)), Math.Round(model.Exponent, 2),
                model.ExponentFitted, model.FadePercent is { } f ? Math.Round(f, 1) : null, model.FirstDischarge.ToUnixTimeMilliseconds()),
            model is not null && now is { } m ? new NowInfo(m.Load, m.Charge, Math.Round(model.Runtime(m.Load, m.Charge)), m.UpsRuntime) : null,
            budget is null ? null : new BudgetInfo(budget.Trigger, budget.TriggerCharge, Math.Round(budget.RuntimeAtTrigger), budget.Needed, budget.Fits),
            [.. lines]);
    }
}
