using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

/// <summary>
/// The PPO cohort's personal data is seen only by a designated officer of the scheme, and only through
/// a disclosure another designated officer authorised and that is recorded first; the administrator
/// sees the disclosure log but not the people.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PpoDisclosureJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_designated_officer_asks_another_authorises_and_only_then_are_the_details_shown_with_a_record_of_each_step()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            // The administrator may not see the cohort.
            await page.GotoAsync("/information-sharing/ppo");
            await Assertions.Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("Only a designated officer of the prolific and priority offender scheme");
            await Assertions.Expect(page.Locator("#cohort")).ToHaveCountAsync(0);

            var patPassword = await AddDesignatedOfficerAsync(page, "ppo.officer", "Pat Officer");
            var samPassword = await AddDesignatedOfficerAsync(page, "ppo.second", "Sam Authoriser");
            await SwitchToAsync(page, "ppo.officer", patPassword, "the PPO officer's own password");

            await page.GotoAsync("/information-sharing/ppo");
            var add = page.Locator("#add");
            await add.GetByLabel("Name", new() { Exact = true }).FillAsync("John Example");
            await add.GetByLabel("Date of birth").FillAsync("1985-03-14");
            await add.GetByLabel("Shared by").SelectOptionAsync("Hampshire Probation Service");
            await add.GetByLabel("Their designated officer who authorised sending it").FillAsync("Jo Bloggs, PPO manager");
            await add.GetByLabel("Grounds for receiving it").SelectOptionAsync("Preventing crime and disorder");
            await add.GetByLabel("Without consent").CheckAsync();
            await add.GetByLabel("Your post and organisation").FillAsync("PPO co-ordinator, Southampton City Council");
            await add.GetByRole(AriaRole.Button, new() { Name = "Add to the cohort" }).ClickAsync();
            var pseudonym = (await page.Locator("#cohort tbody tr td").First.TextContentAsync())!;
            Assert.Matches("^PPO-[0-9A-F]{8}$", pseudonym);
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("John Example");

            // Without grounds, nothing is asked.
            var ask = page.Locator("#ask");
            await ask.GetByLabel("What is to be disclosed, and for what purpose").FillAsync("Name and date of birth for the case conference");
            await ask.GetByLabel("Without consent").CheckAsync();
            await ask.GetByLabel("Your post and organisation").FillAsync("PPO co-ordinator, Southampton City Council");
            await ask.GetByRole(AriaRole.Button, new() { Name = "Ask for the details" }).ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Choose the grounds");
            await Assertions.Expect(page.Locator("#requests")).ToHaveCountAsync(0);

            await ask.GetByLabel("What is to be disclosed, and for what purpose").FillAsync("Name and date of birth for the case conference");
            await ask.GetByLabel("Grounds for disclosure").SelectOptionAsync("Preventing crime and disorder");
            await ask.GetByLabel("Without consent").CheckAsync();
            await ask.GetByLabel("Your post and organisation").FillAsync("PPO co-ordinator, Southampton City Council");
            await ask.GetByRole(AriaRole.Button, new() { Name = "Ask for the details" }).ClickAsync();
            var request = page.Locator("#requests tbody tr").First;
            await Assertions.Expect(request).ToContainTextAsync("awaiting authorisation");
            await Assertions.Expect(request.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

            // Another designated officer authorises it; they are not shown the details.
            await SwitchToAsync(page, "ppo.second", samPassword, "the second PPO officer's own password");
            await page.GotoAsync("/information-sharing/ppo");
            await page.Locator("#requests tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "Authorise" }).ClickAsync();
            await Assertions.Expect(page.Locator("#requests tbody tr").First).ToContainTextAsync("authorised by Sam Authoriser (ppo.second)");
            await Assertions.Expect(page.Locator("#requests tbody tr").First.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

            // The officer who asked sees them, once.
            await SwitchToAsync(page, "ppo.officer", "the PPO officer's own password", null);
            await page.GotoAsync("/information-sharing/ppo");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the disclosure and show the details" }).ClickAsync();
            await Assertions.Expect(page.Locator("#disclosed")).ToContainTextAsync("John Example, born 14 March 1985");
            await Assertions.Expect(page.Locator("#requests tbody tr").First).ToContainTextAsync("disclosed");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record the disclosure and show the details" })).ToHaveCountAsync(0);

            await page.GotoAsync("/information-sharing/disclosures?subject=" + pseudonym);
            var rows = page.Locator("#disclosures tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(4);
            await Assertions.Expect(rows.First).ToContainTextAsync("(disclosed)");
            await Assertions.Expect(rows.First).ToContainTextAsync("Pat Officer (ppo.officer), PPO co-ordinator, Southampton City Council");
            await Assertions.Expect(rows.First).ToContainTextAsync("Preventing crime and disorder, without consent");
            await Assertions.Expect(rows.First).ToContainTextAsync("Sam Authoriser (ppo.second)");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("John Example");
        }
        finally
        {
            await fixture.Browser.ClearCookiesAsync();
        }
    }

    // As the administrator: a new account with the designated officer's role; its one-time password.
    private static async Task<string> AddDesignatedOfficerAsync(IPage page, string username, string name)
    {
        await page.GotoAsync("/account/users");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Designated officer of the PPO scheme").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();
        return (await page.Locator("#one-time-password").TextContentAsync())!;
    }

    // Signs out and in as someone else, changing a one-time password to their own when given one.
    private static async Task SwitchToAsync(IPage page, string username, string password, string? replacement)
    {
        await page.GotoAsync("/account/sign-out");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await BrowserFixture.SignInAsync(page, username, password);
        if (replacement is not null)
        {
            await BrowserFixture.ChangePasswordAsync(page, password, replacement);
        }
    }
}
