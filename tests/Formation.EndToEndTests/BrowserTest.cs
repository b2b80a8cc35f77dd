using Microsoft.Playwright;

namespace Formation.EndToEndTests;

/// <summary>A test with its own running server and a headless Debian Chromium, both ended with the test.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright? _playwright;

    protected AppServer Server { get; } = new();

    protected IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
