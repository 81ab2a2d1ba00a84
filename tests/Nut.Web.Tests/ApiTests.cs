using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nut.Testing;

namespace Nut.Web.Tests;

/// <summary>
/// The JSON API against a real stack: our upsd and Debian's NUT 2.8.0 upsd (upsweb is a plain client, so it
/// must read the real NUT the same way), with dummy-ups serving a real device dump.
/// </summary>
public sealed class ApiTests
{
    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void ListsTheUpsWithItsValuesInWordsAndNumbers(Impl upsd)
    {
        using var web = new WebStack(upsd, [new StackUps("bessie", TestDevices.SmartUps, Desc: "Rack UPS"), new StackUps("old", TestDevices.BackUps)]);
        var u = web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        Assert.Equal(web.Id("bessie"), u.GetProperty("id").GetString());
        Assert.Equal($"127.0.0.1:{web.Nut.Port}", u.GetProperty("server").GetString());
        Assert.Equal("On line", u.GetProperty("headline").GetString());
        Assert.Equal("ok", u.GetProperty("severity").GetString());
        Assert.Equal(["OL"], u.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(100, u.GetProperty("charge").GetDouble());
        Assert.Equal(6300, u.GetProperty("runtime").GetDouble());
        Assert.Equal(5.2, u.GetProperty("load").GetDouble());
        Assert.Equal(226, u.GetProperty("inputVoltage").GetDouble());
        Assert.Equal(226, u.GetProperty("outputVoltage").GetDouble());
        Assert.Equal(31.5, u.GetProperty("temperature").GetDouble());
        Assert.Equal("American Power Conversion Smart-UPS 1000", u.GetProperty("model").GetString());
        web.WaitForUps("bessie", u => u.GetProperty("description").GetString() == "Rack UPS", "the description from UPSDESC");

        var list = web.GetJson("/api/ups");
        Assert.Equal(["bessie", "old"], list.EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        var old = web.WaitForUps("old", u => u.GetProperty("reachability").GetString() == "ok", "old readable");
        Assert.Equal("American Power Conversion Back-UPS BR 800", old.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void TheUpsPageHasEveryVariableAsUpsdListsItAndTheCommands(Impl upsd)
    {
        using var web = new WebStack(upsd, [new StackUps("bessie", TestDevices.SmartUps)]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        var expected = new List<(string, string)>();
        using (var c = web.Nut.Connect())
        {
            c.Send("LIST VAR bessie\n");
            Assert.Equal("BEGIN LIST VAR bessie", c.ReadLine());
            for (string line; (line = c.ReadLine()) != "END LIST VAR bessie";)
            {
                var w = Nut.Core.Text.NutTokenizer.TokenizeLine(line).Words;
                expected.Add((w[2], w[3]));
            }
        }
        JsonElement page = default;
        web.Web.WaitUntil(() =>
        {
            page = web.GetJson("/api/ups/" + Uri.EscapeDataString(web.Id("bessie")));
            return page.GetProperty("commands").GetArrayLength() > 0;
        }, "the commands");
        var vars = page.GetProperty("variables").EnumerateArray().Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("value").GetString()!)).ToList();
        // driver.* and server-side values may tick between the two reads; the dump's own values may not.
        Assert.Equal(expected.Where(v => !v.Item1.StartsWith("driver.", StringComparison.Ordinal)),
            vars.Where(v => !v.Item1.StartsWith("driver.", StringComparison.Ordinal)));
        Assert.Contains(page.GetProperty("commands").EnumerateArray(), c => c.GetProperty("name").GetString() == "load.off");
        var config = page.GetProperty("config");
        Assert.Equal("dummy-ups", config.GetProperty("driver").GetString());
        Assert.Equal("Smart-UPS 1000", config.GetProperty("model").GetString());
        Assert.Equal("AS0727233122", config.GetProperty("serial").GetString());
        Assert.Contains(config.GetProperty("driverParameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "port");
        // The bare name works too while it is unique.
        Assert.Equal(web.Id("bessie"), web.GetJson("/api/ups/bessie").GetProperty("summary").GetProperty("id").GetString());
        var missing = web.Send(HttpMethod.Get, "/api/ups/nosuch");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("UNKNOWN-UPS", missing.Body);
    }

    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void AStatusChangeShowsInTheSummaryTheEventLogAndTheHistory(Impl upsd)
    {
        using var web = new WebStack(upsd, [new StackUps("bessie", TestDevices.SmartUps)]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB DISCHRG");
        var u = web.WaitForUps("bessie", u => u.GetProperty("onBattery").GetBoolean(), "on battery");
        Assert.Equal("On battery, discharging", u.GetProperty("headline").GetString());
        Assert.Equal("warning", u.GetProperty("severity").GetString());
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB DISCHRG LB");
        u = web.WaitForUps("bessie", u => u.GetProperty("severity").GetString() == "critical", "low battery");
        Assert.Equal("Low battery, on battery", u.GetProperty("headline").GetString());
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OL CHRG");
        web.WaitForUps("bessie", u => u.GetProperty("severity").GetString() == "ok", "back on line");

        string id = Uri.EscapeDataString(web.Id("bessie"));
        var texts = WaitForEvents(web, id, 4);
        // Newest first.
        Assert.Equal([
            "On line, charging; no longer low battery, on battery, discharging (OL CHRG)",
            "Low battery (OB DISCHRG LB)",
            "On battery, discharging; no longer on line (OB DISCHRG)",
            "On line (OL)"], texts);

        // Every status change is a sample, whatever the history interval: the on-battery period is on the graph.
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var series = web.GetJson($"/api/ups/{id}/history?from={now - 60_000}&to={now}&points=5000");
        Assert.True(series.GetProperty("time").GetArrayLength() >= 2, series.ToString());
        var periods = series.GetProperty("onBattery");
        Assert.Equal(1, periods.GetArrayLength());
        Assert.Equal(100, series.GetProperty("charge")[0].GetDouble());
    }

    [Fact]
    public void StaleDriverUnknownUpsAndUnreachableServerAreShownWithTheReason()
    {
        int nobody = FreePort.Next();
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps)],
            watch: ["bessie@127.0.0.1:{port}", "ghost@127.0.0.1:{port}", $"far@127.0.0.1:{nobody}"]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        var ghost = web.WaitForUps("ghost", u => u.GetProperty("reachability").GetString() == "unknownups", "ghost unknown");
        Assert.Equal("Unknown UPS", ghost.GetProperty("headline").GetString());
        Assert.Equal("unknown", ghost.GetProperty("severity").GetString());
        var far = web.WaitForUps("far", u => u.GetProperty("reachability").GetString() == "unreachable", "far unreachable");
        Assert.Equal("Connection failure: Connection refused", far.GetProperty("problem").GetString());
        Assert.Equal("Unreachable", far.GetProperty("headline").GetString());

        web.Nut.KillDriver("bessie");
        var lost = web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() is "drivernotconnected" or "stale", "driver gone", 40);
        Assert.Equal("unknown", lost.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, lost.GetProperty("charge").ValueKind);
        Assert.Contains($"network_ups_tools_up{{ups=\"bessie\",server=\"127.0.0.1:{web.Nut.Port}\",reason=\"{lost.GetProperty("reachability").GetString()}\"}} 0",
            web.GetText("/metrics"));
        web.Nut.StartDriver("bessie");
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie back", 40);
        string id = Uri.EscapeDataString(web.Id("bessie"));
        var texts = WaitForEvents(web, id, 4);
        Assert.Equal(4, texts.Length);
        Assert.Equal("On line (OL)", texts[0]);
        Assert.Equal("Communication restored", texts[1]);
        Assert.StartsWith(lost.GetProperty("headline").GetString()!, texts[2]);
        Assert.Equal("On line (OL)", texts[3]);
    }

    static string[] WaitForEvents(WebStack web, string id, int count)
    {
        string[] texts = [];
        web.Web.WaitUntil(() =>
        {
            texts = [.. web.GetJson($"/api/ups/{id}/events").EnumerateArray().Select(e => e.GetProperty("text").GetString()!)];
            return texts.Length >= count;
        }, $"{count} events", 10);
        return texts;
    }

    [Fact]
    public void AStarWatchFollowsEveryUpsTheServerLists()
    {
        using var web = new WebStack(Impl.Debian, [new StackUps("a", TestDevices.SmartUps), new StackUps("b", TestDevices.BackUps)],
            watch: ["*@127.0.0.1:{port}"]);
        web.WaitForUps("a", u => u.GetProperty("reachability").GetString() == "ok", "a readable");
        web.WaitForUps("b", u => u.GetProperty("reachability").GetString() == "ok", "b readable");
        Assert.Equal(2, web.GetJson("/api/ups").GetArrayLength());
    }
}

/// <summary>The live stream the dashboard listens to, read as a browser's EventSource reads it.</summary>
public sealed class StreamTests
{
    [Fact]
    public async Task TheStreamSendsEveryUpsThenEachChangeAndItsLogLine()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps)]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        using var response = await web.Http.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        async Task<(string Event, JsonElement Data)> Next()
        {
            string? name = null;
            while (true)
            {
                string line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                    name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null)
                    return (name, JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
        }

        var first = await Next();
        Assert.Equal("ups", first.Event);
        Assert.Equal(web.Id("bessie"), first.Data.GetProperty("id").GetString());
        Assert.False(first.Data.GetProperty("onBattery").GetBoolean());

        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB DISCHRG");
        bool sawUps = false, sawLog = false;
        while (!(sawUps && sawLog))
        {
            var (name, data) = await Next();
            if (name == "ups" && data.GetProperty("onBattery").GetBoolean())
                sawUps = true;
            if (name == "log")
            {
                Assert.Equal(web.Id("bessie"), data.GetProperty("ups").GetString());
                Assert.Equal("On battery, discharging; no longer on line (OB DISCHRG)", data.GetProperty("text").GetString());
                Assert.Equal("warning", data.GetProperty("severity").GetString());
                sawLog = true;
            }
        }
    }
}
