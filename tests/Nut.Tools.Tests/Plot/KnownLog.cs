using System.Globalization;
using System.Text;

namespace Nut.Tools.Tests.Plot;

/// <summary>
/// A log whose every value is known, written in upslog's default format, one line a minute: battery.charge,
/// input.voltage, ups.load, [ups.status], ups.temperature, input.frequency. The UPS is on battery (OB) in
/// the given minute ranges, where the charge falls 2 % a minute and the input voltage is 0.
/// </summary>
public sealed class KnownLog
{
    public static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0);

    public KnownLog(int minutes, (int From, int To)[] onBattery, int[]? naMinutes = null, int[]? missingMinutes = null)
    {
        var na = new HashSet<int>(naMinutes ?? []);
        var missing = new HashSet<int>(missingMinutes ?? []);
        OnBattery = onBattery;
        for (int i = 0; i < minutes; i++)
        {
            if (missing.Contains(i))
                continue;
            bool ob = onBattery.Any(p => i >= p.From && i < p.To);
            int sinceOb = ob ? i - onBattery.First(p => i >= p.From && i < p.To).From : 0;
            var row = new Row(
                Start.AddMinutes(i),
                Charge: na.Contains(i) ? null : ob ? 100 - 2 * sinceOb : 100,
                Voltage: ob ? 0 : 230 + (i % 7) * 0.5,
                Load: 20 + i % 10,
                Status: na.Contains(i) ? null : ob ? "OB DISCHRG" : "OL CHRG",
                Temperature: 25 + (i % 30) / 10.0);
            Rows.Add(row);
        }
    }

    public sealed record Row(DateTime Time, double? Charge, double Voltage, double Load, string? Status, double Temperature);

    public List<Row> Rows { get; } = [];
    public (int From, int To)[] OnBattery { get; }

    static string N(double? v) => v is { } d ? d.ToString(CultureInfo.InvariantCulture) : "NA";

    /// <summary>The file's text; <paramref name="junk"/> lines go first (they must be skipped and counted).</summary>
    public string Text(params string[] junk)
    {
        var sb = new StringBuilder();
        foreach (var j in junk)
            sb.Append(j).Append('\n');
        foreach (var r in Rows)
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Time:yyyyMMdd HHmmss} {N(r.Charge)} {N(r.Voltage)} {N(r.Load)} [{r.Status ?? "NA"}] {N(r.Temperature)} 50.0\n");
        return sb.ToString();
    }
}
