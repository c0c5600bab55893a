using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SafeCity.RecordFiles.PoliceData;
using SafeCity.Testing;

namespace SafeCity.Browser.Tests;

/// <summary>The PMG looks at where Southampton stands in its family, from a real national month (../shared/data/police).</summary>
[Collection(BrowserCollection.Name)]
public sealed class MostSimilarGroupJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_PMG_sees_the_family_chart_table_and_missing_member_for_violence_then_chooses_criminal_damage()
    {
        Skip.If(SharedData.Folder is null, SharedData.Absent);
        using var api = fixture.Api();
        foreach (var file in PoliceStreetFiles.Find(SharedData.Path("police", "2024-01")).Files)
        {
            using var reply = await api.PostAsJsonAsync("/api/governance/most-similar-group/police-counts", await DistrictCounter.CountAsync(file, CancellationToken.None));
            reply.EnsureSuccessStatusCode();
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/msg?measure=violence&period=2024-01");

        await Assertions.Expect(page.Locator("#family-verdict")).ToContainTextAsync("Southampton: ");
        await Assertions.Expect(page.Locator("#family-verdict")).ToContainTextAsync("for violence in January 2024, ranked ");
        await Assertions.Expect(page.Locator("#family-table tbody tr")).ToHaveCountAsync(14);
        await Assertions.Expect(page.Locator("#family-table")).ToContainTextAsync("Southampton (us)");
        await Assertions.Expect(page.Locator("#family-missing + ul")).ToContainTextAsync("Manchester: No data.police.uk file of Greater Manchester for January 2024.");
        await Assertions.Expect(page.Locator("svg.safecity-msg-chart rect[fill='#003078']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#history-table tbody tr")).ToHaveCountAsync(1);
        // The family on a small map of England and Wales: fourteen districts shaded, Manchester grey, the page still small.
        await Assertions.Expect(page.Locator("#family-map path[data-district]")).ToHaveCountAsync(15);
        await Assertions.Expect(page.Locator("#family-map path[data-district='E08000003'] title")).ToHaveTextAsync("Manchester: no figures");
        var html = await page.ContentAsync();
        Assert.True(html.Length < 400_000, $"The page is {html.Length:N0} characters: the map's outlines are too detailed.");
        await Assertions.Expect(page.Locator("#attribution")).ToContainTextAsync("Open Government Licence");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "msg-family-violence.png"), FullPage = true });

        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join(Environment.NewLine, axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

        await page.GetByLabel("Crime type or group").SelectOptionAsync(new SelectOptionValue { Label = "Criminal damage and arson" });
        await page.GetByLabel("Against the family by").SelectOptionAsync(new SelectOptionValue { Value = "sd" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("#family-verdict")).ToContainTextAsync("for criminal damage and arson in January 2024");
        await Assertions.Expect(page.Locator("#family-table thead")).ToContainTextAsync("Limits");
        Assert.Contains("method=sd", page.Url, StringComparison.Ordinal);

        // The PMG changes the family from a month after those held; a month already held is refused, naming the field.
        await page.GotoAsync("/msg");
        await page.GetByText("Change the family").ClickAsync();
        await page.GetByLabel("Members").FillAsync("Southampton\nPortsmouth\nBristol\nBrighton and Hove");
        await page.GetByLabel("From month").FillAsync("2024-01");
        await page.GetByLabel("Why").FillAsync("The Home Office's 2014 revision of the groups");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new family" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("from must be after 2024-01");
        await page.GetByLabel("From month").FillAsync("2024-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new family" }).ClickAsync();
        await Assertions.Expect(page.Locator("#family-versions tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#family-versions tbody tr").Last).ToContainTextAsync("4: Southampton, Portsmouth, Bristol, Brighton and Hove");
        await Assertions.Expect(page.Locator("#family-versions tbody tr").Last).ToContainTextAsync("The Home Office's 2014 revision");
        // January 2024, already held, keeps paragraph 11's fifteen.
        await page.GotoAsync("/msg?measure=violence&period=2024-01");
        await Assertions.Expect(page.Locator("#family-table tbody tr")).ToHaveCountAsync(14);

        await page.GotoAsync("/msg?period=the-week-before-last");
        Assert.StartsWith("Error:", await page.TitleAsync());
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("period must be a month like 2024-01");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).Not.ToContainTextAsync("the-week-before-last");
    }
}
