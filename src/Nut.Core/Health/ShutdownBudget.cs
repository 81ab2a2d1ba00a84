namespace Nut.Core.Health;

/// <summary>A machine that must be shut down in an outage and how long it takes (SHUTDOWNTIME in upsmon.conf).</summary>
public sealed record ShutdownTime(string? Secondary, double Seconds, int Line)
{
    public const string Directive = "SHUTDOWNTIME";
    public const string Syntax = "SHUTDOWNTIME <seconds> [<secondary name>]";

    public string Name => Secondary ?? "this machine";

    /// <summary>Parses <c>SHUTDOWNTIME &lt;seconds&gt; [&lt;name&gt;]</c>; null with what was expected.</summary>
    public static ShutdownTime? Parse(string[] words, int line, out string? error)
    {
        error = null;
        if (words.Length is < 2 or > 3)
        {
            error = $"expected {Syntax}";
            return null;
        }
        if (!double.TryParse(words[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s)
            || !double.IsFinite(s) || s <= 0 || s > 86400)
        {
            error = $"'{words[1]}' is not a number of seconds from 1 to 86400 ({Syntax})";
            return null;
        }
        return new ShutdownTime(words.Length == 3 ? words[2] : null, s, line);
    }
}

/// <summary>Whether the shutdowns still fit in what the battery has left when upsmon starts them.</summary>
/// <param name="TriggerCharge">The charge at which the first trigger fires (LB, or a SHUTDOWNRULE).</param>
/// <param name="RuntimeAtTrigger">Seconds the battery has left then, at the load, by the history's model.</param>
/// <param name="Needed">Seconds the shutdowns take: the slowest secondary (they shut down in parallel, the
/// primary waits for them), then this machine.</param>
public sealed record BudgetResult(double Load, double TriggerCharge, string Trigger, double RuntimeAtTrigger, double Needed, bool Fits)
{
    public double Margin => RuntimeAtTrigger - Needed;

    public string Describe() => Fits
        ? $"fits: {RuntimeAtTrigger:0} s left at {Trigger} (charge {TriggerCharge:0} %) at {Load:0.#} % load, shutdowns need {Needed:0} s (margin {Margin:0} s)"
        : $"DOES NOT FIT: {RuntimeAtTrigger:0} s left at {Trigger} (charge {TriggerCharge:0} %) at {Load:0.#} % load, shutdowns need {Needed:0} s ({-Margin:0} s short)";

    /// <summary>
    /// Evaluates the budget. <paramref name="lowCharge"/> is the UPS's battery.charge.low (LB); rule charges are the
    /// SHUTDOWNRULE charge thresholds for the UPS: whichever is highest fires first and leaves the most runtime.
    /// </summary>
    public static BudgetResult? Evaluate(BatteryModel? model, double load, double lowCharge, IEnumerable<double> ruleCharges,
        IReadOnlyList<ShutdownTime> times)
    {
        if (model is null || times.Count == 0)
            return null;
        double trigger = lowCharge;
        string name = "low battery";
        foreach (double c in ruleCharges)
            if (c > trigger)
                (trigger, name) = (c, "SHUTDOWNRULE charge " + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double left = model.Runtime(load, trigger);
        double secondaries = times.Where(t => t.Secondary is not null).Select(t => t.Seconds).DefaultIfEmpty(0).Max();
        double own = times.Where(t => t.Secondary is null).Select(t => t.Seconds).DefaultIfEmpty(0).Max();
        double needed = secondaries + own;
        return new BudgetResult(load, trigger, name, left, needed, left >= needed);
    }
}
