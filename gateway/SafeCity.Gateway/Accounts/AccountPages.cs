using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;

namespace SafeCity.Gateway.Accounts;

/// <summary>
/// Signing in and out at the gateway, changing a password, and an administrator's list of accounts.
/// Plain server-rendered HTML with the platform's GOV.UK styles (served by governance).
/// </summary>
public static class AccountPages
{
    public static void MapAccountPages(this WebApplication app)
    {
        var account = app.MapGroup("/account");
        account.MapGet("/sign-in", (HttpContext http, IAntiforgery af, OrganisationSignIn organisation, string? returnUrl) =>
            Page(http, af, "Sign in", Organisation(organisation, returnUrl) + SignInForm(returnUrl, null)));
        account.MapGet("/sign-in/organisation", (OrganisationSignIn organisation, string? returnUrl) => organisation.IsConfigured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [OrganisationSignIn.Scheme])
            : Results.NotFound());
        account.MapPost("/sign-in", SignInAsync);
        account.MapGet("/sign-out", (HttpContext http, IAntiforgery af) => Page(http, af, "Sign out",
            "<form method=\"post\" action=\"/account/sign-out\">{token}<button class=\"govuk-button\" type=\"submit\">Sign out</button></form>"));
        account.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
        account.MapGet("/password", (HttpContext http, IAntiforgery af) => Page(http, af, "Change your password", PasswordForm(null))).RequireAuthorization();
        account.MapPost("/password", ChangePassword).RequireAuthorization();
        account.MapGet("/users", (HttpContext http, IAntiforgery af, LocalAccounts accounts, IOptions<GatewayOptions> gateway) =>
            Page(http, af, "Accounts", UsersPage(accounts, gateway.Value, null))).RequireAuthorization(p => p.RequireRole(PlatformRoles.Administrator));
        account.MapPost("/users", CreateUser).RequireAuthorization(p => p.RequireRole(PlatformRoles.Administrator));
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery af, LocalAccounts accounts, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var (outcome, account) = accounts.SignIn(username, password);
        if (outcome != SignInOutcome.SignedIn)
        {
            return Page(http, af, "Sign in", SignInForm(returnUrl,
                "The username or password is not right, or the account is locked for a while after too many attempts."), StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account!.Username), new Claim(PlatformRoles.DisplayNameClaim, account.Name), .. account.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        if (account.MustChangePassword)
        {
            return Results.Redirect("/account/password");
        }

        return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static IResult ChangePassword(HttpContext http, IAntiforgery af, LocalAccounts accounts, IConfiguration configuration, [FromForm] string? current, [FromForm] string? replacement, [FromForm] string? confirmation)
    {
        var error = accounts.ChangePassword(http.User.Identity!.Name!, current, replacement, confirmation);
        if (error is null && http.User.Identity.Name == AdministratorBootstrap.Username)
        {
            File.Delete(AdministratorBootstrap.File(configuration));
        }

        return error is null
            ? Page(http, af, "Password changed", "<p class=\"govuk-body\">Your password is changed. <a class=\"govuk-link\" href=\"/\">Go to the partnership's performance</a>.</p>")
            : Page(http, af, "Change your password", PasswordForm(error), StatusCodes.Status400BadRequest);
    }

    private static IResult CreateUser(HttpContext http, IAntiforgery af, LocalAccounts accounts, IOptions<GatewayOptions> gateway, IFormCollection form)
    {
        string? username = form["username"];
        string? name = form["name"];
        var roles = form["roles"].OfType<string>().ToArray();
        var allowed = Roles(gateway.Value).Select(r => r.Role).ToHashSet();
        string? error = string.IsNullOrWhiteSpace(username) || username.Length > 100 || !username.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@')
            ? "Give a username of letters, digits and . - _ @ (up to 100)."
            : accounts.Find(username) is not null ? "That username is taken."
            : string.IsNullOrWhiteSpace(name) ? "Give the person's name."
            : roles.Length == 0 || !roles.All(allowed.Contains) ? "Choose at least one role."
            : null;
        if (error is not null)
        {
            return Page(http, af, "Accounts", UsersPage(accounts, gateway.Value, error), StatusCodes.Status400BadRequest);
        }

        var password = accounts.Create(username!, name!.Trim(), roles);
        return Page(http, af, "Account created",
            $"<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">Account {E(LocalAccounts.Normalise(username!))} created</h2>" +
            $"<div class=\"govuk-panel__body\">One-time password: <strong id=\"one-time-password\">{E(password)}</strong></div></div>" +
            "<p class=\"govuk-body\">Give it to them privately; it is shown only this once, and they must change it when they first sign in.</p>" +
            "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account/users\">Back to accounts</a></p>");
    }

    private static IEnumerable<(string Role, string Label)> Roles(GatewayOptions gateway) =>
        gateway.Themes.Select(t => (PlatformRoles.OfficerOf(t), $"Officer of the {t} theme"))
            .Concat([(PlatformRoles.PerformanceManagementGroup, "Performance Management Group member"), (PlatformRoles.DeliveryBoard, "Delivery Board member"),
                (PlatformRoles.Analyst, "Analyst"), (PlatformRoles.PpoOfficer, "Designated officer of the PPO scheme (sees the cohort's personal data)"), (PlatformRoles.Administrator, "Administrator")]);

    private static string Organisation(OrganisationSignIn organisation, string? returnUrl) => !organisation.IsConfigured ? "" :
        $"<a class=\"govuk-button\" href=\"/account/sign-in/organisation?returnUrl={E(Uri.EscapeDataString(IsLocal(returnUrl) ? returnUrl! : "/"))}\">Sign in with {E(organisation.DisplayName)}</a>" +
        "<p class=\"govuk-body\">Or with a local account:</p>";

    private static string SignInForm(string? returnUrl, string? error) =>
        Error(error) +
        "<form method=\"post\" action=\"/account/sign-in\" novalidate>{token}" +
        $"<input type=\"hidden\" name=\"returnUrl\" value=\"{E(IsLocal(returnUrl) ? returnUrl! : "/")}\" />" +
        Field("username", "Username", "text", "username") +
        Field("password", "Password", "password", "current-password") +
        "<button class=\"govuk-button\" type=\"submit\">Sign in</button></form>";

    private static string PasswordForm(string? error) =>
        Error(error) +
        "<form method=\"post\" action=\"/account/password\" novalidate>{token}" +
        Field("current", "Current password", "password", "current-password") +
        Field("replacement", $"New password (at least {LocalAccounts.MinPasswordLength} characters)", "password", "new-password") +
        Field("confirmation", "New password again", "password", "new-password") +
        "<button class=\"govuk-button\" type=\"submit\">Change password</button></form>";

    private static string UsersPage(LocalAccounts accounts, GatewayOptions gateway, string? error) =>
        "<table class=\"govuk-table\" id=\"accounts\"><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">" +
        "<th scope=\"col\" class=\"govuk-table__header\">Username</th><th scope=\"col\" class=\"govuk-table__header\">Name</th><th scope=\"col\" class=\"govuk-table__header\">Roles</th></tr></thead><tbody class=\"govuk-table__body\">" +
        string.Concat(accounts.All().Select(a => $"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">{E(a.Username)}</td><td class=\"govuk-table__cell\">{E(a.Name)}</td><td class=\"govuk-table__cell\">{E(string.Join(", ", a.Roles))}</td></tr>")) +
        "</tbody></table><h2 class=\"govuk-heading-m\">Add an account</h2>" + Error(error) +
        "<form method=\"post\" action=\"/account/users\" novalidate>{token}" +
        Field("username", "Username", "text", "off") + Field("name", "Name", "text", "off") +
        "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Roles</legend><div class=\"govuk-checkboxes govuk-checkboxes--small\">" +
        string.Concat(Roles(gateway).Select((r, i) => $"<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"role-{i}\" name=\"roles\" type=\"checkbox\" value=\"{E(r.Role)}\" /><label class=\"govuk-label govuk-checkboxes__label\" for=\"role-{i}\">{E(r.Label)}</label></div>")) +
        "</div></fieldset></div><button class=\"govuk-button\" type=\"submit\">Add account</button></form>";

    internal static string Field(string name, string label, string type, string autocomplete) =>
        $"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"{name}\">{E(label)}</label>" +
        $"<input class=\"govuk-input govuk-!-width-one-half\" id=\"{name}\" name=\"{name}\" type=\"{type}\" autocomplete=\"{autocomplete}\" spellcheck=\"false\" /></div>";

    internal static string Error(string? error) => error is null ? "" :
        $"<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\"><p class=\"govuk-body\">{E(error)}</p></div></div></div>";

    internal static IResult Page(HttpContext http, IAntiforgery antiforgery, string title, string body, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var token = $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken!)}\" />";
        var signedIn = http.User.Identity?.IsAuthenticated == true
            ? $"<p class=\"govuk-body-s\">Signed in as {E(http.User.FindFirstValue(PlatformRoles.DisplayNameClaim) ?? http.User.Identity!.Name!)}. <a class=\"govuk-link\" href=\"/account/sign-out\">Sign out</a></p>"
            : "";
        var html = "<!DOCTYPE html><html lang=\"en-GB\" class=\"govuk-template govuk-template--rebranded\"><head><meta charset=\"utf-8\" />" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />" +
            $"<title>{E(title)} – SafeCity</title><link rel=\"stylesheet\" href=\"/_content/SafeCity.Kernel/lib/safecity.css\" /></head>" +
            "<body class=\"govuk-template__body\"><header class=\"govuk-header safecity-header\"><div class=\"govuk-header__container govuk-width-container\"><div class=\"govuk-header__logo\">" +
            "<a href=\"/\" class=\"govuk-header__link govuk-header__link--homepage\"><span class=\"govuk-header__logotype-text\">SafeCity</span></a></div></div></header>" +
            $"<div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">{signedIn}<h1 class=\"govuk-heading-l\">{E(title)}</h1>{body.Replace("{token}", token)}</main></div></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static bool IsLocal(string? url) => url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
