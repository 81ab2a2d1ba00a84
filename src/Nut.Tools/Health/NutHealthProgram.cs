using System.Globalization;
using Nut.Client;
using Nut.Core.Config;
using Nut.Core.Health;
using Nut.Core.Programs;
using Nut.Tools.Plot;

namespace Nut.Tools.Health;

/// <summary>
/// nut-health: what a UPS's recorded history (an upslog file) says about its battery — each discharge, the
/// runtime a full battery really gives at a load, the capacity lost over time, the estimate now against the
/// UPS's own figure — and whether the shutdowns declared in upsmon.conf (SHUTDOWNTIME) still fit in what the
/// battery has left when upsmon starts them. Exit 0; 1 when they do not fit (for cron and monitoring); 2 on
/// an error.
/// </summary>
public static class NutHealthProgram
{
    const string Usage = """
        usage: nut-health -l <upslog file> [OPTIONS] [<ups>[@<host>[:<port>]]]

          -l <file>     the upslog file with the UPS's history (needs battery.charge, ups.load, ups.status)
          -F <format>   its upslog format (default: its "# format:" line, else upslog's default)
          -f <file>     upsmon.conf with SHUTDOWNTIME (and SHUTDOWNRULE) lines (default: $NUT_CONFPATH/upsmon.conf)
          -L <percent>  the load to estimate at (default: the UPS's ups.load, else the history's last)
          -c <percent>  the charge of low battery (default: the UPS's battery.charge.low, else 20)
          -h            this help

        With a UPS, its current load, charge, battery.charge.low and battery.runtime are read from upsd.

        """;

    public static int Run(string[] args)
    {
        var parsed = GetOpt.Parse(args, "l:F:f:L:c:h");
        string? log = null, format = null, upsmonConf = null;
        double? load = null, lowCharge = null;
        foreach (var (opt, arg) in parsed.Options)
        {
            switch (opt)
            {
                case 'l': log = arg; break;
                case 'F': format = arg; break;
                case 'f': upsmonConf = arg; break;
                case 'L' when Percent(arg) is { } l: load = l; break;
                case 'c' when Percent(arg) is { } c: lowCharge = c; break;
                case 'h': Console.Out.Write(Usage); return 0;
                default:
                    Console.Error.Write($"nut-health: {(opt is 'L' or 'c' ? $"-{opt} {arg}: expected a percentage from 0 to 100" : $"invalid option -- '{arg ?? opt.ToString()}'")}\n{Usage}");
                    return 2;
            }
        }
        if (log is null || parsed.Operands.Count > 1)
        {
            Console.Error.Write("nut-health: give the history with -l <upslog file>\n" + Usage);
            return 2;
        }
        try
        {
            return Report(log, format, upsmonConf, load, lowCharge, parsed.Operands.FirstOrDefault());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigException)
        {
            Console.Error.Write($"nut-health: {e.Message}\n");
            return 2;
        }
    }

    static double? Percent(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v is >= 0 and <= 100 ? v : null;

    static int Report(string log, string? format, string? upsmonConfPath, double? load, double? lowCharge, string? ups)
    {
        var data = UpslogReader.ReadFile(log, format);
        var samples = UpslogHealthSamples.From(data, out var missing);
        if (missing.Count > 0)
        {
            Console.Error.Write($"nut-health: {log}: its format does not log {string.Join(", ", missing)} (format: \"{data.Format}\")\n");
            return 2;
        }
        var discharges = DischargeFinder.Find(samples);
        var now = DateTimeOffset.Now;
        Console.Out.Write($"history: {log}: {data.Count} lines, {discharges.Count} discharges long and deep enough to measure\n");
        foreach (var d in discharges)
            Console.Out.Write("  " + HealthReport.Discharge(d) + "\n");
        var model = BatteryModel.Fit(discharges, now);
        if (model is null)
        {
            Console.Out.Write("model: no discharge yet (at least 60 s on battery and 5 % of charge): nothing to estimate\n");
            return 0;
        }
        Console.Out.Write("model: " + HealthReport.Model(model) + "\n");

        var live = ups is null ? null : ReadUps(ups);
        double atLoad = load ?? live?.Load ?? samples.LastOrDefault(s => s.Load is not null).Load ?? model.ReferenceLoad;
        double charge = live?.Charge ?? 100;
        Console.Out.Write("now: " + HealthReport.Now(model, atLoad, charge, live?.Runtime) + "\n");

        string confPath = upsmonConfPath ?? NutPaths.ConfFile("upsmon.conf");
        if (upsmonConfPath is null && !File.Exists(confPath))
        {
            Console.Out.Write($"budget: {confPath} not found: no SHUTDOWNTIME to check\n");
            return 0;
        }
        var conf = UpsmonConf.Load(confPath);
        string upsName = ups is null ? "*" : UpsAddress.TryParse(ups, out _)?.UpsName ?? ups;
        var rules = conf.ShutdownRules.Where(r => r.Kind == ShutdownRuleKind.Charge && (r.Ups == "*" || upsName == "*" || r.AppliesTo(ups!, upsName)))
            .Select(r => r.Value);
        var budget = BudgetResult.Evaluate(model, atLoad, lowCharge ?? live?.LowCharge ?? 20, rules, conf.ShutdownTimes);
        if (budget is null)
        {
            Console.Out.Write($"budget: {confPath} has no SHUTDOWNTIME line: nothing to check ({ShutdownTime.Syntax})\n");
            return 0;
        }
        Console.Out.Write("budget: " + budget.Describe() + "\n");
        return budget.Fits ? 0 : 1;
    }

    sealed record LiveUps(double? Load, double? Charge, double? LowCharge, double? Runtime);

    static LiveUps? ReadUps(string ups)
    {
        if (UpsAddress.TryParse(ups, out var error) is not { } address)
        {
            Console.Error.Write($"nut-health: {ups}: {error}\n");
            return null;
        }
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return ReadAsync(address, cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is NutClientException or IOException or OperationCanceledException)
        {
            Console.Error.Write($"nut-health: {address}: {e.Message} (estimating without the UPS's current values)\n");
            return null;
        }
    }

    static async Task<LiveUps> ReadAsync(UpsAddress address, CancellationToken ct)
    {
        await using var client = await NutClient.ConnectAsync(address, ct: ct);
        var vars = (await client.ListVariablesAsync(address.UpsName, ct)).ToDictionary(kv => kv.Key, kv => kv.Value);
        double? Num(string name) => vars.TryGetValue(name, out var v) ? UpslogData.ParseNumber(v) : null;
        return new LiveUps(Num("ups.load"), Num("battery.charge"), Num("battery.charge.low"), Num("battery.runtime"));
    }
}
