using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

/// <summary>
/// The PPO cohort's personal data is seen only by a designated officer of the scheme, and only through
/// a disclosure recorded first; the administrator sees the disclosure log but not the people.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PpoDisclosureJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_designated_officer_adds_a_cohort_member_and_discloses_their_details_with_a_record_of_it()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            // The administrator may not see the cohort.
            await page.GotoAsync("/information-sharing/ppo");
            await Assertions.Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("Only a designated officer of the prolific and priority offender scheme");
            await Assertions.Expect(page.Locator("#cohort")).ToHaveCountAsync(0);

            await page.GotoAsync("/account/users");
            await page.GetByLabel("Username").FillAsync("ppo.officer");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Pat Officer");
            await page.GetByLabel("Designated officer of the PPO scheme").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();
            var password = await page.Locator("#one-time-password").TextContentAsync();
            await page.GotoAsync("/account/sign-out");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await BrowserFixture.SignInAsync(page, "ppo.officer", password!);
            await BrowserFixture.ChangePasswordAsync(page, password!, "the PPO officer's own password");

            await page.GotoAsync("/information-sharing/ppo");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("John Example");
            await page.GetByLabel("Date of birth").FillAsync("1985-03-14");
            await page.GetByLabel("Shared by").SelectOptionAsync("Hampshire Probation Service");
            await page.GetByLabel("Designated officer authorising the receipt").FillAsync("Sam Authoriser");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add to the cohort" }).ClickAsync();
            var pseudonym = (await page.Locator("#cohort tbody tr td").First.TextContentAsync())!;
            Assert.Matches("^PPO-[0-9A-F]{8}$", pseudonym);
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("John Example");

            // Without grounds, nothing is disclosed.
            await page.GetByLabel("What is disclosed, and for what purpose").FillAsync("Name and date of birth for the case conference");
            await page.GetByLabel("Designated officer authorising", new() { Exact = true }).FillAsync("Sam Authoriser");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the disclosure and show the details" }).ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Choose the grounds");
            await Assertions.Expect(page.Locator("#disclosed")).ToHaveCountAsync(0);

            await page.GetByLabel("What is disclosed, and for what purpose").FillAsync("Name and date of birth for the case conference");
            await page.GetByLabel("Grounds").SelectOptionAsync("Preventing crime and disorder");
            await page.GetByLabel("Designated officer authorising", new() { Exact = true }).FillAsync("Sam Authoriser");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the disclosure and show the details" }).ClickAsync();
            await Assertions.Expect(page.Locator("#disclosed")).ToContainTextAsync("John Example, born 14 March 1985");

            await page.GotoAsync("/information-sharing/disclosures?subject=" + pseudonym);
            var rows = page.Locator("#disclosures tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(rows.First).ToContainTextAsync("(disclosed)");
            await Assertions.Expect(rows.First).ToContainTextAsync("Pat Officer");
            await Assertions.Expect(rows.First).ToContainTextAsync("Preventing crime and disorder");
            await Assertions.Expect(rows.First).ToContainTextAsync("Sam Authoriser");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("John Example");
        }
        finally
        {
            await fixture.Browser.ClearCookiesAsync();
        }
    }
}
