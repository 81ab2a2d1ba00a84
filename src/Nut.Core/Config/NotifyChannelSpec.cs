namespace Nut.Core.Config;

/// <summary>The kinds of notification channel upsmon can deliver to without a script.</summary>
public enum NotifyChannelKind { Webhook, Ntfy, Telegram, Gotify, Smtp }

/// <summary>
/// A NutSharp extension of upsmon.conf: <c>NOTIFYCHANNEL &lt;name&gt; &lt;kind&gt; &lt;arguments&gt;</c> — a place
/// notifications are delivered to directly (HTTP or SMTP), besides SYSLOG/WALL/EXEC. Which types go where is
/// said by <c>NOTIFYSEND &lt;type|*&gt; &lt;channel&gt;[,&lt;channel&gt;...]</c>; without any NOTIFYSEND line every
/// channel gets every notification that is not IGNOREd.
/// <list type="bullet">
/// <item><c>webhook &lt;url&gt; [&lt;json-template&gt;]</c>: POST JSON ({type}, {ups}, {message}, {host}, {time} in the template)</item>
/// <item><c>ntfy &lt;topic-url&gt;</c>: POST the message to an ntfy topic</item>
/// <item><c>telegram &lt;bot-token&gt; &lt;chat-id&gt; [&lt;api-url&gt;]</c></item>
/// <item><c>gotify &lt;server-url&gt; &lt;app-token&gt;</c></item>
/// <item><c>smtp &lt;host[:port]&gt; &lt;from&gt; &lt;to[,to...]&gt; [starttls|plain] [&lt;user&gt; &lt;password&gt;]</c></item>
/// </list>
/// </summary>
public sealed record NotifyChannelSpec(string Name, NotifyChannelKind Kind, IReadOnlyList<string> Args, int Line)
{
    public const string Directive = "NOTIFYCHANNEL";
    public const string SendDirective = "NOTIFYSEND";

    static readonly Dictionary<string, (NotifyChannelKind Kind, int Min, int Max, string Usage)> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["webhook"] = (NotifyChannelKind.Webhook, 1, 2, "webhook <url> [<json-template>]"),
        ["ntfy"] = (NotifyChannelKind.Ntfy, 1, 1, "ntfy <topic-url>"),
        ["telegram"] = (NotifyChannelKind.Telegram, 2, 3, "telegram <bot-token> <chat-id> [<api-url>]"),
        ["gotify"] = (NotifyChannelKind.Gotify, 2, 2, "gotify <server-url> <app-token>"),
        ["smtp"] = (NotifyChannelKind.Smtp, 3, 6, "smtp <host[:port]> <from> <to[,to...]> [starttls|plain] [<user> <password>]"),
    };

    /// <summary>Parses one NOTIFYCHANNEL line; null with <paramref name="error"/> saying what was expected.</summary>
    public static NotifyChannelSpec? Parse(string[] words, int line, out string? error)
    {
        error = null;
        if (words.Length < 3)
        {
            error = $"expected {Directive} <name> webhook|ntfy|telegram|gotify|smtp <arguments>";
            return null;
        }
        if (!Kinds.TryGetValue(words[2], out var kind))
        {
            error = $"'{words[2]}' is not a channel kind: expected webhook, ntfy, telegram, gotify or smtp";
            return null;
        }
        string[] args = words[3..];
        if (args.Length < kind.Min || args.Length > kind.Max || (kind.Kind == NotifyChannelKind.Smtp && args.Length == 5))
        {
            error = $"expected {Directive} {words[1]} {kind.Usage}";
            return null;
        }
        string? url = kind.Kind switch
        {
            NotifyChannelKind.Webhook or NotifyChannelKind.Ntfy or NotifyChannelKind.Gotify => args[0],
            NotifyChannelKind.Telegram when args.Length == 3 => args[2],
            _ => null,
        };
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            error = $"'{url}' is not an http:// or https:// address";
            return null;
        }
        if (kind.Kind == NotifyChannelKind.Smtp)
        {
            if (args.Length >= 4 && args[3] is not ("starttls" or "plain"))
            {
                error = $"'{args[3]}' is not an SMTP security: expected starttls (the default) or plain";
                return null;
            }
            if (!args[1].Contains('@') || args[2].Split(',').Any(a => !a.Contains('@')))
            {
                error = "the sender and every recipient must be e-mail addresses (name@domain)";
                return null;
            }
        }
        return new NotifyChannelSpec(words[1], kind.Kind, args, line);
    }
}

/// <summary><c>NOTIFYSEND &lt;type|*&gt; &lt;channel&gt;[,...]</c>: which notification types a channel gets.</summary>
public sealed record NotifySendRule(string Type, IReadOnlyList<string> Channels, int Line)
{
    public bool Matches(string type) => Type == "*" || string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}
