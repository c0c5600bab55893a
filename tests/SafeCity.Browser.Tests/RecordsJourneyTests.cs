using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RecordsJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_arson_reduction_officer_adds_a_fire_and_the_plan_14_indicator_is_computed_from_it()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/asb-arson/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Records", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a record" }).ClickAsync();
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("Fire incident");
        await page.GetByLabel("Date and time it happened").FillAsync("2008-05-17 22:15");
        await page.GetByLabel("Place").FillAsync("On or near Lordshill Way");
        await page.GetByLabel("Fire type").SelectOptionAsync("secondary");
        await page.GetByLabel("Deliberate").SelectOptionAsync("yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add record" }).ClickAsync();

        var records = page.Locator("#records");
        await Assertions.Expect(records).ToContainTextAsync("Fire incident");
        await Assertions.Expect(records).ToContainTextAsync("On or near Lordshill Way");
        await Assertions.Expect(records).ToContainTextAsync("deliberate: yes");

        await page.GotoAsync("/asb-arson/indicators/P14.I3");
        await Assertions.Expect(page.Locator("#how-computed")).ToContainTextAsync("secondary and deliberate");
        await Assertions.Expect(page.Locator("#measurements")).ToContainTextAsync("May 2008");
        await Assertions.Expect(page.Locator("#measurements")).ToContainTextAsync("computed");

        await page.GotoAsync("/asb-arson/dashboard?from=2008-05&to=2008-05");
        await Assertions.Expect(page.Locator("#measure-deliberatesecondaryfires tbody")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#top-streets")).ToContainTextAsync("On or near Lordshill Way");
    }

    [Fact]
    public async Task A_record_without_a_month_or_time_is_refused_and_nothing_is_added()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/communities/records/new");
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("Hate crime report");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add record" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("is not a month like 2008-04");
        await page.GotoAsync("/communities/records?from=2000-01&to=2030-12&category=Hate%20crime%20report");
        await Assertions.Expect(page.Locator("#records tbody tr")).ToHaveCountAsync(0);
    }
}
