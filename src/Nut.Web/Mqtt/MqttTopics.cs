using System.Text;
using Nut.Web.Watching;

namespace Nut.Web.Mqtt;

/// <summary>
/// Topic names. A UPS's topic segment is its NUT name; when more than one watched UPS has that name (two servers
/// each with a "ups"), each of them gets <c>name@host_port</c> instead, so neither overwrites the other. Every
/// segment is sanitised: '+', '#' and '/' (wildcards and the level separator) and control characters become '_',
/// as does a leading '$' (brokers reserve those topics for themselves).
/// </summary>
public static class MqttTopics
{
    /// <summary>The state topic and the command topics sit beside the per-variable topics; a variable with one of
    /// these names (NUT's always have a dot, so only a hand-made one could) is not published on its own topic.</summary>
    public static readonly string[] ReservedLeaves = ["state", "command"];

    public static string Availability(string prefix) => prefix + "/upsweb/status";

    public static string State(string prefix, string segment) => $"{prefix}/{segment}/state";

    public static string Variable(string prefix, string segment, string variable) => $"{prefix}/{segment}/{Segment(variable)}";

    public static string CommandSet(string prefix, string segment) => $"{prefix}/{segment}/command/set";

    public static string CommandResult(string prefix, string segment) => $"{prefix}/{segment}/command/result";

    /// <summary>The subscription that covers every UPS's command topic, present and future.</summary>
    public static string CommandFilter(string prefix) => prefix + "/+/command/set";

    /// <summary>The UPS segment of a command topic, or null when it is not one.</summary>
    public static string? SegmentOfCommand(string prefix, string topic)
    {
        const string suffix = "/command/set";
        if (!topic.StartsWith(prefix + "/", StringComparison.Ordinal) || !topic.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        string middle = topic[(prefix.Length + 1)..^suffix.Length];
        return middle.Length == 0 || middle.Contains('/') ? null : middle;
    }

    /// <summary>The topic segment of every UPS (by id), following the rule above.</summary>
    public static Dictionary<string, string> Assign(IEnumerable<UpsSnapshot> upses)
    {
        var list = upses.ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in list)
            counts[u.Name] = counts.GetValueOrDefault(u.Name) + 1;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in list)
            result[u.Id] = counts[u.Name] > 1 ? Segment(u.Name + "@" + ServerWord(u.Server)) : Segment(u.Name);
        return result;
    }

    /// <summary><c>host:port</c> as one word: IPv6 brackets dropped, every ':' an '_'.</summary>
    static string ServerWord(string server) => server.Replace("[", "").Replace("]", "").Replace(':', '_');

    /// <summary>One topic level made safe (see the class summary).</summary>
    public static string Segment(string text)
    {
        if (text.Length == 0)
            return "_";
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(c is '+' or '#' or '/' || char.IsControl(c) ? '_' : c);
        if (sb[0] == '$')
            sb[0] = '_';
        return sb.ToString();
    }

    /// <summary>Home Assistant accepts only [A-Za-z0-9_-] in a discovery node or object id.</summary>
    public static string DiscoveryId(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return sb.ToString();
    }
}
