using Microsoft.Playwright;

namespace Nut.Web.Tests.Browser;

/// <summary>The browser tests share one headless chromium and run one after another: each starts its own NUT
/// stack and upsweb, and side by side they would compete for the CPU that their 2-second limits measure.</summary>
[CollectionDefinition("Browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>
/// Debian's chromium driven by Playwright. Debian's real binary, not /usr/bin/chromium (a shell wrapper that
/// Playwright cannot talk to), and not a Playwright-downloaded browser: the tests run offline. A missing
/// chromium fails the tests: a skipped browser test would hide a broken dashboard.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    IPlaywright? _playwright;
    IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser did not start");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the dashboard's browser tests need Debian's chromium. Run scripts/install-test-deps.sh (as root).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // --no-sandbox: the tests run as root, where chromium refuses its sandbox. /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--enable-precise-memory-info"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
