using System.Globalization;

namespace Nut.Core.Config;

/// <summary>What a <see cref="ShutdownRule"/> watches while a UPS is on battery.</summary>
public enum ShutdownRuleKind
{
    /// <summary>battery.charge below the value (percent).</summary>
    Charge,
    /// <summary>battery.runtime below the value (seconds).</summary>
    Runtime,
    /// <summary>On battery for the value (seconds) or longer.</summary>
    OnBattery,
}

/// <summary>
/// A NutSharp extension of upsmon.conf: <c>SHUTDOWNRULE &lt;ups|*&gt; charge|runtime|onbattery &lt;number&gt;</c>.
/// While the UPS is on battery and the rule holds, upsmon treats the UPS as critical — as if it said LB — so the
/// usual shutdown follows (FSD for a primary, secondaries, FINALDELAY). It only ever adds a reason to shut
/// down: NUT's own LB/FSD logic is untouched. NUT's upsmon would call the line an invalid directive.
/// </summary>
public sealed record ShutdownRule(string Ups, ShutdownRuleKind Kind, double Value, int Line)
{
    public const string Directive = "SHUTDOWNRULE";
    public const string Syntax = "SHUTDOWNRULE <ups|*> charge <percent> | runtime <seconds> | onbattery <seconds>";

    /// <summary>The UPS variable the rule reads, or null (onbattery counts time itself).</summary>
    public string? Variable => Kind switch
    {
        ShutdownRuleKind.Charge => "battery.charge",
        ShutdownRuleKind.Runtime => "battery.runtime",
        _ => null,
    };

    /// <summary>True for a MONITOR system string this rule applies to (<c>*</c>, the system, or its UPS name).</summary>
    public bool AppliesTo(string system, string upsName) =>
        Ups == "*" || string.Equals(Ups, system, StringComparison.Ordinal) || string.Equals(Ups, upsName, StringComparison.Ordinal);

    /// <summary>Parses the words of one line; null with <paramref name="error"/> saying what was expected.</summary>
    public static ShutdownRule? Parse(string[] words, int line, out string? error)
    {
        error = null;
        if (words.Length != 4)
        {
            error = $"expected {Syntax}, got {words.Length - 1} word(s) after {Directive}";
            return null;
        }
        ShutdownRuleKind? kind = words[2].ToLowerInvariant() switch
        {
            "charge" => ShutdownRuleKind.Charge,
            "runtime" => ShutdownRuleKind.Runtime,
            "onbattery" => ShutdownRuleKind.OnBattery,
            _ => null,
        };
        if (kind is null)
        {
            error = $"'{words[2]}' is not a rule: expected charge, runtime or onbattery ({Syntax})";
            return null;
        }
        if (!double.TryParse(words[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value <= 0 || (kind == ShutdownRuleKind.Charge && value > 100))
        {
            error = kind == ShutdownRuleKind.Charge
                ? $"'{words[3]}' is not a charge: expected a percentage above 0 and at most 100"
                : $"'{words[3]}' is not a time: expected a number of seconds above 0";
            return null;
        }
        return new ShutdownRule(words[1], kind.Value, value, line);
    }

    public override string ToString() => Kind switch
    {
        ShutdownRuleKind.Charge => string.Create(CultureInfo.InvariantCulture, $"battery.charge below {Value} %"),
        ShutdownRuleKind.Runtime => string.Create(CultureInfo.InvariantCulture, $"battery.runtime below {Value} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Value} s on battery"),
    };
}
