using System.Text.Json;
using Nut.Web.Mqtt;
using Nut.Web.Watching;

namespace Nut.Web.Tests.Mqtt;

/// <summary>The bridge's pure parts: topic names, payload parsing, what is (re)published, discovery contents.</summary>
public sealed class MqttTopicTests
{
    static UpsSnapshot Ups(string name, string server, UpsReachability reachability = UpsReachability.Ok, params (string, string)[] vars) =>
        new(UpsSnapshot.MakeId(name, server), name, server, reachability, null,
            vars.ToDictionary(v => v.Item1, v => v.Item2), DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void ANameIsItsTopicUnlessTwoServersShareIt()
    {
        var segments = MqttTopics.Assign([Ups("ups", "a:3493"), Ups("ups", "[::1]:3493"), Ups("solo", "a:3493")]);
        Assert.Equal("ups@a_3493", segments["ups@a:3493"]);
        Assert.Equal("ups@__1_3493", segments["ups@[::1]:3493"]);
        Assert.Equal("solo", segments["solo@a:3493"]);
    }

    [Theory]
    [InlineData("a/b", "a_b")]
    [InlineData("a+b#", "a_b_")]
    [InlineData("$SYS", "_SYS")]
    [InlineData("", "_")]
    [InlineData("tab\there", "tab_here")]
    [InlineData("ok.name-1", "ok.name-1")]
    public void SegmentsHaveNoWildcardsOrSeparators(string text, string segment) => Assert.Equal(segment, MqttTopics.Segment(text));

    [Theory]
    [InlineData("nut/bessie/command/set", "bessie")]
    [InlineData("nut/bessie/state", null)]
    [InlineData("nut//command/set", null)]
    [InlineData("other/bessie/command/set", null)]
    public void CommandTopicsNameTheirUps(string topic, string? segment) => Assert.Equal(segment, MqttTopics.SegmentOfCommand("nut", topic));

    [Theory]
    [InlineData("load.off", "load.off", null)]
    [InlineData("  test.battery.start.deep \n", "test.battery.start.deep", null)]
    [InlineData("load.off.delay 30", "load.off.delay", "30")]
    [InlineData("shutdown.return  5 ", "shutdown.return", "5")]
    [InlineData("   ", null, null)]
    public void PayloadIsACommandAndAnOptionalParameter(string payload, string? command, string? parameter) =>
        Assert.Equal((command, parameter), MqttCommandRunner.Parse(payload));

    [Fact]
    public void OnlyWhatChangedIsSentAgainAndVanishedVariablesAreDeleted()
    {
        var topics = new RetainedTopics("nut", null);
        var first = topics.Changes(Ups("b", "h:1", UpsReachability.Ok, ("ups.status", "OL"), ("battery.charge", "100"), ("ups.beeper.status", "on")), "b");
        Assert.Empty(first.Discovery);
        Assert.Equal(["nut/b/state", "nut/b/ups.status", "nut/b/battery.charge", "nut/b/ups.beeper.status"], first.State.Select(m => m.Topic));

        var second = topics.Changes(Ups("b", "h:1", UpsReachability.Ok, ("ups.status", "OB"), ("battery.charge", "100")), "b");
        Assert.Equal([("nut/b/state", true), ("nut/b/ups.status", true), ("nut/b/ups.beeper.status", false)],
            second.State.Select(m => (m.Topic, m.Payload.Length > 0)));

        // Unreadable: the state says so; the variables' last values stay.
        var lost = topics.Changes(Ups("b", "h:1", UpsReachability.Unreachable), "b");
        Assert.Equal(["nut/b/state"], lost.State.Select(m => m.Topic));

        // After a reconnect the broker may hold nothing: everything goes again.
        topics.Reconnected();
        var again = topics.Changes(Ups("b", "h:1", UpsReachability.Ok, ("ups.status", "OB"), ("battery.charge", "100")), "b");
        Assert.Equal(["nut/b/state", "nut/b/ups.status", "nut/b/battery.charge"], again.State.Select(m => m.Topic));
    }

    [Fact]
    public void AUpsWhoseTopicMovesHasItsOldTopicsCleared()
    {
        var topics = new RetainedTopics("nut", null);
        var ups = Ups("ups", "a:1", UpsReachability.Ok, ("ups.status", "OL"));
        topics.Changes(ups, "ups");
        Assert.Equal(["ups@a:1"], topics.Moved(new Dictionary<string, string> { ["ups@a:1"] = "ups@a_1" }));
        var moved = topics.Changes(ups, "ups@a_1");
        Assert.Contains(new RetainedMessage("nut/ups/state", ""), moved.State);
        Assert.Contains(new RetainedMessage("nut/ups/ups.status", ""), moved.State);
        Assert.Contains(new RetainedMessage("nut/ups@a_1/ups.status", "OL"), moved.State);
    }

    [Fact]
    public void DiscoveryHasOnlyTheSensorsTheUpsReports()
    {
        var ups = Ups("b", "h:1", UpsReachability.Ok, ("ups.status", "OL"), ("battery.charge", "90"), ("battery.temperature", "25"), ("ups.mfr", "Old"));
        var configs = HomeAssistantDiscovery.Build(ups, "b", "nut", "homeassistant");
        Assert.Equal(
            ["sensor/b_h_1/status", "sensor/b_h_1/battery_charge", "sensor/b_h_1/temperature", "binary_sensor/b_h_1/on_battery",
             "binary_sensor/b_h_1/low_battery", "binary_sensor/b_h_1/replace_battery"],
            configs.Select(c => c.Topic["homeassistant/".Length..^"/config".Length]));
        var temperature = JsonDocument.Parse(configs[2].Payload).RootElement;
        Assert.Equal("°C", temperature.GetProperty("unit_of_measurement").GetString());
        Assert.Contains("\"°C\"", configs[2].Payload, StringComparison.Ordinal); // readable, not \u00B0
        Assert.Equal("Old", temperature.GetProperty("device").GetProperty("manufacturer").GetString());
        Assert.Equal("all", temperature.GetProperty("availability_mode").GetString());
        Assert.Equal(2, temperature.GetProperty("availability").GetArrayLength());
        Assert.False(temperature.GetProperty("device").TryGetProperty("model", out _)); // unknown: left out, not null
    }
}
