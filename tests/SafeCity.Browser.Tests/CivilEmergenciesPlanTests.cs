using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CivilEmergenciesPlanTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_Local_Resilience_Forum_writes_the_missing_plan_for_objective_7c_and_governance_shows_it()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/communities/");
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Objective 7c, preparedness for civil emergencies, has no action plan yet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write its action plan" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Preparedness for civil emergencies");
        await Assertions.Expect(page.GetByLabel("Plan number")).ToHaveValueAsync("20");
        await page.GetByLabel("Aims").FillAsync("Every partner has a tested emergency plan\nResidents know how to prepare");
        await page.GetByLabel("Lead partner").FillAsync("Local Resilience Forum");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action plan" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Preparedness for civil emergencies");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an action" }).ClickAsync();
        await page.GetByLabel("Action").FillAsync("Run a city-wide flood exercise with every Category 1 responder.");
        await page.GetByLabel("Responsible").FillAsync("Local Resilience Forum");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr#P20\\.A1")).ToContainTextAsync("flood exercise");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add an indicator" }).ClickAsync();
        await page.GetByLabel("Indicator").FillAsync("Partners with a tested emergency plan");
        await page.GetByLabel("Unit").SelectOptionAsync("Percentage");
        await page.GetByLabel("Which way is better").SelectOptionAsync("HigherIsBetter");
        await page.GetByLabel("Reported").SelectOptionAsync("Annual");
        await page.Locator("#target").FillAsync("100");
        await page.Locator("#target-year").FillAsync("2009/10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add indicator" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr#P20\\.I1")).ToContainTextAsync("Partners with a tested emergency plan");

        var plan20 = page.Locator("#plan-20");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await page.GotoAsync("/");
        }
        while (await plan20.CountAsync() == 0 && DateTime.UtcNow < deadline);

        await Assertions.Expect(plan20).ToContainTextAsync("Preparedness for civil emergencies");
        await Assertions.Expect(plan20).ToContainTextAsync("Partners with a tested emergency plan");
    }

    [Fact]
    public async Task A_plan_may_not_take_a_number_of_the_published_plan()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/drugs/plans/new");
        await page.GetByLabel("Plan number").FillAsync("16");
        await page.GetByLabel("Title").FillAsync("A second plan 16");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action plan" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("plans 1 to 19 are the published plan's");
    }
}
