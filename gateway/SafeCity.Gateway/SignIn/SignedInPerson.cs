using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.Accounts;
using SafeCity.Gateway.ChangePassword;

namespace SafeCity.Gateway.SignIn;

/// <summary>The cookie's principal for a local account: who, what to call them, and their roles, or no roles at all while the password is a one-time one.</summary>
public static class SignedInPerson
{
    public static ClaimsPrincipal Of(LocalAccount account)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Username), new(PlatformRoles.DisplayNameClaim, account.Name) };
        if (account.MustChangePassword)
        {
            // A one-time password opens the change-password page and nothing else: no role goes with it.
            claims.Add(new Claim(OneTimePasswordGate.Claim, "true"));
        }
        else
        {
            claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
