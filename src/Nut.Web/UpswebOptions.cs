using System.Globalization;
using Nut.Core.Config;
using Nut.Web.Config;
using Nut.Web.Watching;

namespace Nut.Web;

/// <summary>
/// upsweb's command line. Everything upsweb.conf sets can be given here too, and the command line wins:
/// <c>upsweb --listen 127.0.0.1:8080 --ups bessie@host:3493</c> needs no file at all. Without --ups and
/// without -c, the file at $NUT_CONFPATH/upsweb.conf is read.
/// </summary>
public sealed class UpswebOptions
{
    public const string Usage = """
        upsweb - web dashboard, JSON API, Prometheus metrics and MQTT bridge for NUT servers

        usage: upsweb [OPTIONS]
               upsweb --import <upslog file> --ups <ups>@<host>[:<port>] [--format <fmt>] [--history <file>]

          -c, --config <file>     read this upsweb.conf (default: $NUT_CONFPATH/upsweb.conf when no --ups is given)
          -l, --listen <addr:port>  listen here (repeatable; default 127.0.0.1:8080)
          -u, --ups <ups@host[:port]>  watch this UPS; *@host watches every UPS of that server (repeatable)
              --poll <seconds>    time between two reads of a UPS (default 0.5)
              --history <file>    SQLite file for the history, or none (default /var/lib/nut/upsweb.db)
              --history-days <n>  keep this many days of history (default 35)
              --mqtt <host[:port]>  publish to this MQTT broker
              --upsmon-conf <file>  upsmon.conf with SHUTDOWNTIME lines for the battery budget (default: $NUT_CONFPATH/upsmon.conf)
              --import <file>     import an upslog file into the history of the --ups UPS, then exit
              --format <fmt>      the upslog format of the imported file (default: its "# format:" line, else upslog's)
              --check             read the configuration, report problems, and exit (non-zero on an error)
          -h, --help              this help

        """;

    public string? ConfigFile { get; private set; }
    public List<string> Listen { get; } = [];
    public List<string> Ups { get; } = [];
    public double? Poll { get; private set; }
    public string? History { get; private set; }
    public int? HistoryDays { get; private set; }
    public string? Mqtt { get; private set; }
    public string? UpsmonConf { get; private set; }
    public string? Import { get; private set; }
    public string? ImportFormat { get; private set; }
    public bool Check { get; private set; }
    public bool Help { get; private set; }

    /// <summary>Parses; returns null and the reason when the command line is wrong.</summary>
    public static UpswebOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var o = new UpswebOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is int eq and > 0)
                (arg, inline) = (arg[..eq], arg[(eq + 1)..]);
            string? Value()
            {
                if (inline is not null)
                    return inline;
                if (i + 1 < args.Length)
                    return args[++i];
                return null;
            }
            switch (arg)
            {
                case "-h" or "--help": o.Help = true; continue;
                case "--check": o.Check = true; continue;
            }
            string? value = Value();
            if (value is null)
            {
                error = arg.StartsWith('-') ? $"{arg} needs a value" : $"unexpected argument '{arg}'";
                return null;
            }
            switch (arg)
            {
                case "-c" or "--config": o.ConfigFile = value; break;
                case "-l" or "--listen": o.Listen.Add(value); break;
                case "-u" or "--ups": o.Ups.Add(value); break;
                case "--poll":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || p < 0.05 || p > 3600)
                    {
                        error = $"--poll {value}: expected a number of seconds from 0.05 to 3600";
                        return null;
                    }
                    o.Poll = p;
                    break;
                case "--history": o.History = value; break;
                case "--history-days":
                    if (!int.TryParse(value, out int d) || d < 1 || d > 3650)
                    {
                        error = $"--history-days {value}: expected a number of days from 1 to 3650";
                        return null;
                    }
                    o.HistoryDays = d;
                    break;
                case "--mqtt": o.Mqtt = value; break;
                case "--upsmon-conf": o.UpsmonConf = value; break;
                case "--import": o.Import = value; break;
                case "--format": o.ImportFormat = value; break;
                default:
                    error = $"unknown option '{arg}'";
                    return null;
            }
        }
        return o;
    }

    /// <summary>The settings: the config file's (if one is read), with the command line on top.</summary>
    public (UpswebSettings Settings, List<ConfigDiagnostic> Diagnostics) Resolve()
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var settings = new UpswebSettings();
        string? file = ConfigFile ?? (Ups.Count == 0 ? NutPaths.ConfFile(UpswebConf.FileName) : null);
        if (file is not null)
        {
            try
            {
                (settings, diagnostics) = UpswebConf.Load(file);
            }
            catch (ConfigException e)
            {
                diagnostics.Add(new ConfigDiagnostic(file, 0, e.Message + (ConfigFile is null ? " (give --ups, or -c with a config file)" : ""), IsError: true));
            }
        }
        const string cli = "command line";
        foreach (var l in Listen)
        {
            if (ListenEndpoint.TryParse(l, out var err) is { } ep) settings.Listen.Add(ep);
            else diagnostics.Add(new ConfigDiagnostic(cli, 0, "--listen " + err, IsError: true));
        }
        foreach (var u in Ups)
        {
            if (WatchTarget.TryParse(u, out var err) is { } t) settings.Targets.Add(t);
            else diagnostics.Add(new ConfigDiagnostic(cli, 0, $"--ups {u}: {err}", IsError: true));
        }
        if (Poll is { } poll)
            settings = settings with { Watch = settings.Watch with { PollInterval = TimeSpan.FromSeconds(poll) } };
        if (History is not null)
            settings = settings with { HistoryFile = History == "none" ? null : History, HistoryFileGiven = true };
        if (UpsmonConf is not null)
            settings = settings with { UpsmonConf = UpsmonConf == "none" ? null : UpsmonConf };
        if (HistoryDays is { } days)
            settings = settings with { HistoryDays = days };
        if (Mqtt is not null)
        {
            if (settings.Mqtt.WithBroker(Mqtt, out var err) is { } mqtt)
                settings = settings with { Mqtt = mqtt };
            else
                diagnostics.Add(new ConfigDiagnostic(cli, 0, $"--mqtt {Mqtt}: {err}", IsError: true));
        }
        if (settings.Targets.Count == 0 && !diagnostics.Any(d => d.IsError))
            diagnostics.Add(new ConfigDiagnostic(file ?? cli, 0, "nothing to watch: give --ups <ups>@<host>, or MONITOR lines in upsweb.conf", IsError: true));
        return (settings, diagnostics);
    }
}
