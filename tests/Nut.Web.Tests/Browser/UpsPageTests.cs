using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nut.Testing;
using static Microsoft.Playwright.Assertions;

namespace Nut.Web.Tests.Browser;

/// <summary>The page of one UPS: client-side routing, the history graphs, the event log, the variables and the
/// configuration.</summary>
[Collection("Browser")]
public sealed class UpsPageTests(BrowserFixture browser)
{
    static readonly string[] Charts = ["charge", "runtime", "load", "voltage"];

    static Task<int> PointsAsync(BrowserPage b, string chart) =>
        b.Page.Locator($"[data-chart={chart}] svg").EvaluateAsync<int>("e => Number(e.getAttribute('data-points'))");

    [Fact]
    public async Task TheHistoryGraphsHavePointsZoomAndShadeTheOnBatteryPeriod()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps), new StackUps("old", TestDevices.BackUps)]);
        await using var b = await BrowserPage.OpenAsync(browser);
        await b.Page.GotoAsync(web.BaseUrl + "/");
        await b.MarkAsync();

        // From the dashboard to the page by a click: the address changes, the page does not reload.
        await b.Card(web.Id("bessie")).Locator("a").ClickAsync();
        await Expect(b.Page).ToHaveURLAsync(web.BaseUrl + "/ups/" + Uri.EscapeDataString(web.Id("bessie")));
        await Expect(b.Page.Locator("h1")).ToHaveTextAsync("bessie");
        await b.AssertNotReloadedAsync();

        foreach (var chart in Charts)
        {
            await Expect(b.Page.Locator($"[data-chart={chart}] svg")).ToHaveCountAsync(1);
            await Expect(b.Page.Locator($"[data-chart={chart}] svg")).Not.ToHaveAttributeAsync("data-points", "0", new() { Timeout = 15000 });
            Assert.True(await PointsAsync(b, chart) > 0, chart);
        }
        // Two lines on the voltage graph (input and output).
        await Expect(b.Page.Locator("[data-chart=voltage] path.line")).ToHaveCountAsync(2);
        // A time axis and a value axis with labels.
        Assert.True(await b.Page.Locator("[data-chart=charge] .grid text").CountAsync() >= 4);

        // Hovering shows the time and the value.
        var svg = b.Page.Locator("[data-chart=charge] svg");
        var box = (await svg.BoundingBoxAsync())!;
        await b.Page.Mouse.MoveAsync(box.X + box.Width - 20, box.Y + box.Height / 2);
        var tip = b.Page.Locator("[data-chart=charge] .tooltip");
        await Expect(tip).ToBeVisibleAsync();
        await Expect(tip).ToContainTextAsync("Charge: 100 %");
        await b.ShotAsync("ups-page-history-hover");

        // The zoom asks for its range, about as many points as the graph is wide.
        var request = b.Page.WaitForRequestAsync(new Regex("/history\\?"));
        await b.Page.ClickAsync("[data-range='6h']");
        var url = new Uri((await request).Url);
        var q = System.Web.HttpUtility.ParseQueryString(url.Query);
        // Unix milliseconds, as the history API takes them.
        long to = long.Parse(q["to"]!), now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(to, now - 60_000, now + 1000);
        Assert.Equal(6 * 3600_000L, to - long.Parse(q["from"]!));
        int points = int.Parse(q["points"]!);
        Assert.InRange(points, 200, 1300);
        await Expect(b.Page.Locator("[data-range='6h']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(svg).Not.ToHaveAttributeAsync("data-points", "0");

        // An outage appears live, shaded on the graph.
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB DISCHRG");
        await Expect(b.Page.Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "warning", new() { Timeout = 2000 });
        await Expect(b.Page.Locator("[data-chart=charge] rect.ob").First).ToBeAttachedAsync(new() { Timeout = 5000 });
        await Expect(b.Page.Locator("ol[data-events] li").First).ToContainTextAsync(new Regex("battery", RegexOptions.IgnoreCase), new() { Timeout = 5000 });
        await b.ShotAsync("ups-page-on-battery");

        // Back goes to the dashboard, still without a reload.
        await b.Page.GoBackAsync();
        await Expect(b.Page.Locator("[data-ups]")).ToHaveCountAsync(2);
        await Expect(b.Card(web.Id("bessie")).Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "warning");
        await b.AssertNotReloadedAsync();
        b.AssertNoErrors();
    }

    [Fact]
    public async Task TheVariablesFilterAndTheConfiguration()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps)]);
        await using var b = await BrowserPage.OpenAsync(browser);
        // Opened directly: upsweb serves the page at its address too (a bookmark, a reload).
        await b.Page.GotoAsync(web.BaseUrl + "/ups/" + Uri.EscapeDataString(web.Id("bessie")));

        var rows = b.Page.Locator("tr[data-variable-row]");
        await Expect(b.Page.Locator("tr[data-variable-row='ups.serial'] td")).ToHaveTextAsync("AS0727233122");
        int all = await rows.CountAsync();
        Assert.True(all > 30, $"only {all} variables");
        await b.Page.FillAsync("#var-filter", "battery.charge");
        var visible = b.Page.Locator("tr[data-variable-row]:visible");
        await Expect(visible).ToHaveCountAsync(3); // battery.charge, .low, .warning
        Assert.All(await visible.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.variableRow)"),
            name => Assert.StartsWith("battery.charge", name));
        await b.ShotAsync("ups-page-variables-filtered");
        await b.Page.FillAsync("#var-filter", "");
        await Expect(visible).ToHaveCountAsync(all);

        var config = b.Page.Locator("[data-config]");
        await Expect(config).ToContainTextAsync("Smart-UPS 1000");
        await Expect(config).ToContainTextAsync("AS0727233122");
        await Expect(config).ToContainTextAsync("652.13.I");
        await Expect(b.Page.Locator("#config")).ToContainTextAsync("pollinterval");

        // A value changed in upsd reaches the table without a reload.
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OL CHRG");
        await Expect(b.Page.Locator("tr[data-variable-row='ups.status'] td")).ToHaveTextAsync("OL CHRG", new() { Timeout = 15000 });
        await b.ShotAsync("ups-page");

        // An id nobody watches.
        await b.Page.GotoAsync(web.BaseUrl + "/ups/" + Uri.EscapeDataString("nobody@127.0.0.1:1"));
        await Expect(b.Page.Locator("main [role=alert]")).ToContainTextAsync("No watched UPS");
        b.AssertNoErrors();
    }
}
