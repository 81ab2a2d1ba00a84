using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nut.Web.Mqtt;

/// <summary>The <c>device</c> block of a discovery message: ties every entity of one UPS to one device.</summary>
public sealed record HaDevice(string[] Identifiers, string Name, string? Manufacturer, string? Model, string? SwVersion, string? SerialNumber);

/// <summary>One availability source; an entity is available only when all of its sources say so.</summary>
public sealed record HaAvailability(string Topic, string? ValueTemplate = null, string PayloadAvailable = "online", string PayloadNotAvailable = "offline");

/// <summary>The <c>origin</c> block: which program published the discovery message (Home Assistant logs it).</summary>
public sealed record HaOrigin(string Name, string SwVersion);

/// <summary>A sensor or binary_sensor discovery config, in Home Assistant's field names.</summary>
public sealed record HaEntityConfig(
    string Name,
    string UniqueId,
    string StateTopic,
    string ValueTemplate,
    HaAvailability[] Availability,
    string AvailabilityMode,
    HaDevice Device,
    HaOrigin Origin,
    string? DeviceClass = null,
    string? UnitOfMeasurement = null,
    string? StateClass = null,
    string? PayloadOn = null,
    string? PayloadOff = null,
    string? JsonAttributesTopic = null,
    string? JsonAttributesTemplate = null);

/// <summary>What <c>&lt;prefix&gt;/&lt;ups&gt;/command/result</c> carries: the command as understood, and upsd's answer.</summary>
public sealed record MqttCommandResult(string Ups, string? Command, string? Parameter, bool Ok, string Result, string Message);

/// <summary>Generated serialisers for the MQTT payloads (NativeAOT: no reflection). snake_case, as Home Assistant
/// expects; absent optional fields are left out rather than sent as null.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HaEntityConfig))]
[JsonSerializable(typeof(MqttCommandResult))]
public sealed partial class MqttJson : JsonSerializerContext
{
    /// <summary>The same, without escaping '°' and quotes as \u00B0 and \u0027: an MQTT payload is never embedded
    /// in HTML, and people read these messages with mosquitto_sub.</summary>
    public static MqttJson Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
