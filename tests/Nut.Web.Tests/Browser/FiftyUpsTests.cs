using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Nut.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Nut.Web.Tests.Browser;

/// <summary>
/// A dashboard of 50 UPSes (one upsd, 50 dummy-ups processes): every card shows, and a status change still
/// shows within 2 s. The other figures (first render, update latency, JS heap, layout work while idle) are
/// measured and written down, not asserted: they depend on the machine.
/// </summary>
[Collection("Browser")]
public sealed class FiftyUpsTests(BrowserFixture browser, ITestOutputHelper output)
{
    const int Count = 50;

    static string Name(int i) => $"ups{i:00}";

    [Fact]
    public async Task FiftyUpsesRenderAndAStatusChangeShowsWithinTwoSeconds()
    {
        var figures = new StringBuilder();
        void Figure(string line)
        {
            output.WriteLine(line);
            figures.AppendLine(line);
        }
        Figure($"# upsweb dashboard with {Count} UPSes ({DateTime.UtcNow:u}, {Environment.ProcessorCount} CPUs)");

        using var data = new TempDir("web50");
        var upses = Enumerable.Range(1, Count).Select(i => new StackUps(Name(i), data.Write(Name(i) + ".dev",
            $"ups.status: OL\nups.mfr: NutSharp\nups.model: Rack {i}\nbattery.charge: {50 + i}\nbattery.runtime: {600 + 60 * i}\n" +
            $"ups.load: {i}\ninput.voltage: {200 + i}\noutput.voltage: 230\nups.temperature: {20 + i % 10}\n"))).ToList();
        var sw = Stopwatch.StartNew();
        using var web = new WebStack(Impl.Ours, upses);
        Figure($"stack start (upsd, {Count} dummy-ups, upsweb): {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        web.Web.WaitUntil(() => web.GetJson("/api/ups").EnumerateArray().Count(u => u.GetProperty("reachability").GetString() == "ok") == Count,
            $"all {Count} UPSes readable in upsweb", 60);
        Figure($"upsweb reads all {Count}: {sw.ElapsedMilliseconds} ms after start");

        await using var b = await BrowserPage.OpenAsync(browser);
        var cdp = await b.Context.NewCDPSessionAsync(b.Page);
        await cdp.SendAsync("Performance.enable");

        sw.Restart();
        await b.Page.GotoAsync(web.BaseUrl + "/");
        await b.Page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-ups][data-severity=ok]').length === {Count}",
            null, new() { Timeout = 10000, PollingInterval = 10 });
        long firstRender = sw.ElapsedMilliseconds;
        double inPage = await b.Page.EvaluateAsync<double>("() => performance.now()");
        await Expect(b.Page.Locator("[data-ups]")).ToHaveCountAsync(Count);
        Figure($"time to first render of all {Count} cards: {firstRender} ms from navigation (page clock {inPage:0} ms)");
        // Where that time went, by the page's own clock.
        var phases = await b.Page.EvaluateAsync<JsonElement>("""
            () => {
              const nav = performance.getEntriesByType('navigation')[0];
              const list = performance.getEntriesByType('resource').find(r => r.name.endsWith('/api/ups'));
              const scripts = performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'));
              return { html: nav.responseEnd, dom: nav.domContentLoadedEventEnd, scripts: Math.max(...scripts.map(s => s.responseEnd)),
                       list: list ? list.responseEnd : -1 };
            }
            """);
        Figure($"  page clock: document {phases.GetProperty("html").GetDouble():0} ms, scripts loaded {phases.GetProperty("scripts").GetDouble():0} ms, "
            + $"DOMContentLoaded {phases.GetProperty("dom").GetDouble():0} ms, GET /api/ups answered {phases.GetProperty("list").GetDouble():0} ms");
        await Expect(b.Page.Locator("[data-field=summary]")).ToHaveTextAsync($"{Count} UPSes, 0 on battery, 0 with problems");

        // A quiet period: every UPS is re-sent every 5 s and its "updated" text ticks. What does it cost?
        var before = await MetricsAsync(cdp);
        await Task.Delay(10000);
        var after = await MetricsAsync(cdp);
        Figure($"idle 10 s with the live stream: script {1000 * (after["ScriptDuration"] - before["ScriptDuration"]):0} ms, "
            + $"layout {1000 * (after["LayoutDuration"] - before["LayoutDuration"]):0} ms in {after["LayoutCount"] - before["LayoutCount"]:0} layouts, "
            + $"style {1000 * (after["RecalcStyleDuration"] - before["RecalcStyleDuration"]):0} ms, "
            + $"busy {1000 * (after["TaskDuration"] - before["TaskDuration"]):0} ms");
        Figure($"DOM nodes: {after["Nodes"]:0}, JS heap used (CDP): {after["JSHeapUsedSize"] / 1048576:0.0} MiB of {after["JSHeapTotalSize"] / 1048576:0.0} MiB");
        var memory = await b.Page.EvaluateAsync<JsonElement>("() => performance.memory ? { used: performance.memory.usedJSHeapSize, total: performance.memory.totalJSHeapSize } : null");
        if (memory.ValueKind == JsonValueKind.Object)
            Figure($"JS heap used (performance.memory): {memory.GetProperty("used").GetDouble() / 1048576:0.0} MiB of {memory.GetProperty("total").GetDouble() / 1048576:0.0} MiB");

        // Status changes, one UPS at a time; the page records when each card's headline changed.
        await b.Page.EvaluateAsync("""
            () => {
              window.__changed = {};
              new MutationObserver(records => {
                for (const r of records) {
                  const card = r.target.closest('[data-ups]');
                  if (card && r.target.dataset.severity === 'warning' && !window.__changed[card.dataset.ups]) window.__changed[card.dataset.ups] = Date.now();
                }
              }).observe(document.getElementById('cards'), { subtree: true, attributes: true, attributeFilter: ['data-severity'] });
            }
            """);
        var latencies = new List<long>();
        foreach (int i in new[] { 37, 1, 50, 12, 25 })
        {
            string id = web.Id(Name(i));
            long setAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            TestDevices.Set(web.Nut, Name(i), "ups.status", "OB DISCHRG");
            await Expect(b.Card(id).Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "warning", new() { Timeout = 2000 });
            long changedAt = await b.Page.EvaluateAsync<long>("id => window.__changed[id]", id);
            latencies.Add(changedAt - setAt);
        }
        Figure($"SET ups.status (upsd) to the card turning amber: {string.Join(", ", latencies.Select(l => l + " ms"))} "
            + $"(median {latencies.Order().ElementAt(latencies.Count / 2)} ms; upsweb polls every 0.2 s here)");
        await Expect(b.Page.Locator("[data-field=summary]")).ToHaveTextAsync($"{Count} UPSes, 5 on battery, 0 with problems");
        var end = await MetricsAsync(cdp);
        Figure($"after the changes: DOM nodes {end["Nodes"]:0}, JS heap used {end["JSHeapUsedSize"] / 1048576:0.0} MiB");
        await b.ShotAsync("dashboard-50-ups");
        b.AssertNoErrors();

        File.WriteAllText(Path.Combine(Screens.Dir, "figures-50.txt"), figures.ToString());
    }

    static async Task<Dictionary<string, double>> MetricsAsync(ICDPSession cdp)
    {
        var reply = await cdp.SendAsync("Performance.getMetrics");
        var metrics = new Dictionary<string, double>();
        foreach (var m in reply!.Value.GetProperty("metrics").EnumerateArray())
            metrics[m.GetProperty("name").GetString()!] = m.GetProperty("value").GetDouble();
        return metrics;
    }
}
