using Microsoft.Playwright;
using Nut.Testing;
using static Microsoft.Playwright.Assertions;

namespace Nut.Web.Tests.Browser;

/// <summary>The dashboard (/) in a real browser against our upsd, dummy-ups and the upsweb executable.</summary>
[Collection("Browser")]
public sealed class DashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task ListsEveryUpsWithItsValues()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps, Desc: "Rack UPS"), new StackUps("old", TestDevices.BackUps)]);
        await using var b = await BrowserPage.OpenAsync(browser);
        await b.Page.GotoAsync(web.BaseUrl + "/");

        await Expect(b.Page.Locator("[data-ups]")).ToHaveCountAsync(2);
        var bessie = b.Card(web.Id("bessie"));
        await Expect(bessie.Locator("[data-field=headline]")).ToHaveTextAsync("On line");
        await Expect(bessie.Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "ok");
        await Expect(bessie.Locator("[data-field=charge]")).ToHaveTextAsync("100 %");
        await Expect(bessie.Locator("[data-field=runtime]")).ToHaveTextAsync("1:45:00"); // 6300 s
        await Expect(bessie.Locator("[data-field=load]")).ToHaveTextAsync("5 %");
        await Expect(bessie.Locator("[data-field=inputVoltage]")).ToHaveTextAsync("226 V");
        await Expect(bessie.Locator("[data-field=outputVoltage]")).ToHaveTextAsync("226 V");
        await Expect(bessie.Locator("[data-field=temperature]")).ToHaveTextAsync("31.5 °C");
        await Expect(bessie.Locator("[data-field=model]")).ToHaveTextAsync("American Power Conversion Smart-UPS 1000");
        await Expect(bessie.Locator("[data-field=server]")).ToHaveTextAsync($"127.0.0.1:{web.Nut.Port}");
        await Expect(bessie.Locator("[data-field=updated]")).ToContainTextAsync("updated");
        var old = b.Card(web.Id("old"));
        await Expect(old.Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "ok");
        await Expect(b.Page.Locator("[data-field=summary]")).ToHaveTextAsync("2 UPSes, 0 on battery, 0 with problems");
        // Sorted by name: bessie before old.
        Assert.Equal([web.Id("bessie"), web.Id("old")],
            await b.Page.Locator("[data-ups]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.ups)"));
        await b.ShotAsync("dashboard-two-ups");
        b.AssertNoErrors();
    }

    [Fact]
    public async Task AUpsOnBatteryShowsWithinTwoSecondsWithoutAReload()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps), new StackUps("old", TestDevices.BackUps)]);
        await using var b = await BrowserPage.OpenAsync(browser);
        await b.Page.GotoAsync(web.BaseUrl + "/");
        var headline = b.Card(web.Id("bessie")).Locator("[data-field=headline]");
        await Expect(headline).ToHaveAttributeAsync("data-severity", "ok");
        await b.MarkAsync();

        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB DISCHRG");
        await Expect(headline).ToHaveAttributeAsync("data-severity", "warning", new() { Timeout = 2000 });
        await Expect(headline).ToHaveTextAsync("On battery, discharging");
        await Expect(b.Page.Locator("[data-field=summary]")).ToHaveTextAsync("2 UPSes, 1 on battery, 0 with problems");
        // The other card is untouched.
        await Expect(b.Card(web.Id("old")).Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "ok");
        await b.ShotAsync("dashboard-on-battery");

        TestDevices.Set(web.Nut, "bessie", "battery.charge", "12");
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB DISCHRG LB");
        await Expect(headline).ToHaveAttributeAsync("data-severity", "critical", new() { Timeout = 2000 });
        await Expect(headline).ToHaveTextAsync("Low battery, on battery");
        await Expect(b.Card(web.Id("bessie")).Locator("[data-field=charge]")).ToHaveTextAsync("12 %");
        await Expect(b.Page.Locator("[data-field=summary]")).ToHaveTextAsync("2 UPSes, 1 on battery, 1 with problems");
        // Screen readers hear the change.
        await Expect(b.Page.Locator("#announcer")).ToContainTextAsync("bessie: Low battery");
        await b.ShotAsync("dashboard-low-battery");

        TestDevices.Set(web.Nut, "bessie", "ups.status", "OL CHRG");
        await Expect(headline).ToHaveAttributeAsync("data-severity", "ok", new() { Timeout = 2000 });
        await b.AssertNotReloadedAsync();
        b.AssertNoErrors();
    }

    [Fact]
    public async Task AnUnreachableUpsIsGreyWithTheReasonAndALostStreamShowsABanner()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps), new StackUps("old", TestDevices.BackUps)]);
        await using var b = await BrowserPage.OpenAsync(browser);
        await b.Page.GotoAsync(web.BaseUrl + "/");
        var old = b.Card(web.Id("old"));
        await Expect(old.Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "ok");
        await Expect(b.Page.Locator("#stream-banner")).ToBeHiddenAsync();

        web.Nut.KillDriver("old");
        // upsd notices a dead driver at once (its socket closes) or after MAXAGE at the latest.
        await Expect(old.Locator("[data-field=headline]")).ToHaveAttributeAsync("data-severity", "unknown", new() { Timeout = 30000 });
        await Expect(old.Locator("[data-field=problem]")).ToBeVisibleAsync();
        await Expect(old).ToHaveAttributeAsync("data-reachability", new System.Text.RegularExpressions.Regex("stale|drivernotconnected"));
        await Expect(b.Page.Locator("[data-field=summary]")).ToContainTextAsync("1 with problems");
        await b.ShotAsync("dashboard-driver-gone");

        // upsweb goes away: the page says its values are not live any more.
        web.Web.Dispose();
        await Expect(b.Page.Locator("#stream-banner")).ToBeVisibleAsync(new() { Timeout = 10000 });
        await b.ShotAsync("dashboard-stream-lost");
        b.AssertNoErrors();
    }

    [Fact]
    public async Task LightAndDarkThemesAndAPhoneSizedScreen()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps), new StackUps("old", TestDevices.BackUps)]);
        const string Background = "() => getComputedStyle(document.body).backgroundColor";

        // The system's preference decides by default.
        await using (var dark = await BrowserPage.OpenAsync(browser, new() { ColorScheme = ColorScheme.Dark, ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            await dark.Page.GotoAsync(web.BaseUrl + "/");
            await Expect(dark.Page.Locator("[data-ups]")).ToHaveCountAsync(2);
            Assert.Equal("rgb(15, 19, 24)", await dark.Page.EvaluateAsync<string>(Background));
            await dark.ShotAsync("dashboard-dark");
            dark.AssertNoErrors();
        }

        await using var light = await BrowserPage.OpenAsync(browser, new() { ColorScheme = ColorScheme.Light, ViewportSize = new() { Width = 1280, Height = 900 } });
        await light.Page.GotoAsync(web.BaseUrl + "/");
        await Expect(light.Page.Locator("[data-ups]")).ToHaveCountAsync(2);
        Assert.Equal("rgb(244, 245, 247)", await light.Page.EvaluateAsync<string>(Background));
        await light.ShotAsync("dashboard-light");
        // The toggle overrides the system and is remembered.
        await light.Page.ClickAsync("#theme-toggle");
        await Expect(light.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await light.Page.ReloadAsync();
        await Expect(light.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Equal("rgb(15, 19, 24)", await light.Page.EvaluateAsync<string>(Background));
        await light.Page.ClickAsync("#theme-toggle");
        await Expect(light.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        light.AssertNoErrors();

        await using var phone = await BrowserPage.OpenAsync(browser, new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
        });
        await phone.Page.GotoAsync(web.BaseUrl + "/");
        var cards = phone.Page.Locator("[data-ups]");
        await Expect(cards).ToHaveCountAsync(2);
        var first = (await cards.Nth(0).BoundingBoxAsync())!;
        var second = (await cards.Nth(1).BoundingBoxAsync())!;
        Assert.Equal(first.X, second.X, 1.0);             // stacked, one column
        Assert.True(second.Y >= first.Y + first.Height, $"cards overlap: {first.Y}+{first.Height} > {second.Y}");
        Assert.True(await NoSidewaysScrollAsync(phone.Page), "the dashboard scrolls sideways on a phone");
        await phone.ShotAsync("dashboard-phone");

        await phone.Page.GotoAsync(web.BaseUrl + "/ups/" + Uri.EscapeDataString(web.Id("bessie")));
        await Expect(phone.Page.Locator("[data-chart=charge] svg")).ToBeVisibleAsync();
        await Expect(phone.Page.Locator("tr[data-variable-row]").First).ToBeAttachedAsync();
        Assert.True(await NoSidewaysScrollAsync(phone.Page), "the UPS page scrolls sideways on a phone (tables must scroll in their box)");
        await phone.ShotAsync("ups-page-phone");
        await phone.Page.ScreenshotAsync(new() { Path = Path.Combine(Screens.Dir, "ups-page-phone-first-screen.png") });
        phone.AssertNoErrors();
    }

    static Task<bool> NoSidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
}
