using System.Globalization;
using Nut.Monitor.Simulation;

namespace Nut.Tools.Drill;

/// <summary>One change of what upsd says about a UPS during a drill.</summary>
/// <param name="At">From the start of the drill.</param>
/// <param name="State">A ups.status value ("OB", "OB LB", "OL"), or one of the words of <see cref="DrillScenario"/>.</param>
public sealed record DrillStep(TimeSpan At, string State);

/// <summary>
/// What happens to the power in a drill: a list of timed steps, from a named scenario or written out.
/// <list type="bullet">
/// <item><c>blip DURATION</c>: on battery for DURATION, then back on line.</item>
/// <item><c>outage [LOWBATT-AFTER]</c>: on battery until the battery is low (default after 5 minutes).</item>
/// <item><c>unreachable DURATION</c>: upsd cannot be reached for DURATION.</item>
/// <item><c>fsd</c>: the primary (another upsmon) sets forced shutdown.</item>
/// <item><c>TIME=STATE ...</c>: a timeline; STATE is a ups.status value or <c>down</c> (server unreachable),
/// <c>stale</c> (ERR DATA-STALE), <c>nodriver</c> (ERR DRIVER-NOT-CONNECTED), <c>fsd</c>, or a variable
/// <c>charge=N</c>, <c>runtime=N</c>, <c>name=value</c>.</item>
/// </list>
/// Named scenarios begin <see cref="DefaultStart"/> after the drill does, so upsmon's first polls see the
/// power as it is before the event, as they would on a real machine.
/// </summary>
public sealed class DrillScenario
{
    public static readonly TimeSpan DefaultStart = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultLowBattery = TimeSpan.FromMinutes(5);

    /// <summary>How long the drill goes on after the last step, when no duration is given.</summary>
    public static readonly TimeSpan Tail = TimeSpan.FromMinutes(2);

    public DrillScenario(string description, IReadOnlyList<DrillStep> steps)
    {
        Description = description;
        Steps = steps;
    }

    /// <summary>True when the scenario brings its own simulated battery readings (the named ones): the drill
    /// then leaves them out of the timeline unless asked (-v).</summary>
    public bool SimulatedBattery => Steps.Any(s => s.At > TimeSpan.Zero && s.State.StartsWith("charge=", StringComparison.Ordinal))
        && Steps.Count(s => s.State.StartsWith("charge=", StringComparison.Ordinal)) > 2;

    public string Description { get; }
    public IReadOnlyList<DrillStep> Steps { get; }

    public TimeSpan LastStep => Steps.Count == 0 ? TimeSpan.Zero : Steps.Max(s => s.At);

    /// <summary>The battery of the named scenarios: a full one lasts this long (an outage: until LB plus the reserve).</summary>
    public static readonly TimeSpan DefaultFullRuntime = TimeSpan.FromMinutes(30);
    /// <summary>What is left of the runtime when the UPS says LB in the <c>outage</c> scenario.</summary>
    public static readonly TimeSpan LowBatteryReserve = TimeSpan.FromMinutes(2);
    /// <summary>How often the simulated battery reports a new charge and runtime while discharging.</summary>
    public static readonly TimeSpan BatteryStep = TimeSpan.FromSeconds(10);

    /// <summary>A full battery from <paramref name="at"/> on (before the outage, and again when power returns).</summary>
    static IEnumerable<DrillStep> Full(TimeSpan at, TimeSpan full) =>
        [new(at, "charge=100"), new(at, string.Create(CultureInfo.InvariantCulture, $"runtime={(long)full.TotalSeconds}"))];

    /// <summary>
    /// A simple linear battery for the named scenarios, so that SHUTDOWNRULEs on charge and runtime have
    /// something to act on: full (100 %, <paramref name="full"/> of runtime) until <paramref name="start"/>,
    /// then draining evenly, a new reading every <see cref="BatteryStep"/> for <paramref name="length"/>.
    /// </summary>
    static IEnumerable<DrillStep> Battery(TimeSpan start, TimeSpan length, TimeSpan full)
    {
        foreach (var step in Full(TimeSpan.Zero, full))
            yield return step;
        for (var t = BatteryStep; t <= length; t += BatteryStep)
        {
            double left = Math.Max(0, (full - t).TotalSeconds);
            yield return new(start + t, string.Create(CultureInfo.InvariantCulture, $"charge={Math.Round(100 * left / full.TotalSeconds)}"));
            yield return new(start + t, string.Create(CultureInfo.InvariantCulture, $"runtime={(long)left}"));
        }
    }

    /// <summary>Parses the scenario words of the command line. Null with <paramref name="error"/> set when they
    /// do not make a scenario.</summary>
    public static DrillScenario? Parse(IReadOnlyList<string> words, TimeSpan start, out string? error)
    {
        error = null;
        if (words.Count == 0)
        {
            error = "no scenario given (try: blip 20s, outage 5m, unreachable 2m, fsd, or TIME=STATE ...)";
            return null;
        }
        string name = words[0].ToLowerInvariant();
        string[] rest = words.Skip(1).ToArray();
        switch (name)
        {
            case "blip":
            {
                if (!OneDuration(rest, null, "blip DURATION", out var d, out error))
                    return null;
                return new($"on battery for {Duration.Format(d)}, then back on line",
                    [new(start, "OB DISCHRG"), .. Battery(start, d, DefaultFullRuntime), new(start + d, "OL CHRG"), .. Full(start + d, DefaultFullRuntime)]);
            }
            case "outage":
            {
                if (!OneDuration(rest, DefaultLowBattery, "outage [LOWBATT-AFTER]", out var d, out error))
                    return null;
                var full = d + LowBatteryReserve;
                return new($"on battery until the battery is low after {Duration.Format(d)}",
                    [new(start, "OB DISCHRG"), .. Battery(start, d, full), new(start + d, "OB DISCHRG LB")]);
            }
            case "unreachable":
            {
                if (!OneDuration(rest, null, "unreachable DURATION", out var d, out error))
                    return null;
                return new($"upsd unreachable for {Duration.Format(d)}", [new(start, "down"), new(start + d, "OL")]);
            }
            case "fsd":
                if (rest.Length != 0)
                {
                    error = "fsd takes no argument";
                    return null;
                }
                return new("the primary sets forced shutdown (FSD)", [new(start, "fsd")]);
        }
        var steps = new List<DrillStep>();
        foreach (var w in words)
        {
            int eq = w.IndexOf('=');
            if (eq <= 0 || Duration.Parse(w[..eq]) is not { } at || w[(eq + 1)..].Trim() is not { Length: > 0 } state)
            {
                error = $"'{w}' is neither a scenario (blip, outage, unreachable, fsd) nor a step TIME=STATE (e.g. 10s=OB, 5m=\"OB LB\")";
                return null;
            }
            steps.Add(new(at, state));
        }
        steps.Sort((a, b) => a.At.CompareTo(b.At));
        return new("timeline " + string.Join(", ", steps.Select(s => $"{Duration.Format(s.At)} {s.State}")), steps);
    }

    static bool OneDuration(string[] rest, TimeSpan? fallback, string usage, out TimeSpan value, out string? error)
    {
        error = null;
        value = fallback ?? TimeSpan.Zero;
        if (rest.Length == 0 && fallback is not null)
            return true;
        if (rest.Length == 1 && Duration.Parse(rest[0]) is { } d && d > TimeSpan.Zero)
        {
            value = d;
            return true;
        }
        error = $"usage: {usage} (a duration such as 20s, 5m, 1m30s)";
        return false;
    }

    /// <summary><c>charge</c> and <c>runtime</c> are short for battery.charge and battery.runtime; other names are used as given.</summary>
    static string VariableName(string name) => name.ToLowerInvariant() switch
    {
        "charge" => "battery.charge",
        "runtime" => "battery.runtime",
        _ => name,
    };

    /// <summary>Writes the steps into the scripted upsd of one UPS.</summary>
    public void ApplyTo(UpsdScript script)
    {
        foreach (var step in Steps)
        {
            switch (step.State.ToLowerInvariant())
            {
                case "down": script.Down(step.At); break;
                case "stale": script.Error(step.At, "DATA-STALE"); break;
                case "nodriver": script.Error(step.At, "DRIVER-NOT-CONNECTED"); break;
                case "fsd": script.ForcedShutdown(step.At); break;
                default:
                    if (step.State.IndexOf('=') is > 0 and var eq)
                        script.Variable(step.At, VariableName(step.State[..eq]), step.State[(eq + 1)..]);
                    else
                        script.Status(step.At, step.State);
                    break;
            }
        }
    }
}

/// <summary>Durations as people type them: <c>90</c>, <c>90s</c>, <c>5m</c>, <c>1m30s</c>, <c>1h</c>, <c>2.5s</c>.</summary>
public static class Duration
{
    public static TimeSpan? Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain))
            return plain >= 0 ? TimeSpan.FromSeconds(plain) : null;
        var total = TimeSpan.Zero;
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                i++;
            if (i == start || i == text.Length
                || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double n))
                return null;
            total += char.ToLowerInvariant(text[i]) switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
                return null;
            i++;
        }
        return total;
    }

    public static string Format(TimeSpan t)
    {
        if (t.TotalSeconds < 60)
            return string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s");
        var parts = new List<string>();
        if (t.Hours + t.Days * 24 > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Hours + t.Days * 24} h"));
        if (t.Minutes > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min"));
        if (t.Seconds > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s"));
        return string.Join(' ', parts);
    }
}
