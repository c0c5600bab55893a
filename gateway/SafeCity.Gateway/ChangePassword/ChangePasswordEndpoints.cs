using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.Audit;
using SafeCity.Gateway.Sessions;
using SafeCity.Gateway.SignIn;
using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.ChangePassword;

/// <summary>A person changes their own password: every other session of theirs ends, and this one goes on with their roles.</summary>
public static class ChangePasswordEndpoints
{
    public static RouteGroupBuilder MapChangePassword(this RouteGroupBuilder account)
    {
        account.MapGet("/password", (HttpContext http) => GatewayPages.Page<ChangePasswordPage>(new { OneTime = http.User.MustChangePassword() }))
            .RequireAuthorization(GatewayPolicies.SignedIn);
        account.MapPost("/password", ChangeAsync).RequireAuthorization(GatewayPolicies.SignedIn);
        return account;
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, LocalAccounts accounts, GatewaySessions sessions, GatewayAudit audit, IConfiguration configuration)
    {
        var form = await http.Request.ReadFormAsync();
        var username = http.User.Identity!.Name!;
        var oneTime = http.User.MustChangePassword();
        if (accounts.Find(username) is null)
        {
            return GatewayPages.Page<ChangePasswordPage>(new { Error = "Your password is your organisation's account's: change it there.", Field = "current" }, StatusCodes.Status400BadRequest);
        }

        if (accounts.ChangePassword(username, form.Field("current"), form.Field("replacement"), form.Field("confirmation"), AuditHttp.AddressOf(http)) is { } problem)
        {
            return GatewayPages.Page<ChangePasswordPage>(new { OneTime = oneTime, Error = problem.Message, problem.Field }, StatusCodes.Status400BadRequest);
        }

        // Every session of theirs ends (a saved cookie elsewhere included); this browser signs in again at once.
        sessions.EndAll(username, "password changed");
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SignedInPerson.Of(accounts.Find(username)!));
        audit.Record(http, AuditActions.PasswordChanged, username, oneTime ? "one-time password replaced" : "");
        if (username == AdministratorBootstrap.Username)
        {
            File.Delete(AdministratorBootstrap.File(configuration));
        }

        return GatewayPages.Page<ChangePasswordPage>(new { Done = true });
    }
}
