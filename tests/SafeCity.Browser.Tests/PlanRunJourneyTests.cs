using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

/// <summary>The plan as it is run: a target the partnership sets on the indicator's page, and each indicator over the plan's three years.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanRunJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_officer_sets_next_years_target_on_the_indicators_page_and_the_year_is_rated_by_it()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/alcohol/indicators/P1.I4");
        await page.GetByLabel("Period").FillAsync("2009-04");
        await page.Locator("input#value").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record value" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rag-reason")).ToHaveTextAsync("Not rated: no target for 2009/10.");

        await page.GetByLabel("Financial year").FillAsync("2009");
        await page.Locator("input#target-value").FillAsync("12");
        await page.GetByLabel("Why").FillAsync("LAA refresh, June 2008");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save target" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The target for 2009/10 was saved.");
        await Assertions.Expect(page.Locator("#targets [data-year='2009/10']")).ToContainTextAsync("Set by admin");
        await Assertions.Expect(page.Locator("#targets [data-year='2009/10']")).ToContainTextAsync("LAA refresh, June 2008");
        await Assertions.Expect(page.Locator("#target-history")).ToContainTextAsync("2009/10");
        await Assertions.Expect(page.Locator("p.govuk-body .safecity-rag").First).ToHaveTextAsync("Green");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "target-set.png"), FullPage = true });
    }

    [Fact]
    public async Task A_target_that_cannot_be_read_is_refused_with_the_GOV_UK_error_summary_and_nothing_changes()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/alcohol/indicators/P1.I5");

        await page.GetByLabel("Financial year").FillAsync("2009");
        await page.Locator("input#target-value").FillAsync("a few");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save target" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a number");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await Assertions.Expect(page.Locator("#targets")).Not.ToContainTextAsync("2009/10");
    }

    [Fact]
    public async Task The_PMG_sets_the_LAA_refresh_from_a_file_and_a_file_with_a_bad_row_changes_nothing()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/violence/targets/import");

        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "refresh.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("indicator,year,target\nP3.I7,2009/10,1900\nP3.I8,next year,1500\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the targets" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("not a financial year");
        await page.GotoAsync("/violence/indicators/P3.I7");
        await Assertions.Expect(page.Locator("#targets")).Not.ToContainTextAsync("2009/10");

        await page.GotoAsync("/violence/targets/import");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "refresh.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("indicator,year,target\nP3.I7,2009/10,1900\nP3.I8,2009/10,1500\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the targets" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("2 targets were set.");
        await page.GotoAsync("/violence/indicators/P3.I8");
        await Assertions.Expect(page.Locator("#targets [data-year='2009/10']")).ToContainTextAsync("LAA refresh");
    }

    [Fact]
    public async Task The_three_year_view_shows_plan_1s_indicators_over_2008_09_to_2010_11()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/alcohol/plans/1");
        await page.GetByRole(AriaRole.Link, new() { Name = "See every indicator over the plan's three years" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("three years");
        var table = page.Locator("#three-years-P1\\.I1");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(table.Locator("tbody tr").Nth(0)).ToContainTextAsync("2008/09");
        await Assertions.Expect(table.Locator("tbody tr").Nth(0)).ToContainTextAsync("Reduce by .75%");
        await Assertions.Expect(table.Locator("tbody tr").Nth(2)).ToContainTextAsync("2010/11");
        await Assertions.Expect(table.Locator("tbody tr").Nth(2)).ToContainTextAsync("No target set");
        // Indicators held by another plan say so rather than chart figures they do not hold.
        await Assertions.Expect(page.Locator("#P1\\.I2 + p")).ToContainTextAsync("held by the violence theme's plan 4");
        await Assertions.Expect(page.Locator("canvas[data-chart]")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtefactsDirectory, "three-years.png"), FullPage = true });
    }
}
