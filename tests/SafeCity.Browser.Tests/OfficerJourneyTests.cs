using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OfficerJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_officer_updates_an_action_and_records_a_value_and_governance_shows_the_red_indicator()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/alcohol/");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Plan 1:") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Update action P1.A2", Exact = true }).ClickAsync();
        await page.GetByLabel("In progress").CheckAsync();
        await page.GetByLabel("Amber").CheckAsync();
        await page.GetByLabel("Commentary").FillAsync("Consultation on the Cumulative Impact Policy has started.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Action P1.A2 was updated.");
        var actionRow = page.Locator("tr#P1\\.A2");
        await Assertions.Expect(actionRow).ToContainTextAsync("In progress");
        await Assertions.Expect(actionRow.Locator(".safecity-rag")).ToHaveTextAsync("Amber");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("emergency department presentations") }).ClickAsync();
        await page.GetByLabel("Period").FillAsync("2008-04");
        await page.Locator("input#value").FillAsync("160");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record value" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("2008-04");
        await Assertions.Expect(page.Locator("p.govuk-body .govuk-tag").First).ToHaveTextAsync("Red");
        await Assertions.Expect(page.Locator("#measurements")).ToContainTextAsync("April 2008");
        await Assertions.Expect(page.Locator("canvas[data-chart]").First).ToBeVisibleAsync();

        // Governance learns of it over the bus; allow a few seconds and reload as a person would.
        var governance = page.Locator("tr#indicator-P1\\.I1 .govuk-tag");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await page.GotoAsync("/");
        }
        while (await governance.TextContentAsync() != "Red" && DateTime.UtcNow < deadline && await Delay());

        await Assertions.Expect(governance).ToHaveTextAsync("Red");
        await Assertions.Expect(page.Locator("tr#indicator-P1\\.I1")).ToContainTextAsync("160 (2008-04)");
        await Assertions.Expect(page.Locator("#plan-1 caption .govuk-tag")).ToHaveTextAsync("Red");
    }

    [Fact]
    public async Task A_value_with_a_period_that_cannot_be_read_is_refused_with_the_GOV_UK_error_summary()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/alcohol/indicators/P1.I6");
        await page.GetByLabel("Period").FillAsync("April 2008");
        await page.Locator("input#value").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record value" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("#period$"));
        await Assertions.Expect(page.Locator("#period-error")).ToContainTextAsync("Enter the period as");
        await Assertions.Expect(page.GetByLabel("Period")).ToHaveValueAsync("April 2008");
        await Assertions.Expect(page.Locator("#measurements tbody tr")).ToHaveCountAsync(0);
        Assert.StartsWith("Error:", await page.TitleAsync());
    }

    [Fact]
    public async Task The_chart_draws_under_the_content_security_policy()
    {
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        using var client = SafeCity.LocalPlatform.SignedCalls.ToGateway(fixture.Platform.Keys.OperatorKeys);
        client.BaseAddress = fixture.Platform.GatewayHttp;
        var recorded = await client.PostAsync("/api/alcohol/indicators/P1.I7/measurements",
            new StringContent("{\"period\":\"2008-08\",\"value\":12}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(recorded.IsSuccessStatusCode);

        await page.GotoAsync("/alcohol/indicators/P1.I7");

        await Assertions.Expect(page.Locator("body.js-enabled")).ToHaveCountAsync(1);
        // Both charts: the year against target, and the plan's three years.
        await Assertions.Expect(page.Locator("canvas[data-chart]")).ToHaveCountAsync(2);
        foreach (var canvas in await page.Locator("canvas[data-chart]").AllAsync())
        {
            Assert.True(await canvas.EvaluateAsync<bool>("c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0)"), "A chart's canvas is blank.");
        }
        Assert.Empty(violations);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }
}
