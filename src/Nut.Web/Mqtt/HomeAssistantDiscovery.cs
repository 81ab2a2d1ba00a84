using System.Text.Json;
using Nut.Core.Protocol;
using Nut.Web.Watching;

namespace Nut.Web.Mqtt;

/// <summary>
/// Home Assistant's MQTT discovery: one retained config message per entity at
/// <c>&lt;discovery&gt;/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config</c>, all reading the UPS's one state topic
/// through templates, so a state change is one message however many entities there are.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>A numeric sensor: its object id (also the state JSON field), name, device class and unit.</summary>
    sealed record Sensor(string Field, string Name, string DeviceClass, string Unit);

    /// <summary>Sensors published only when the UPS reports the figure (a UPS without a thermometer gets no
    /// temperature entity that stays "unknown" forever).</summary>
    static readonly Sensor[] Sensors =
    [
        new("battery_charge", "Battery charge", "battery", "%"),
        new("battery_runtime", "Battery runtime", "duration", "s"),
        // Home Assistant has no "load" class; power_factor is the class it documents for a percentage of capacity.
        new("load", "Load", "power_factor", "%"),
        new("input_voltage", "Input voltage", "voltage", "V"),
        new("output_voltage", "Output voltage", "voltage", "V"),
        new("temperature", "Temperature", "temperature", "°C"),
    ];

    /// <summary>Binary sensors: object id (the state JSON's boolean) , name, device class (null: plain on/off).</summary>
    static readonly (string Field, string Name, string? DeviceClass)[] Flags =
    [
        ("on_battery", "On battery", null),
        // "battery": on means low; "problem": on means something needs attention.
        ("low_battery", "Low battery", "battery"),
        ("replace_battery", "Replace battery", "problem"),
    ];

    static readonly HaOrigin Origin = new("NutSharp upsweb", NutVersion.Release);

    /// <summary>The config messages (topic, JSON) for one UPS as it is now.</summary>
    public static List<(string Topic, string Payload)> Build(UpsSnapshot s, string segment, string prefix, string discoveryPrefix)
    {
        string node = MqttTopics.DiscoveryId(s.Id);
        string stateTopic = MqttTopics.State(prefix, segment);
        var device = new HaDevice(
            Identifiers: ["nutsharp_" + node],
            Name: segment == MqttTopics.Segment(s.Name) ? s.Name : s.Id,
            Manufacturer: s.Get("device.mfr") ?? s.Get("ups.mfr"),
            Model: s.Get("device.model") ?? s.Get("ups.model"),
            SwVersion: s.Get("driver.version"),
            SerialNumber: s.Get("device.serial") ?? s.Get("ups.serial"));
        var upsweb = new HaAvailability(MqttTopics.Availability(prefix));
        // Measurements of a UPS that cannot be read are unavailable, not the last value seen.
        HaAvailability[] readable =
        [
            upsweb,
            new HaAvailability(stateTopic, "{{ 'online' if value_json.reachability == 'ok' else 'offline' }}"),
        ];

        var messages = new List<(string, string)>();
        void Add(string component, string objectId, HaEntityConfig config) =>
            messages.Add(($"{discoveryPrefix}/{component}/{node}/{objectId}/config", JsonSerializer.Serialize(config, MqttJson.Readable.HaEntityConfig)));

        // The status text stays available while the UPS is unreachable: "Unreachable" is then its news.
        Add("sensor", "status", new HaEntityConfig("Status", $"nutsharp_{node}_status", stateTopic, "{{ value_json.headline }}",
            [upsweb], "all", device, Origin,
            JsonAttributesTopic: stateTopic,
            JsonAttributesTemplate: "{{ {'status': value_json.status, 'flags': value_json.flags, 'severity': value_json.severity, 'reachability': value_json.reachability} | tojson }}"));
        foreach (var sensor in Sensors)
        {
            if (MqttStatePayload.Figures.First(f => f.Field == sensor.Field).Read(s) is null)
                continue;
            Add("sensor", sensor.Field, new HaEntityConfig(sensor.Name, $"nutsharp_{node}_{sensor.Field}", stateTopic,
                $"{{{{ value_json.{sensor.Field} }}}}", readable, "all", device, Origin,
                DeviceClass: sensor.DeviceClass, UnitOfMeasurement: sensor.Unit, StateClass: "measurement"));
        }
        foreach (var (field, name, deviceClass) in Flags)
            Add("binary_sensor", field, new HaEntityConfig(name, $"nutsharp_{node}_{field}", stateTopic,
                $"{{{{ 'ON' if value_json.{field} else 'OFF' }}}}", readable, "all", device, Origin,
                DeviceClass: deviceClass, PayloadOn: "ON", PayloadOff: "OFF"));
        return messages;
    }
}
