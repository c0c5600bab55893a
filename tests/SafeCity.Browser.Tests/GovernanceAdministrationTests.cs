using System.Net.Http.Json;
using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

/// <summary>The PMG's Most Similar Group comparison and an administrator's change to the Appendix C structure.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GovernanceAdministrationTests(BrowserFixture fixture)
{
    private static readonly string[] Group =
    [
        "Bristol", "Cambridge", "Cardiff", "Exeter", "Leicester", "Lincoln", "Manchester", "Newcastle upon Tyne",
        "Norwich", "Nottingham", "Oxford", "Portsmouth", "Plymouth", "Reading",
    ];

    [Fact]
    public async Task An_MSG_file_is_imported_and_Southampton_is_ranked_against_the_groups_control_limits()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/msg");

        // A file missing Reading and naming a city outside the group is refused whole.
        await page.GetByLabel("What the rates measure").FillAsync("NI 16 serious acquisitive crime");
        await page.GetByLabel("Period").FillAsync("2008/09");
        await page.GetByLabel("Rates per 1,000 (CSV)").FillAsync("area,rate\nSwindon,12\n" + string.Join("\n", Group.SkipLast(1).Select(c => c + ",15")) + "\nSouthampton,30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Line 2: The area is not a member of the Most Similar Group: Bristol,");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).Not.ToContainTextAsync("Swindon");
        Assert.StartsWith("Error:", await page.TitleAsync());
        await Assertions.Expect(page.Locator("text=None yet.")).ToBeVisibleAsync();

        // Fourteen cities between 14 and 16 per 1,000, Southampton at 30: far above the group.
        var rates = Group.Select((c, i) => $"{c},{14 + (i % 3)}");
        await page.GetByLabel("Rates per 1,000 (CSV)").FillAsync("area,rate\n" + string.Join("\n", rates) + "\nSouthampton,30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("Southampton: 30 per 1,000, ranked 15 of 15 (1 = lowest); above the group");
        await Assertions.Expect(page.Locator("#rates-table tbody tr")).ToHaveCountAsync(15);
        await Assertions.Expect(page.Locator("#rates-table tbody tr").Last).ToContainTextAsync("Southampton (us)");
    }

    [Fact]
    public async Task An_administrator_adds_a_subgroup_that_owns_plans_and_the_history_keeps_each_version()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/structure");

        await page.GetByLabel("Under").SelectOptionAsync(new SelectOptionValue { Value = "Priority 2" });
        await page.Locator("#add-name").FillAsync("Night-Time Economy Group");
        await page.Locator("#add-role").FillAsync("Licensing, policing and transport of the night-time economy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await Assertions.Expect(page.Locator("#structure-tree")).ToContainTextAsync("Night-Time Economy Group");

        await page.Locator("#plans-body").SelectOptionAsync(new SelectOptionValue { Value = "Night-Time Economy Group" });
        await page.Locator("#plans-list").FillAsync("3, 4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save plans" }).ClickAsync();
        await Assertions.Expect(page.Locator("#structure-tree")).ToContainTextAsync("(owns plans 3, 4)");

        // A priority box is part of the plan's structure: removing it is refused.
        await page.Locator("#remove-body").SelectOptionAsync(new SelectOptionValue { Value = "Priority 2" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove group" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Priority 2 is part of the plan's structure");

        var history = page.Locator("#history tbody tr");
        await Assertions.Expect(history.First).ToContainTextAsync("Night-Time Economy Group owns plans 3, 4");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Added Night-Time Economy Group under Priority 2");
        await Assertions.Expect(history.Last).ToContainTextAsync("Appendix C of the Safe City Partnership Plan");
    }

    [Fact]
    public async Task A_platform_holding_real_work_refuses_the_demonstration_year_and_is_not_labelled()
    {
        using var api = fixture.Api();
        var recorded = await api.PostAsync("/api/drugs/indicators/P16.I1/measurements",
            new StringContent("{\"period\":\"2008-04\",\"value\":900}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        // Governance hears of the figure over the bus.
        for (var i = 0; i < 100 && (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/governance/measurements?theme=drugs&indicator=P16.I1")).GetArrayLength() == 0; i++)
        {
            await Task.Delay(100);
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#empty-platform")).ToHaveCountAsync(0);
        await page.GotoAsync("/account/demonstration");
        await Assertions.Expect(page.Locator("#demonstration-state")).ToContainTextAsync("holds real work");
        await Assertions.Expect(page.Locator("#fill-demonstration")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#demonstration-banner")).ToHaveCountAsync(0);
    }
}
