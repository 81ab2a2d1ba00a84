using System.Globalization;
using System.Text;

namespace Nut.Web.Metrics;

/// <summary>
/// Prometheus's text exposition format (version 0.0.4), written by hand: metric families grouped with one HELP
/// and TYPE line each, label values escaped. The whole format is these few rules; a client library would add a
/// registry of static metrics we do not have (our series come and go with the UPSes' variables).
/// </summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    sealed record Family(string Help, string Type, List<string> Samples);

    public void Add(string name, string help, double value, params (string Name, string Value)[] labels)
    {
        if (!_families.TryGetValue(name, out var family))
            _families[name] = family = new Family(help, "gauge", []);
        var sb = new StringBuilder(name);
        if (labels.Length > 0)
        {
            sb.Append('{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                    sb.Append(',');
                sb.Append(labels[i].Name).Append("=\"");
                EscapeLabel(sb, labels[i].Value);
                sb.Append('"');
            }
            sb.Append('}');
        }
        sb.Append(' ').Append(Format(value));
        family.Samples.Add(sb.ToString());
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (name, family) in _families)
        {
            sb.Append("# HELP ").Append(name).Append(' ').Append(family.Help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
            sb.Append("# TYPE ").Append(name).Append(' ').Append(family.Type).Append('\n');
            foreach (var sample in family.Samples)
                sb.Append(sample).Append('\n');
        }
        return sb.ToString();
    }

    static void EscapeLabel(StringBuilder sb, string value)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }
    }

    static string Format(double v) =>
        double.IsPositiveInfinity(v) ? "+Inf" : double.IsNegativeInfinity(v) ? "-Inf" : double.IsNaN(v) ? "NaN"
        : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A metric name from a NUT variable name: <c>battery.charge</c> → <c>battery_charge</c>; anything
    /// outside [a-zA-Z0-9_] becomes '_' (NUT names use dots, and a few drivers dashes).</summary>
    public static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (sb.Length > 0 && char.IsAsciiDigit(sb[0]))
            sb.Insert(0, '_');
        return sb.ToString();
    }
}
