namespace Nut.Tools.Plot;

/// <summary>A panel's label: the NUT variable name and, where its last word tells it, the unit.</summary>
public static class VariableLabels
{
    // NUT names say what a value is in their last word (docs: variables.md); the unit follows from it.
    static readonly (string Suffix, string Unit)[] Units =
    [
        (".charge", "%"), (".charge.low", "%"), (".charge.warning", "%"), (".load", "%"),
        (".voltage", "V"), (".voltage.nominal", "V"), (".current", "A"), (".frequency", "Hz"),
        (".temperature", "°C"), (".runtime", "s"), (".runtime.low", "s"), (".power", "VA"),
        (".realpower", "W"), (".humidity", "%"), (".efficiency", "%"),
    ];

    public static string For(string variable)
    {
        foreach (var (suffix, unit) in Units)
            if (variable.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return $"{variable} ({unit})";
        return variable;
    }
}
