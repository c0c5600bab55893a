using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

/// <summary>
/// A new, empty platform that an administrator fills with the demonstration year from its home page,
/// as a newcomer would: the same generated 2008/09 as ./safecity run --demo, labelled on every page.
/// </summary>
public sealed class DemonstrationFixture : BrowserFixture
{
    protected override Dictionary<string, string> Settings => [];

    protected override async Task PrepareAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#demonstration-banner")).ToHaveCountAsync(0);
        await page.Locator("#fill-demonstration-link").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fill with demonstration data" }).ClickAsync();
        // The page refreshes itself every two seconds until the year is in.
        await Assertions.Expect(page.Locator("#demonstration-state")).ToContainTextAsync("Done.", new() { Timeout = 120_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtefactsDirectory, "demonstration-filled.png"), FullPage = true });
        await page.CloseAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemonstrationCollection : ICollectionFixture<DemonstrationFixture>
{
    public const string Name = "demonstration";
}
