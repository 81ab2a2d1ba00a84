using System.Text.Json;
using Nut.Testing;
using Nut.Web.Mqtt;

namespace Nut.Web.Tests.Mqtt;

/// <summary>
/// The real upsweb executable publishing to Debian's mosquitto, watching our upsd and dummy-ups, seen through an
/// MQTTnet subscriber the way Home Assistant would see it.
/// </summary>
public sealed class MqttBridgeTests : IDisposable
{
    const string Bessie = """
        ups.mfr: Acme
        ups.model: Bessie 1500
        ups.serial: AB123
        ups.status: OL CHRG
        battery.charge: 100
        battery.runtime: 1800
        ups.load: 23
        input.voltage: 230.0
        output.voltage: 229.5
        ups.temperature: 31.5
        """;

    // No load, voltages or temperature: Home Assistant must not get entities for them.
    const string Plain = """
        ups.status: OL
        battery.charge: 80
        """;

    readonly TempDir _dir = new("mqtt-test");
    readonly Mosquitto _broker = new Mosquitto().Start();

    public void Dispose()
    {
        _broker.Dispose();
        _dir.Dispose();
    }

    StackUps[] Upses => [new StackUps("bessie", _dir.Write("bessie.dev", Bessie)), new StackUps("plain", _dir.Write("plain.dev", Plain))];

    WebStack Start(IEnumerable<string>? watch = null, params string[] args) =>
        new(Impl.Ours, Upses, watch, ["--mqtt", $"127.0.0.1:{_broker.Port}", .. args]);

    static void SetStatus(WebStack stack, string ups, string status)
    {
        using var admin = stack.Nut.Connect();
        Assert.Equal("OK", admin.Request("USERNAME admin"));
        Assert.Equal("OK", admin.Request("PASSWORD mypass"));
        Assert.Equal("OK", admin.Request($"SET VAR {ups} ups.status \"{status}\""));
    }

    [Fact]
    public void PublishesAvailabilityDiscoveryStateAndVariables()
    {
        using var stack = Start();
        using var probe = new MqttProbe(_broker.Port);
        string node = MqttTopics.DiscoveryId(stack.Id("bessie"));

        Assert.True(probe.WaitFor("nut/upsweb/status", m => m.Payload == "online", "availability").Retained);

        var state = probe.WaitForJson("nut/bessie/state", j => j.GetProperty("reachability").GetString() == "ok", "bessie's state");
        Assert.True(probe.Latest("nut/bessie/state")!.Retained);
        Assert.Equal("OL CHRG", state.GetProperty("status").GetString());
        Assert.Equal(["OL", "CHRG"], state.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("On line, charging", state.GetProperty("headline").GetString());
        Assert.Equal("ok", state.GetProperty("severity").GetString());
        Assert.False(state.GetProperty("on_battery").GetBoolean());
        Assert.Equal(100, state.GetProperty("battery_charge").GetDouble());
        Assert.Equal(1800, state.GetProperty("battery_runtime").GetDouble());
        Assert.Equal(23, state.GetProperty("load").GetDouble());
        Assert.Equal(230, state.GetProperty("input_voltage").GetDouble());
        Assert.Equal(229.5, state.GetProperty("output_voltage").GetDouble());
        Assert.Equal(31.5, state.GetProperty("temperature").GetDouble());
        Assert.Equal("Acme", state.GetProperty("variables").GetProperty("device.mfr").GetString());

        var charge = probe.WaitFor("nut/bessie/battery.charge", "battery.charge's own topic");
        Assert.Equal("100", charge.Payload);
        Assert.True(charge.Retained);
        Assert.Equal("Bessie 1500", probe.WaitFor("nut/bessie/device.model", "device.model's own topic").Payload);

        // Discovery: every sensor bessie reports, tied to one device, reading the one state topic.
        string driverVersion = state.GetProperty("variables").GetProperty("driver.version").GetString()!;
        (string Object, string Class, string Unit)[] sensors =
        [
            ("battery_charge", "battery", "%"), ("battery_runtime", "duration", "s"), ("load", "power_factor", "%"),
            ("input_voltage", "voltage", "V"), ("output_voltage", "voltage", "V"), ("temperature", "temperature", "°C"),
        ];
        foreach (var (obj, cls, unit) in sensors)
        {
            var config = Config(probe, $"homeassistant/sensor/{node}/{obj}/config");
            Assert.Equal($"nutsharp_{node}_{obj}", config.GetProperty("unique_id").GetString());
            Assert.Equal("nut/bessie/state", config.GetProperty("state_topic").GetString());
            Assert.Equal($"{{{{ value_json.{obj} }}}}", config.GetProperty("value_template").GetString());
            Assert.Equal(cls, config.GetProperty("device_class").GetString());
            Assert.Equal(unit, config.GetProperty("unit_of_measurement").GetString());
            Assert.Equal("measurement", config.GetProperty("state_class").GetString());
            Assert.Contains(config.GetProperty("availability").EnumerateArray(), a => a.GetProperty("topic").GetString() == "nut/upsweb/status");
            var device = config.GetProperty("device");
            Assert.Equal([$"nutsharp_{node}"], device.GetProperty("identifiers").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal("bessie", device.GetProperty("name").GetString());
            Assert.Equal("Acme", device.GetProperty("manufacturer").GetString());
            Assert.Equal("Bessie 1500", device.GetProperty("model").GetString());
            Assert.Equal(driverVersion, device.GetProperty("sw_version").GetString());
        }
        var status = Config(probe, $"homeassistant/sensor/{node}/status/config");
        Assert.Equal("{{ value_json.headline }}", status.GetProperty("value_template").GetString());
        foreach (var (obj, cls) in new[] { ("on_battery", (string?)null), ("low_battery", "battery"), ("replace_battery", "problem") })
        {
            var config = Config(probe, $"homeassistant/binary_sensor/{node}/{obj}/config");
            Assert.Equal($"nutsharp_{node}_{obj}", config.GetProperty("unique_id").GetString());
            Assert.Equal("nut/bessie/state", config.GetProperty("state_topic").GetString());
            Assert.Equal(cls, config.TryGetProperty("device_class", out var c) ? c.GetString() : null);
        }

        // plain reports a charge but no temperature or load: no entities for those.
        string plainNode = MqttTopics.DiscoveryId(stack.Id("plain"));
        Config(probe, $"homeassistant/sensor/{plainNode}/battery_charge/config");
        probe.WaitForJson("nut/plain/state", j => j.GetProperty("reachability").GetString() == "ok", "plain's state");
        Thread.Sleep(500);
        Assert.DoesNotContain(probe.All, m => m.Topic.StartsWith($"homeassistant/sensor/{plainNode}/temperature", StringComparison.Ordinal));
        Assert.DoesNotContain(probe.All, m => m.Topic.StartsWith($"homeassistant/sensor/{plainNode}/load", StringComparison.Ordinal));

        // A power failure shows in the state and in ups.status's own topic.
        SetStatus(stack, "bessie", "OB DISCHRG");
        var onBattery = probe.WaitForJson("nut/bessie/state", j => j.GetProperty("on_battery").GetBoolean(), "on battery in the state");
        Assert.Contains("OB", onBattery.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("warning", onBattery.GetProperty("severity").GetString());
        probe.WaitFor("nut/bessie/ups.status", m => m.Payload == "OB DISCHRG", "ups.status's own topic");
    }

    [Fact]
    public void OnlyChangedVariablesArePublishedAgain()
    {
        using var stack = Start();
        using var probe = new MqttProbe(_broker.Port);
        probe.WaitFor("nut/bessie/ups.status", m => m.Payload == "OL CHRG", "ups.status");
        int chargeBefore = probe.All.Count(m => m.Topic == "nut/bessie/battery.charge");
        SetStatus(stack, "bessie", "OB");
        probe.WaitFor("nut/bessie/ups.status", m => m.Payload == "OB", "ups.status OB");
        SetStatus(stack, "bessie", "OL");
        probe.WaitFor("nut/bessie/ups.status", m => m.Payload == "OL", "ups.status OL");
        Assert.Equal(chargeBefore, probe.All.Count(m => m.Topic == "nut/bessie/battery.charge"));
    }

    [Fact]
    public void CommandsAreIgnoredUnlessEnabled()
    {
        using var stack = Start();
        using var probe = new MqttProbe(_broker.Port);
        probe.WaitFor("nut/bessie/state", "bessie's state");
        probe.Publish("nut/bessie/command/set", "load.off");
        Thread.Sleep(2000);
        Assert.DoesNotContain("instcmd", stack.Nut.DriverOf("bessie").Output, StringComparison.Ordinal);
        Assert.Null(probe.Latest("nut/bessie/command/result"));
    }

    [Fact]
    public void CommandsReachTheDriverWithTheMonitorLinesCredentials()
    {
        // A retained command already on the broker reaches upsweb when it subscribes, and at every reconnect
        // after: it must not run (a load.off at each broker restart).
        using (var early = new MqttProbe(_broker.Port))
            early.Publish("nut/bessie/command/set", "beeper.mute", retain: true);
        // The MONITOR lines need upsd's port, so this builds the stack itself rather than through WebStack.
        using var nut = new NutStack(Impl.Ours, Impl.Ours, Upses).Start();
        string conf = _dir.Write("upsweb.conf", $"""
            MQTT 127.0.0.1:{_broker.Port}
            MQTTCOMMANDS yes
            MONITOR bessie@127.0.0.1:{nut.Port} admin mypass
            MONITOR plain@127.0.0.1:{nut.Port}

            """);
        using var web = StartUpsweb(nut, conf);
        using var probe = new MqttProbe(_broker.Port);
        probe.WaitFor("nut/bessie/state", "bessie's state");
        probe.WaitFor("nut/plain/state", "plain's state");

        probe.Publish("nut/bessie/command/set", "load.off");
        web.WaitUntil(() => nut.DriverOf("bessie").Output.Contains("instcmd: unknown command [load.off] [(null)]", StringComparison.Ordinal),
            "load.off at the driver");
        var result = probe.WaitFor("nut/bessie/command/result", "the command's result");
        Assert.False(result.Retained);
        var json = MqttProbe.Json(result);
        Assert.Equal("load.off", json.GetProperty("command").GetString());
        Assert.Equal($"bessie@127.0.0.1:{nut.Port}", json.GetProperty("ups").GetString());
        // dummy-ups knows no commands: upsd passed it on, and the driver's refusal comes back when upsd tracks it.
        Assert.True(json.TryGetProperty("ok", out _) && json.TryGetProperty("result", out _) && json.TryGetProperty("message", out _), result.Payload);
        Assert.Contains("MQTT command load.off on bessie", web.Output, StringComparison.Ordinal);

        // No credentials on plain's MONITOR line: refused with a reason, nothing sent to upsd.
        probe.Publish("nut/plain/command/set", "load.off");
        var refused = MqttProbe.Json(probe.WaitFor("nut/plain/command/result", "plain's refusal"));
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Equal("NO-CREDENTIALS", refused.GetProperty("result").GetString());
        web.WaitUntil(() => web.Output.Contains("no user and password for plain", StringComparison.Ordinal), "the refusal in upsweb's log");
        Assert.DoesNotContain("instcmd", nut.DriverOf("plain").Output, StringComparison.Ordinal);

        Assert.Contains("ignoring a retained message on nut/bessie/command/set", web.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("beeper.mute", web.Output, StringComparison.Ordinal);
    }

    static Daemon StartUpsweb(NutStack nut, string conf, params string[] args)
    {
        var web = Proc.Start(Paths.Ours("upsweb"),
            ["-c", conf, "--listen", $"127.0.0.1:{FreePort.Next()}", "--poll", "0.2", "--history", "none", .. args], nut.Env, nut.Dir.FullPath);
        web.WaitUntil(() => web.Output.Contains("Listening on", StringComparison.Ordinal), "upsweb listening");
        return web;
    }

    static JsonElement Config(MqttProbe probe, string topic)
    {
        var m = probe.WaitFor(topic, "a discovery config");
        Assert.True(m.Retained, topic + " should be retained");
        return MqttProbe.Json(m);
    }
}
