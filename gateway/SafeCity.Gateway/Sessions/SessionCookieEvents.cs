using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SafeCity.Gateway.Audit;

namespace SafeCity.Gateway.Sessions;

/// <summary>
/// Ties the sign-in cookie to a session kept on the server: one is started as the cookie is issued
/// (local account or the organisation's provider alike), and every request after checks it is still
/// live, so a cookie whose session has ended opens nothing, wherever it was saved.
/// </summary>
public sealed class SessionCookieEvents(GatewaySessions sessions) : CookieAuthenticationEvents
{
    public override Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity && identity.Name is { } username && !identity.HasClaim(c => c.Type == GatewaySessions.Claim))
        {
            identity.AddClaim(new Claim(GatewaySessions.Claim, sessions.Start(username, AuditHttp.AddressOf(context.HttpContext))));
        }

        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.Identity?.Name is not { } username || !sessions.Touch(principal.FindFirstValue(GatewaySessions.Claim), username))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
