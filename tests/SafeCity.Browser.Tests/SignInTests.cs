using Microsoft.Playwright;

namespace SafeCity.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_officer_of_one_theme_is_refused_an_edit_in_another_and_makes_one_in_their_own()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/users");
            await page.GetByLabel("Username").FillAsync("vi.officer");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Vi Officer");
            await page.GetByLabel("Officer of the violence theme").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add account" }).ClickAsync();
            var officerPassword = await page.Locator("#one-time-password").TextContentAsync();
            await page.GotoAsync("/account/sign-out");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

            await BrowserFixture.SignInAsync(page, "vi.officer", officerPassword!);
            await BrowserFixture.ChangePasswordAsync(page, officerPassword!, "the violence officer's password");

            await page.GotoAsync("/alcohol/actions/P1.A1");
            await Assertions.Expect(page.Locator("#signed-in")).ToContainTextAsync("Signed in as Vi Officer");
            await Assertions.Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("You may not change this theme");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save action" })).ToHaveCountAsync(0);

            await page.GotoAsync("/violence/actions/P3.A1");
            await page.GetByLabel("In progress").CheckAsync();
            await page.GetByLabel("Green").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save action" }).ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Action P3.A1 was updated.");
            await Assertions.Expect(page.Locator("tr#P3\\.A1")).ToContainTextAsync("In progress");
        }
        finally
        {
            await fixture.Browser.ClearCookiesAsync();
        }
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in_and_back_to_the_page_they_asked_for()
    {
        await fixture.Browser.ClearCookiesAsync();
        var page = await fixture.Browser.NewPageAsync();

        await page.GotoAsync("/drugs/plans/16");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(BrowserFixture.AdministratorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Reduce drug related harm");
        await Assertions.Expect(page.Locator("#signed-in")).ToContainTextAsync("Signed in as Administrator");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_answer()
    {
        var page = await fixture.NewPageAsync();

        await BrowserFixture.SignInAsync(page, "admin", "not the password");
        var wrong = await page.Locator(".govuk-error-summary").TextContentAsync();
        await BrowserFixture.SignInAsync(page, "no.such.person", "not the password");
        var unknown = await page.Locator(".govuk-error-summary").TextContentAsync();

        Assert.Equal(wrong, unknown);
        Assert.Contains("username or password is not right", wrong);
    }
}
