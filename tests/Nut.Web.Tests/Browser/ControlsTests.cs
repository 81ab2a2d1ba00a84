using Microsoft.Playwright;
using Nut.Testing;
using static Microsoft.Playwright.Assertions;

namespace Nut.Web.Tests.Browser;

/// <summary>Logging in from a UPS page, instant commands and writable variables: each must reach upsd and the
/// driver, and a refusal must be plain.</summary>
[Collection("Browser")]
public sealed class ControlsTests(BrowserFixture browser)
{
    static async Task<BrowserPage> OpenUpsPageAsync(BrowserFixture browser, WebStack web)
    {
        var b = await BrowserPage.OpenAsync(browser);
        await b.Page.GotoAsync(web.BaseUrl + "/ups/" + Uri.EscapeDataString(web.Id("bessie")));
        await Expect(b.Page.Locator("#login")).ToBeVisibleAsync();
        return b;
    }

    static async Task LogInAsync(BrowserPage b, string user, string password)
    {
        await b.Page.FillAsync("#login input[name=user]", user);
        await b.Page.FillAsync("#login input[name=password]", password);
        await b.Page.ClickAsync("#login button[type=submit]");
    }

    [Fact]
    public async Task ACommandFromThePageReachesTheDriverAndASetChangesTheValueInUpsd()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps)]);
        await using var b = await OpenUpsPageAsync(browser, web);
        await LogInAsync(b, "admin", "mypass");
        var loadOff = b.Page.Locator("[data-command='load.off']");
        await Expect(loadOff).ToBeVisibleAsync();
        await Expect(b.Page.Locator("[data-field=session]")).ToHaveTextAsync("Logged in as admin");
        // The password is not kept by the page: not in the field, not in any storage, not in a readable cookie.
        Assert.Equal("", await b.Page.InputValueAsync("#login input[name=password]"));
        string storage = await b.Page.EvaluateAsync<string>(
            "() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, c: document.cookie })");
        Assert.DoesNotContain("mypass", storage);
        Assert.Equal(200, await b.StatusInPageAsync("/api/session"));
        await b.ShotAsync("controls-logged-in");

        // load.off cuts the power: the page asks first. Dismissed, nothing is sent.
        var driver = web.Nut.DriverOf("bessie");
        var dialogs = new List<string>();
        bool accept = false;
        b.Page.Dialog += async (_, d) =>
        {
            dialogs.Add(d.Type + ": " + d.Message);
            if (accept) await d.AcceptAsync(); else await d.DismissAsync();
        };
        await loadOff.ClickAsync();
        await Task.Delay(500);
        Assert.Single(dialogs);
        Assert.Contains("load.off", dialogs[0]);
        Assert.DoesNotContain("instcmd", driver.Output);

        accept = true;
        await loadOff.ClickAsync();
        Assert.True(driver.WaitForOutput("instcmd: unknown command [load.off] [(null)]", TimeSpan.FromSeconds(10)), driver.Output);
        // The page shows upsd's answer (dummy-ups does not know the command, so the driver refuses it).
        var outcome = b.Page.Locator("[data-command-row='load.off'] [data-outcome]");
        await Expect(outcome).ToHaveAttributeAsync("data-outcome", new System.Text.RegularExpressions.Regex("^(ok|refused)$"), new() { Timeout = 10000 });
        await Expect(outcome).Not.ToBeEmptyAsync();

        // A writable variable: the number editor and Set.
        var editor = b.Page.Locator("[data-variable='ups.delay.shutdown']");
        await Expect(editor).ToHaveValueAsync("20");
        await editor.FillAsync("45");
        await b.Page.ClickAsync("[data-set='ups.delay.shutdown']");
        var setOutcome = b.Page.Locator("[data-writable='ups.delay.shutdown'] [data-outcome]");
        await Expect(setOutcome).ToHaveAttributeAsync("data-outcome", "ok", new() { Timeout = 10000 });
        Assert.Equal("VAR bessie ups.delay.shutdown \"45\"", TestDevices.Get(web.Nut, "bessie", "ups.delay.shutdown"));
        await Expect(b.Page.Locator("[data-writable='ups.delay.shutdown'] td.now")).ToHaveTextAsync("45", new() { Timeout = 15000 });
        await b.ShotAsync("controls-command-and-set");

        // Logging out ends the session for the page.
        await b.Page.ClickAsync("[data-action=logout]");
        await Expect(b.Page.Locator("#login")).ToBeVisibleAsync();
        await Expect(loadOff).ToBeHiddenAsync();
        Assert.Equal(401, await b.StatusInPageAsync("/api/session"));
        b.AssertNoErrors();
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndGivesNoSession()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps)]);
        await using var b = await OpenUpsPageAsync(browser, web);
        await LogInAsync(b, "admin", "not-the-password");

        var refusal = b.Page.Locator("#login [data-outcome]");
        await Expect(refusal).ToHaveAttributeAsync("data-outcome", "refused", new() { Timeout = 10000 });
        // The server's own words.
        await Expect(refusal).ToContainTextAsync("upsd refused this user name and password");
        await Expect(b.Page.Locator("#login")).ToBeVisibleAsync();
        await Expect(b.Page.Locator("[data-command]")).ToHaveCountAsync(0);
        Assert.Equal("", await b.Page.InputValueAsync("#login input[name=password]"));
        Assert.Equal(401, await b.StatusInPageAsync("/api/session"));
        // And the API refuses commands without a session.
        int status = await b.Page.EvaluateAsync<int>("async p => (await fetch(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status",
            "/api/ups/" + Uri.EscapeDataString(web.Id("bessie")) + "/commands/load.off");
        Assert.Equal(401, status);
        Assert.DoesNotContain("instcmd", web.Nut.DriverOf("bessie").Output);
        await b.ShotAsync("controls-login-refused");
        b.AssertNoErrors();
    }
}
