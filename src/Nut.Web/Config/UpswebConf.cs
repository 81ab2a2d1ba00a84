using System.Globalization;
using Nut.Core.Config;
using Nut.Web.Watching;

namespace Nut.Web.Config;

/// <summary>
/// upsweb.conf: NUT's file syntax (words, quotes, backslash escapes, # comments), one directive per line.
/// Unlike NUT's own files, a line upsweb does not understand is an error that stops it from starting, with the
/// file, the line and what was expected: a new file has no old configurations to stay lenient for.
/// See docs/upsweb.md for the directives.
/// </summary>
public static class UpswebConf
{
    public const string FileName = "upsweb.conf";

    public static (UpswebSettings Settings, List<ConfigDiagnostic> Diagnostics) Load(string path) =>
        Parse(path, ConfigFile.ReadBytes(path));

    public static (UpswebSettings Settings, List<ConfigDiagnostic> Diagnostics) Parse(string fileName, ReadOnlySpan<byte> content)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var s = new UpswebSettings();
        var watch = s.Watch;
        var mqtt = s.Mqtt;
        foreach (var line in ConfigFile.Lines(fileName, content, diagnostics))
        {
            var w = line.Words;
            int n = line.LineNumber;
            void Error(string message) => diagnostics.Add(new ConfigDiagnostic(fileName, n, message, IsError: true));
            bool Args(int min, int max, string usage)
            {
                if (w.Length - 1 >= min && w.Length - 1 <= max)
                    return true;
                Error($"{w[0]}: expected {usage}");
                return false;
            }
            double? Seconds(string text, double min, double max)
            {
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= min && d <= max)
                    return d;
                Error($"{w[0]} {text}: expected a number of seconds from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
                return null;
            }
            bool? YesNo(string text)
            {
                switch (text.ToLowerInvariant())
                {
                    case "yes" or "on" or "true" or "1": return true;
                    case "no" or "off" or "false" or "0": return false;
                }
                Error($"{w[0]} {text}: expected yes or no");
                return null;
            }

            switch (w[0])
            {
                case "LISTEN" when Args(1, 2, "LISTEN <address> [<port>]"):
                    var ep = ListenEndpoint.TryParse(w.Length == 3 ? FormatHostPort(w[1], w[2]) : w[1], out var lerr);
                    if (ep is null) Error("LISTEN " + lerr);
                    else s.Listen.Add(ep);
                    break;
                case "MONITOR" when Args(1, 3, "MONITOR <ups>@<host>[:<port>] [<user> <password>] (or *@<host> for every UPS there)"):
                    if (w.Length == 3)
                    {
                        Error("MONITOR: a user needs a password too: MONITOR <ups>@<host> <user> <password>");
                        break;
                    }
                    var target = WatchTarget.TryParse(w[1], out var terr);
                    if (target is null) Error($"MONITOR {w[1]}: {terr}");
                    else s.Targets.Add(w.Length == 4 ? target with { User = w[2], Password = w[3] } : target);
                    break;
                case "POLLINTERVAL" when Args(1, 1, "POLLINTERVAL <seconds>"):
                    if (Seconds(w[1], 0.05, 3600) is { } poll) watch = watch with { PollInterval = TimeSpan.FromSeconds(poll) };
                    break;
                case "TIMEOUT" when Args(1, 1, "TIMEOUT <seconds>"):
                    if (Seconds(w[1], 0.1, 600) is { } timeout) watch = watch with { Timeout = TimeSpan.FromSeconds(timeout) };
                    break;
                case "STARTTLS" when Args(1, 1, "STARTTLS yes|no"):
                    if (YesNo(w[1]) is { } tls) watch = watch with { TryTls = tls };
                    break;
                case "HISTORY" when Args(1, 1, "HISTORY <file.db> (or none: keep history in memory only)"):
                    s = s with { HistoryFile = w[1] == "none" ? null : w[1], HistoryFileGiven = true };
                    break;
                case "HISTORYINTERVAL" when Args(1, 1, "HISTORYINTERVAL <seconds>"):
                    if (Seconds(w[1], 1, 3600) is { } hi) s = s with { HistoryInterval = TimeSpan.FromSeconds(hi) };
                    break;
                case "HISTORYDAYS" when Args(1, 1, "HISTORYDAYS <days>"):
                    if (int.TryParse(w[1], out int days) && days >= 1 && days <= 3650) s = s with { HistoryDays = days };
                    else Error($"HISTORYDAYS {w[1]}: expected a number of days from 1 to 3650");
                    break;
                case "UPSMONCONF" when Args(1, 1, "UPSMONCONF <file> (or none)"):
                    s = s with { UpsmonConf = w[1] == "none" ? null : w[1] };
                    break;
                case "SESSIONTIMEOUT" when Args(1, 1, "SESSIONTIMEOUT <seconds>"):
                    if (Seconds(w[1], 10, 86400 * 7) is { } idle) s = s with { SessionIdle = TimeSpan.FromSeconds(idle) };
                    break;
                case "MQTT" when Args(1, 1, "MQTT <broker host>[:<port>]"):
                    if (mqtt.WithBroker(w[1], out var merr) is { } withBroker) mqtt = withBroker;
                    else Error($"MQTT {w[1]}: {merr}");
                    break;
                case "MQTTUSER" when Args(1, 1, "MQTTUSER <user>"): mqtt = mqtt with { User = w[1] }; break;
                case "MQTTPASSWORD" when Args(1, 1, "MQTTPASSWORD <password>"): mqtt = mqtt with { Password = w[1] }; break;
                case "MQTTCLIENTID" when Args(1, 1, "MQTTCLIENTID <id>"): mqtt = mqtt with { ClientId = w[1] }; break;
                case "MQTTPREFIX" when Args(1, 1, "MQTTPREFIX <topic prefix>"):
                    if (w[1].Length == 0 || w[1].IndexOfAny(['+', '#']) >= 0) Error($"MQTTPREFIX {w[1]}: expected a topic without + or #");
                    else mqtt = mqtt with { TopicPrefix = w[1].TrimEnd('/') };
                    break;
                case "MQTTDISCOVERY" when Args(1, 1, "MQTTDISCOVERY <prefix>|off"):
                    mqtt = mqtt with { DiscoveryPrefix = w[1] is "off" or "no" ? null : w[1].TrimEnd('/') };
                    break;
                case "MQTTCOMMANDS" when Args(1, 1, "MQTTCOMMANDS yes|no"):
                    if (YesNo(w[1]) is { } cmds) mqtt = mqtt with { AcceptCommands = cmds };
                    break;
                case "LISTEN" or "MONITOR" or "POLLINTERVAL" or "TIMEOUT" or "STARTTLS" or "HISTORY" or "HISTORYINTERVAL" or "HISTORYDAYS"
                    or "SESSIONTIMEOUT" or "UPSMONCONF" or "MQTT" or "MQTTUSER" or "MQTTPASSWORD" or "MQTTCLIENTID" or "MQTTPREFIX" or "MQTTDISCOVERY" or "MQTTCOMMANDS":
                    break; // wrong number of words: Args reported it
                default:
                    Error($"unknown directive {w[0]}: expected one of LISTEN, MONITOR, POLLINTERVAL, TIMEOUT, STARTTLS, HISTORY, HISTORYINTERVAL, "
                        + "HISTORYDAYS, SESSIONTIMEOUT, UPSMONCONF, MQTT, MQTTUSER, MQTTPASSWORD, MQTTCLIENTID, MQTTPREFIX, MQTTDISCOVERY, MQTTCOMMANDS");
                    break;
            }
        }
        return (s with { Watch = watch, Mqtt = mqtt }, diagnostics);
    }

    static string FormatHostPort(string address, string port) => (address.Contains(':') ? $"[{address}]" : address) + ":" + port;
}
