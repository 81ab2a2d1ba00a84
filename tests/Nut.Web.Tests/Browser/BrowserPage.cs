using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nut.Testing;

namespace Nut.Web.Tests.Browser;

/// <summary>
/// One browser context (its own cookies and storage) with one page, collecting what would be a bug in the page:
/// uncaught exceptions and Content-Security-Policy violations (an inline script or style that the server's CSP
/// blocks works in a plain file but not when served).
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    readonly List<string> _errors = [];

    BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, e) => { lock (_errors) _errors.Add("page error: " + e); };
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (_errors) _errors.Add("CSP: " + m.Text);
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<BrowserPage> OpenAsync(BrowserFixture browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.Browser.NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    /// <summary>Fails when the page threw or broke the CSP.</summary>
    public void AssertNoErrors()
    {
        lock (_errors)
            Assert.True(_errors.Count == 0, string.Join("\n", _errors));
    }

    /// <summary>Saves a full-page screenshot as artifacts/test-screenshots/<name>.png.</summary>
    public Task ShotAsync(string name) => Screens.ShotAsync(Page, name);

    /// <summary>The locator of a UPS's card (or page header) by its id.</summary>
    public ILocator Card(string id) => Page.Locator($"[data-ups=\"{id}\"]");

    /// <summary>Sets a marker in the page's JavaScript: it survives client-side navigation and live updates,
    /// and is gone after a reload.</summary>
    public Task MarkAsync() => Page.EvaluateAsync("() => { window.__noReload = 42; }");

    public async Task AssertNotReloadedAsync() =>
        Assert.Equal(42, await Page.EvaluateAsync<int?>("() => window.__noReload ?? null"));

    /// <summary>The HTTP status of a request made by the page itself (its cookies, its origin).</summary>
    public Task<int> StatusInPageAsync(string path) =>
        Page.EvaluateAsync<int>("async p => (await fetch(p, { credentials: 'same-origin' })).status", path);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

public static class Screens
{
    public static string Dir
    {
        get
        {
            string dir = Path.Combine(Paths.RepoRoot, "artifacts", "test-screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Dir, name + ".png"), FullPage = true });
}

/// <summary>Matching helpers for the browser tests (the devices and upsd access are <see cref="TestDevices"/>).</summary>
public static class BrowserUps
{
    public static Regex Exact(string text) => new("^" + Regex.Escape(text) + "$");
}
