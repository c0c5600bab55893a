using Microsoft.Playwright;
using SafeCity.LocalPlatform;

namespace SafeCity.Browser.Tests;

/// <summary>The platform and one headless Debian chromium, shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly string _data = Directory.CreateTempSubdirectory("safecity-browser-").FullName;
    private readonly string _profile = Directory.CreateTempSubdirectory("safecity-chromium-").FullName;
    private IPlaywright? _playwright;

    public LocalPlatformHost Platform { get; private set; } = default!;
    public IBrowserContext Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install -y chromium (./safecity test installs it).");
        }

        Platform = await LocalPlatformHost.StartAsync(new LocalPlatformOptions { DataDirectory = _data });
        _playwright = await Playwright.CreateAsync();
        // Debian's chromium, never a downloaded one; the flags keep it off the (closed) network.
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            BaseURL = Platform.GatewayHttp.ToString(),
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Browser.SetDefaultTimeout(15_000);
    }

    public async Task<IPage> NewPageAsync() => await Browser.NewPageAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }

        foreach (var dir in new[] { _data, _profile })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
