using System.Text.RegularExpressions;
using Nut.Testing;

namespace Nut.Web.Tests.Mqtt;

/// <summary>The broker comes and goes; upsweb keeps serving its pages, retries quietly, and republishes.</summary>
public sealed class MqttReconnectTests : IDisposable
{
    readonly TempDir _dir = new("mqtt-reconnect");

    public void Dispose() => _dir.Dispose();

    static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    [Fact]
    public void ABrokerThatIsDownRestartsOrComesLateIsReconnectedAndGetsEverythingAgain()
    {
        using var broker = new Mosquitto(); // not started yet: upsweb starts with no broker
        using var stack = new WebStack(Impl.Ours, [new StackUps("bessie", _dir.Write("bessie.dev", "ups.status: OL\nbattery.charge: 97\n"))],
            extraArgs: ["--mqtt", $"127.0.0.1:{broker.Port}"]);

        // No broker: the dashboard's API works regardless, and the failure is said once, not at every retry.
        stack.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie read without a broker");
        stack.Web.WaitUntil(() => stack.Web.Output.Contains("MQTT: cannot connect to", StringComparison.Ordinal), "the broker failure logged");
        Thread.Sleep(3500); // two or three retries (1 s, 2 s, ...)
        Assert.Equal(1, Count(stack.Web.Output, "MQTT: cannot connect to"));

        broker.Start();
        using (var probe = new MqttProbe(broker.Port))
        {
            probe.WaitFor("nut/bessie/state", m => m.Retained, "state once the broker is up", seconds: 45);
            probe.WaitFor("nut/upsweb/status", m => m.Payload == "online", "online");
            Assert.Equal("97", probe.WaitFor("nut/bessie/battery.charge", "battery.charge").Payload);
        }
        Assert.Contains("MQTT: connected to", stack.Web.Output, StringComparison.Ordinal);

        // A restart forgets every retained message (persistence off): upsweb must publish them all again.
        broker.Stop();
        stack.Web.WaitUntil(() => stack.Web.Output.Contains("MQTT: lost the connection", StringComparison.Ordinal), "the lost connection logged");
        stack.GetJson("/api/ups"); // still serving while the broker is away
        Thread.Sleep(2500);
        broker.Start();
        using (var probe = new MqttProbe(broker.Port))
        {
            var state = probe.WaitForJson("nut/bessie/state", j => j.GetProperty("battery_charge").GetDouble() == 97, "state after the restart", seconds: 45);
            Assert.True(probe.Latest("nut/bessie/state")!.Retained);
            probe.WaitFor("nut/upsweb/status", m => m.Payload == "online" && m.Retained, "online after the restart");
            probe.WaitFor("nut/bessie/battery.charge", m => m.Payload == "97" && m.Retained, "battery.charge after the restart");
            probe.WaitFor($"homeassistant/sensor/{Nut.Web.Mqtt.MqttTopics.DiscoveryId(stack.Id("bessie"))}/battery_charge/config", m => m.Retained,
                "discovery after the restart");
        }
        Assert.Equal(1, Count(stack.Web.Output, "MQTT: lost the connection"));
        Assert.Equal(1, Count(stack.Web.Output, "MQTT: cannot connect to"));
        Assert.Contains("MQTT: connected to 127.0.0.1:" + broker.Port + " again", stack.Web.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLastWillSaysOfflineWhenUpswebDiesAndAStopSaysItToo()
    {
        using var broker = new Mosquitto().Start();
        using var probe = new MqttProbe(broker.Port);
        using (var stack = new WebStack(Impl.Ours, [new StackUps("bessie", _dir.Write("bessie.dev", "ups.status: OL\n"))],
            extraArgs: ["--mqtt", $"127.0.0.1:{broker.Port}"]))
        {
            probe.WaitFor("nut/upsweb/status", m => m.Payload == "online", "online");
            stack.Web.Signal(Posix.SIGKILL);
            probe.WaitFor("nut/upsweb/status", m => m.Payload == "offline", "the last will");
        }
        using (var stack = new WebStack(Impl.Ours, [new StackUps("bessie", _dir.Write("bessie2.dev", "ups.status: OL\n"))],
            extraArgs: ["--mqtt", $"127.0.0.1:{broker.Port}"]))
        {
            probe.WaitFor("nut/upsweb/status", m => m.Payload == "online", "online again");
            stack.Web.Signal(Posix.SIGTERM);
            probe.WaitFor("nut/upsweb/status", m => m.Payload == "offline", "offline on a clean stop");
            Assert.True(stack.Web.Process.WaitForExit(10_000), "upsweb did not stop:\n" + stack.Web.Output);
        }
    }
}
