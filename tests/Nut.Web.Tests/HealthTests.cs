using System.Text.Json;
using Microsoft.Playwright;
using Nut.Testing;
using Nut.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Nut.Web.Tests;

/// <summary>Battery health in upsweb: learnt from its history (here imported from an upslog file), with the
/// SHUTDOWNTIME budget of upsmon.conf; a warning in the event log when the budget stops fitting; shown on the page.</summary>
[Collection("Browser")]
public sealed class HealthTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheBudgetWarningReachesTheEventLogAndThePage()
    {
        using var dir = new TempDir("webhealth");
        dir.Write("ups.log", OutageHistory.Upslog(OutageHistory.Standard).Text);
        // The Smart-UPS dump says 5.2 % load: at that load even a tired battery lasts long, so declare a lot.
        dir.Write("upsmon.conf", "SHUTDOWNTIME 3000\nSHUTDOWNTIME 4000 nas\n");
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps)], historyFile: dir["h.db"],
            extraArgs: ["--upsmon-conf", dir["upsmon.conf"]]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        var import = Proc.Run(Paths.Ours("upsweb"), ["--import", dir["ups.log"], "--ups", web.Id("bessie"), "--history", dir["h.db"]]);
        Assert.True(import.ExitCode == 0, import.ToString());

        // An outage ends: upsweb learns again and finds the budget short.
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB DISCHRG");
        web.WaitForUps("bessie", u => u.GetProperty("onBattery").GetBoolean(), "on battery");
        TestDevices.Set(web.Nut, "bessie", "ups.status", "OL");
        string id = Uri.EscapeDataString(web.Id("bessie"));
        JsonElement health = default;
        web.Web.WaitUntil(() =>
        {
            health = web.GetJson($"/api/ups/{id}/health");
            return health.GetProperty("discharges").GetArrayLength() == 4;
        }, "the imported discharges", 20);
        var model = health.GetProperty("model");
        Assert.True(model.GetProperty("exponentFitted").GetBoolean());
        var budget = health.GetProperty("budget");
        Assert.False(budget.GetProperty("fits").GetBoolean());
        Assert.Equal(7000, budget.GetProperty("needed").GetDouble());
        Assert.Equal(5.2, health.GetProperty("now").GetProperty("load").GetDouble());
        Assert.StartsWith("Budget: DOES NOT FIT: ", health.GetProperty("lines").EnumerateArray().Last().GetString());
        web.Web.WaitUntil(() => web.GetJson($"/api/ups/{id}/events").EnumerateArray()
            .Any(e => e.GetProperty("kind").GetString() == "health"
                && e.GetProperty("text").GetString()!.StartsWith("Shutdown budget no longer fits: ", StringComparison.Ordinal)), "the health warning", 20);

        await using var b = await BrowserPage.OpenAsync(browser);
        await b.Page.GotoAsync(web.BaseUrl + "/ups/" + id);
        await Expect(b.Page.Locator("[data-budget]")).ToHaveAttributeAsync("data-budget", "short");
        await Expect(b.Page.Locator("[data-discharges]")).ToHaveAttributeAsync("data-discharges", "4");
        await Expect(b.Page.Locator("[data-events] li[data-kind=health]").First).ToContainTextAsync("Shutdown budget no longer fits");
        await b.Page.Locator("#health").ScrollIntoViewIfNeededAsync();
        await b.ShotAsync("ups-page-battery-health");
        b.AssertNoErrors();
    }
}
