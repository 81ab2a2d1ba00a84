using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nut.Web.Watching;

namespace Nut.Web.Mqtt;

/// <summary>
/// The retained JSON of <c>&lt;prefix&gt;/&lt;ups&gt;/state</c>: the figures a home-automation rule wants under
/// fixed snake_case names (null when the UPS does not report them), and every variable as upsd gave it.
/// Written with Utf8JsonWriter because the variables are an open set of keys (no reflection either way).
/// </summary>
public static class MqttStatePayload
{
    /// <summary>Field name, and how to read it from a snapshot. Home Assistant's templates read these names.</summary>
    public static readonly (string Field, Func<UpsSnapshot, double?> Read)[] Figures =
    [
        ("battery_charge", s => s.Number("battery.charge")),
        ("battery_runtime", s => s.Number("battery.runtime")),
        ("load", s => s.Number("ups.load")),
        ("input_voltage", s => s.Number("input.voltage")),
        ("output_voltage", s => s.Number("output.voltage")),
        ("temperature", s => s.Temperature),
    ];

    // MQTT payloads are not embedded in HTML: no need to escape '°' or '<' the way the default encoder does.
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Build(UpsSnapshot s)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("id", s.Id);
            w.WriteString("server", s.Server);
            w.WriteString("reachability", Snake(s.Reachability.ToString()));
            w.WriteString("problem", s.Problem);
            w.WriteString("status", s.Get("ups.status"));
            w.WriteStartArray("flags");
            foreach (var f in s.Flags)
                w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteStartArray("status_words");
            foreach (var word in UpsStatus.Words(s.Flags))
                w.WriteStringValue(word);
            w.WriteEndArray();
            w.WriteString("headline", s.Headline);
            w.WriteString("severity", Snake(s.Severity.ToString()));
            w.WriteBoolean("on_battery", s.OnBattery);
            w.WriteBoolean("low_battery", s.Flags.Contains("LB"));
            w.WriteBoolean("replace_battery", s.Flags.Contains("RB"));
            foreach (var (field, read) in Figures)
            {
                if (read(s) is { } d)
                    w.WriteNumber(field, d);
                else
                    w.WriteNull(field);
            }
            w.WriteString("polled", s.Polled);
            if (s.LastGood is { } good)
                w.WriteString("last_good", good);
            else
                w.WriteNull("last_good");
            w.WriteStartObject("variables");
            foreach (var (name, value) in s.Variables)
                w.WriteString(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
