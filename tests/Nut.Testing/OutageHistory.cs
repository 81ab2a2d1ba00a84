using System.Globalization;
using System.Text;

namespace Nut.Testing;

/// <summary>
/// An upslog file of recorded outages, for the battery-health tests: a battery lasting
/// <paramref name="fullRuntimeAt50"/> seconds full at 50 % load (Peukert exponent 1.25), logged every 10 s in
/// whole percents as UPSes report; each outage is (load, charge it runs down to, longest seconds), three days
/// apart, starting on 1 March 2026 at 08:00 local time.
/// </summary>
public static class OutageHistory
{
    public const string Format = "%TIME @Y-@m-@d @H:@M:@S% %VAR battery.charge% %VAR ups.load% %VAR ups.status%";

    /// <summary>Four outages at 30, 60, 45 and 75 % load; the last two run down to 20 %.</summary>
    public static readonly (double Load, double Until, double MaxSeconds)[] Standard = [(30, 0, 600), (60, 0, 400), (45, 20, 1e9), (75, 20, 1e9)];

    /// <summary>The log's text and the measured seconds on battery of each outage.</summary>
    public static (string Text, List<double> Seconds) Upslog(IEnumerable<(double Load, double Until, double MaxSeconds)> outages,
        double fullRuntimeAt50 = 1800)
    {
        var sb = new StringBuilder("# format: " + Format + "\n");
        var measured = new List<double>();
        var t = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Local);
        void Line(double charge, double load, string status) =>
            sb.Append(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(' ')
              .Append(Math.Round(charge).ToString(CultureInfo.InvariantCulture)).Append(' ')
              .Append(load.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(status).Append('\n');
        foreach (var (load, until, max) in outages)
        {
            for (int i = 0; i < 6; i++) { Line(100, load, "OL"); t = t.AddSeconds(10); }
            double full = fullRuntimeAt50 * Math.Pow(load / 50, -1.25), charge = 100, s = 0;
            while (charge > until && s < max)
            {
                Line(charge, load, "OB DISCHRG");
                charge -= 10 * 100 / full;
                t = t.AddSeconds(10);
                s += 10;
            }
            Line(charge, load, "OB DISCHRG");
            measured.Add(s);
            t = t.AddSeconds(10);
            Line(charge, load, "OL CHRG");
            t = t.AddDays(3);
        }
        return (sb.ToString(), measured);
    }
}
