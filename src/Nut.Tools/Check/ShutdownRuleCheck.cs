using System.Globalization;
using Nut.Core.Config;
using Nut.Drivers.Dummy;

namespace Nut.Tools.Check;

/// <summary>
/// SHUTDOWNRULEs that can never fire (issue 12: an error at start and here): one naming no monitored UPS, or one
/// reading a variable the UPS does not report. What a UPS reports is only known here for a local dummy-ups
/// simulation, whose data file is in this directory; for other drivers upsmon checks at start instead.
/// </summary>
public sealed class ShutdownRuleCheck : IConfigCheck
{
    public void Run(CheckContext c)
    {
        if (c.Upsmon is not { } upsmon)
            return;
        foreach (var rule in upsmon.ShutdownRules)
        {
            var monitors = upsmon.Monitors.Where(m => rule.AppliesTo(m.System, m.UpsName)).ToList();
            if (monitors.Count == 0)
            {
                if (rule.Ups != "*")
                    c.Error(upsmon.FileName, rule.Line, $"{ShutdownRule.Directive} {rule.Ups} ({rule}) cannot fire: no MONITOR line is for {rule.Ups}; use the UPS name or system of a MONITOR line{Known(upsmon)}, or *");
                continue;
            }
            if (rule.Variable is not { } variable)
                continue;
            foreach (var m in monitors)
            {
                if (!LocalHost.Is(m.Host) || c.Ups?.Find(m.UpsName, ignoreCase: true) is not { Driver: "dummy-ups", Port: { } port }
                    || port.Contains('@'))
                    continue;
                string dataFile = port.StartsWith('/') ? c.Resolve(port) : c.PathOf(port);
                if (Values(dataFile, variable) is not { } values)
                    continue;
                if (values.Count == 0)
                    c.Error(upsmon.FileName, rule.Line, $"{ShutdownRule.Directive} ({rule}) cannot fire: UPS [{m.System}] does not report {variable} (its dummy-ups file {dataFile} never sets it); add {variable} to that file, or use a rule on what it reports (onbattery always works)");
                else if (dataFile.EndsWith(".seq", StringComparison.Ordinal) && values.Min() >= rule.Value) // a .dev is a still picture: only a .seq plays an outage
                    c.Warn(upsmon.FileName, rule.Line, string.Create(CultureInfo.InvariantCulture,
                        $"{ShutdownRule.Directive} ({rule}) never fires with {dataFile}: {variable} is never below {rule.Value} there (lowest {values.Min()}); raise the threshold if the simulation should show it"));
            }
        }
    }

    static string Known(UpsmonConf upsmon) =>
        upsmon.Monitors.Count == 0 ? "" : " (" + string.Join(", ", upsmon.Monitors.Select(m => m.System)) + ")";

    /// <summary>Every numeric value the data file gives the variable; null when the file cannot be read.</summary>
    static List<double>? Values(string dataFile, string variable)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(dataFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // a missing data file is the driver's complaint; the rule itself may be fine
        }
        var values = new List<double>();
        foreach (var d in DataFileScript.Parse(content).Directives)
            if (d is Assignment a && a.Name == variable && a.ValueWords.Length > 0
                && double.TryParse(a.ValueWords[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                values.Add(v);
        return values;
    }
}
