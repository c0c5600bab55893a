using Microsoft.Playwright;
using SafeCity.LocalPlatform;

namespace SafeCity.Browser.Tests;

/// <summary>The platform and one headless Debian chromium, shared by the browser tests.</summary>
public class BrowserFixture : IAsyncLifetime
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

        Platform = await LocalPlatformHost.StartAsync(new LocalPlatformOptions
        {
            DataDirectory = _data,
            Settings = Settings,
        });
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

        // The administrator's first sign-in: the one-time password the gateway printed, then one of our own.
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "admin", Platform.OneTimeAdministratorPassword() ?? throw new InvalidOperationException("The gateway printed no one-time password."));
        await ChangePasswordAsync(page, Platform.OneTimeAdministratorPassword()!, AdministratorPassword);
        await page.CloseAsync();
        await PrepareAsync();
    }

    /// <summary>Settings every service of this fixture's platform is started with.</summary>
    protected virtual Dictionary<string, string> Settings =>
        new() { ["Gateway__PartnerCallsPerSecond"] = PartnerCallsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The platform's JSON API as its operator, for what a test checks a page against.</summary>
    public HttpClient Api()
    {
        var client = SignedCalls.ToGateway(Platform.Keys.OperatorKeys);
        client.BaseAddress = Platform.GatewayHttp;
        return client;
    }

    /// <summary>What a fixture puts on its platform before the first test.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Lower than the default, so that a test can exceed it with a modest burst.</summary>
    public const int PartnerCallsPerSecond = 20;

    /// <summary>Where the browser tests keep their screenshots, beside the test assembly, for a person to look at after a run.</summary>
    public static string ArtefactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public const string AdministratorPassword = "the administrator's own long password";

    /// <summary>A new tab, signed in as the administrator unless a test signed in as someone else.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await Browser.NewPageAsync();
        if (!(await Browser.CookiesAsync()).Any(c => c.Name == "safecity"))
        {
            await SignInAsync(page, "admin", AdministratorPassword);
        }

        return page;
    }

    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task ChangePasswordAsync(IPage page, string current, string replacement)
    {
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Change your password");
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(replacement);
        await page.GetByLabel("New password again").FillAsync(replacement);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Password changed");
    }

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
