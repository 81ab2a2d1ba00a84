using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Nut.Web.Tests.Mqtt;

/// <summary>A message as the probe received it.</summary>
public sealed record Received(string Topic, string Payload, bool Retained, DateTime At);

/// <summary>
/// An MQTT client that subscribes to everything on the broker and keeps what arrives, the way Home Assistant or
/// mosquitto_sub would see it (retained messages arrive with the retain flag on subscription).
/// </summary>
public sealed class MqttProbe : IDisposable
{
    readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    readonly List<Received> _messages = [];

    public MqttProbe(int port)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            lock (_messages)
                _messages.Add(new Received(m.Topic, m.ConvertPayloadToString() ?? "", m.Retain, DateTime.UtcNow));
            return Task.CompletedTask;
        };
        // MQTT 5 with "retain as published": a broker otherwise clears the retain flag of messages it forwards live,
        // and the tests could not tell a retained publication from a plain one.
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("probe-" + Guid.NewGuid().ToString("N")).Build();
        _client.ConnectAsync(options).GetAwaiter().GetResult();
        var subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic("#").WithAtLeastOnceQoS().WithRetainAsPublished(true)).Build();
        _client.SubscribeAsync(subscription).GetAwaiter().GetResult();
    }

    public List<Received> All
    {
        get { lock (_messages) return [.. _messages]; }
    }

    public Received? Latest(string topic) => All.LastOrDefault(m => m.Topic == topic);

    public string Dump() => string.Join("\n", All.Select(m => $"{m.Topic}{(m.Retained ? " (retained)" : "")}: {m.Payload}"));

    /// <summary>Waits until the latest message on <paramref name="topic"/> satisfies <paramref name="condition"/>.</summary>
    public Received WaitFor(string topic, Func<Received, bool> condition, string what, double seconds = 20)
    {
        var end = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (Latest(topic) is { } m && condition(m))
                return m;
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"waited in vain for {what} on {topic}; received:\n{Dump()}");
            Thread.Sleep(50);
        }
    }

    public Received WaitFor(string topic, string what, double seconds = 20) => WaitFor(topic, _ => true, what, seconds);

    public JsonElement WaitForJson(string topic, Func<JsonElement, bool> condition, string what, double seconds = 20) =>
        Json(WaitFor(topic, m => m.Payload.Length > 0 && condition(Json(m)), what, seconds));

    public static JsonElement Json(Received m) => JsonDocument.Parse(m.Payload).RootElement.Clone();

    public void Publish(string topic, string payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();

    public void Dispose()
    {
        try
        {
            if (_client.IsConnected)
                _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The broker may be gone already (the restart test): nothing to say goodbye to.
        }
        _client.Dispose();
    }
}
