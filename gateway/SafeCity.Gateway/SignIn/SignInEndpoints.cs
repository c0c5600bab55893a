using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Audit;
using SafeCity.Gateway.Sessions;
using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.SignIn;

/// <summary>Signing in and out at the gateway: a person's first and last task of a visit.</summary>
public static class SignInEndpoints
{
    private const int MaxReturnUrlLength = 2000;

    public static RouteGroupBuilder MapSignIn(this RouteGroupBuilder account)
    {
        account.MapGet("/sign-in", (OrganisationSignIn organisation, string? returnUrl) =>
            GatewayPages.Page<SignInPage>(new { ReturnUrl = LocalOrHome(returnUrl), Organisation = OrganisationName(organisation) }));
        account.MapPost("/sign-in", SignInAsync);
        account.MapGet("/sign-in/organisation", (OrganisationSignIn organisation, string? returnUrl) => organisation.IsConfigured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OrganisationSignIn.Scheme])
            : Results.NotFound());
        account.MapGet("/sign-out", (HttpContext http) => GatewayPages.Page<SignOutPage>(new { Done = http.User.Identity?.IsAuthenticated != true }));
        account.MapPost("/sign-out", SignOutAsync);
        return account;
    }

    /// <summary>
    /// Where a sign-in may send someone: a path on this site, by the framework's own check (which refuses
    /// "//host", "/\host" and control characters such as the tab in "/\t/example.org"), else the home page.
    /// </summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 and <= MaxReturnUrlLength } && url[0] == '/' && RedirectHttpResult.IsLocalUrl(url) ? url : "/";

    private static async Task<IResult> SignInAsync(HttpContext http, LocalAccounts accounts, GatewayAudit audit, OrganisationSignIn organisation, SignInLimits limits)
    {
        var form = await http.Request.ReadFormAsync();
        var username = form.Field("username");
        var returnUrl = LocalOrHome(form.Field("returnUrl"));
        var address = AuditHttp.AddressOf(http);
        var result = accounts.SignIn(username, form.Field("password"), address);
        var who = LocalAccounts.Normalise(username ?? "");
        object Again(string error) => new { ReturnUrl = returnUrl, Organisation = OrganisationName(organisation), Error = error, Username = username is { Length: <= LocalAccounts.MaxUsernameLength } ? username : null };

        switch (result.Outcome)
        {
            case SignInOutcome.Throttled:
                audit.RecordRefusal(who, AuditActions.Throttled, who, address, result.Why);
                http.Response.Headers.RetryAfter = ((int)result.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return GatewayPages.Page<SignInPage>(Again($"Too many sign-ins from your address: wait {limits.AddressWindowMinutes} minutes and try again."), StatusCodes.Status429TooManyRequests);
            case SignInOutcome.Expired:
                audit.Record(who, AuditActions.SignInRefused, who, address, result.Why);
                return GatewayPages.Page<SignInPage>(Again("Your one-time password has expired: ask an administrator to reset it."), StatusCodes.Status401Unauthorized);
            case SignInOutcome.Refused:
                audit.RecordRefusal(who, AuditActions.SignInRefused, who, address, result.Why);
                if (result.LockedNow)
                {
                    audit.Record(who, AuditActions.LockedOut, who, address, $"{limits.MaxFailures} wrong passwords: locked for {limits.LockoutMinutes} minutes from this address");
                }

                return GatewayPages.Page<SignInPage>(Again($"The username or password is not right, or the account is locked for {limits.LockoutMinutes} minutes after too many tries."), StatusCodes.Status401Unauthorized);
        }

        var account = result.Account!;
        // The session itself is started by SessionCookieEvents as the cookie is issued, for every way of signing in.
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SignedInPerson.Of(account));
        audit.Record(account.Username, AuditActions.SignedIn, account.Username, address, account.MustChangePassword ? "with a one-time password" : "");
        return Results.Redirect(account.MustChangePassword ? "/account/password" : returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, GatewaySessions sessions, GatewayAudit audit)
    {
        if (http.User.Identity?.Name is { } username)
        {
            var ended = sessions.EndAll(username, "signed out");
            audit.Record(http, AuditActions.SignedOut, username, $"{ended} session(s) ended");
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        return GatewayPages.Page<SignOutPage>(new { Done = true });
    }

    private static string? OrganisationName(OrganisationSignIn organisation) => organisation.IsConfigured ? organisation.DisplayName : null;
}
