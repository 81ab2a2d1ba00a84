using System.Globalization;
using System.Text;
using System.Text.Json;
using Nut.Core.Config;

namespace Nut.Monitor.Channels;

/// <summary>What a channel delivers: one notification, with the machine it came from and when.</summary>
public sealed record ChannelMessage(string Type, string? Ups, string Text, string Host, DateTimeOffset Time)
{
    /// <summary>A short title: "host: TYPE ups".</summary>
    public string Title => Ups is null ? $"{Host}: {Type}" : $"{Host}: {Type} {Ups}";

    /// <summary>The types that need someone's attention now (the machine is going down, or may).</summary>
    public bool Urgent => Type is "LOWBATT" or "FSD" or "SHUTDOWN" or "COMMBAD" or "NOCOMM" or "NOPARENT" or "ONBATT";
}

/// <summary>One place notifications go (NOTIFYCHANNEL). Sending throws on failure; the dispatcher retries.</summary>
public abstract class NotificationChannel(NotifyChannelSpec spec)
{
    public string Name => spec.Name;
    public NotifyChannelKind Kind => spec.Kind;
    protected IReadOnlyList<string> Args => spec.Args;

    public abstract Task SendAsync(ChannelMessage message, CancellationToken ct);

    public static NotificationChannel Create(NotifyChannelSpec spec, HttpClient http) => spec.Kind switch
    {
        NotifyChannelKind.Webhook => new WebhookChannel(spec, http),
        NotifyChannelKind.Ntfy => new NtfyChannel(spec, http),
        NotifyChannelKind.Telegram => new TelegramChannel(spec, http),
        NotifyChannelKind.Gotify => new GotifyChannel(spec, http),
        _ => new SmtpChannel(spec),
    };

    /// <summary>A JSON object of string properties, written without reflection (NativeAOT).</summary>
    protected static string Json(params (string Name, object Value)[] properties)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                if (value is int i) w.WriteNumber(name, i);
                else w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Posts <paramref name="content"/> and fails on any status other than 2xx, naming it.</summary>
    protected static async Task PostAsync(HttpClient http, string url, HttpContent content, CancellationToken ct, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    protected static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>POST JSON to a URL: the default object, or the user's template with {type} {ups} {message} {host} {time}.</summary>
public sealed class WebhookChannel(NotifyChannelSpec spec, HttpClient http) : NotificationChannel(spec)
{
    public override Task SendAsync(ChannelMessage m, CancellationToken ct)
    {
        string time = m.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        string body = Args.Count > 1
            ? Args[1].Replace("{type}", Escape(m.Type)).Replace("{ups}", Escape(m.Ups ?? "")).Replace("{message}", Escape(m.Text))
                .Replace("{host}", Escape(m.Host)).Replace("{time}", Escape(time))
            : Json(("type", m.Type), ("ups", m.Ups ?? ""), ("message", m.Text), ("host", m.Host), ("time", time));
        return PostAsync(http, Args[0], JsonContent(body), ct);
    }

    /// <summary>The text as it goes inside a JSON string (the template supplies the quotes).</summary>
    static string Escape(string s)
    {
        string quoted = JsonSerializer.Serialize(s, NotifyJson.Default.String);
        return quoted[1..^1];
    }
}

/// <summary>ntfy: the message is the body; title and priority as headers.</summary>
public sealed class NtfyChannel(NotifyChannelSpec spec, HttpClient http) : NotificationChannel(spec)
{
    public override Task SendAsync(ChannelMessage m, CancellationToken ct) =>
        PostAsync(http, Args[0], new StringContent(m.Text, Encoding.UTF8, "text/plain"), ct,
            ("Title", m.Title), ("Priority", m.Urgent ? "high" : "default"), ("Tags", m.Urgent ? "warning,electric_plug" : "electric_plug"));
}

/// <summary>Telegram's Bot API sendMessage.</summary>
public sealed class TelegramChannel(NotifyChannelSpec spec, HttpClient http) : NotificationChannel(spec)
{
    public const string DefaultApi = "https://api.telegram.org";

    public override Task SendAsync(ChannelMessage m, CancellationToken ct)
    {
        string api = (Args.Count > 2 ? Args[2] : DefaultApi).TrimEnd('/');
        return PostAsync(http, $"{api}/bot{Args[0]}/sendMessage", JsonContent(Json(("chat_id", Args[1]), ("text", $"{m.Host}: {m.Text}"))), ct);
    }
}

/// <summary>Gotify: POST /message with the application token.</summary>
public sealed class GotifyChannel(NotifyChannelSpec spec, HttpClient http) : NotificationChannel(spec)
{
    public override Task SendAsync(ChannelMessage m, CancellationToken ct) =>
        PostAsync(http, $"{Args[0].TrimEnd('/')}/message?token={Uri.EscapeDataString(Args[1])}",
            JsonContent(Json(("title", m.Title), ("message", m.Text), ("priority", m.Urgent ? 8 : 4))), ct);
}
