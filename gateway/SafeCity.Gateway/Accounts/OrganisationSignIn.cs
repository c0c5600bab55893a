using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SafeCity.Contracts.Identity;

namespace SafeCity.Gateway.Accounts;

/// <summary>
/// Signing in with the organisation's OpenID Connect provider (councils run Entra ID), configured
/// under Identity:OpenIdConnect. The provider's app roles ("roles" claim) must carry the platform's
/// role names: administrator, analyst, pmg, delivery-board, ppo-officer, officer:{theme}; any other
/// role it sends is dropped. See the README.
/// </summary>
public sealed class OrganisationSignIn
{
    public const string Section = "Identity:OpenIdConnect";
    public const string Scheme = "organisation";

    /// <summary>e.g. https://login.microsoftonline.com/{tenant-id}/v2.0</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary>A secret: from the environment or the secret store, never the repository.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>What the sign-in page calls the provider, e.g. "Southampton City Council account".</summary>
    public string DisplayName { get; set; } = "your organisation's account";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public void Configure(OpenIdConnectOptions options)
    {
        options.Authority = Authority;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.CallbackPath = "/account/sign-in/organisation/callback";
        options.SignedOutCallbackPath = "/account/signed-out";
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" })
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters = new TokenValidationParameters { NameClaimType = "preferred_username", RoleClaimType = "roles" };
        // The platform's claim names: who (name), what to call them (display_name), and their roles.
        options.Events.OnTokenValidated = context =>
        {
            if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                if (identity.FindFirst("name") is { } name)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(PlatformRoles.DisplayNameClaim, name.Value));
                }

                var gateway = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value;
                KeepPlatformRoles(identity, ManageAccounts.RoleChoices.For(gateway).Select(c => c.Role).ToHashSet(StringComparer.Ordinal));

                if (identity.FindFirst("preferred_username") is { } username)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, username.Value));
                    context.HttpContext.RequestServices.GetRequiredService<Audit.GatewayAudit>()
                        .Record(username.Value, Audit.AuditActions.SignedIn, username.Value, Audit.AuditHttp.AddressOf(context.HttpContext), "with the organisation's account");
                }
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Keeps only the provider's roles a person may hold here (those an administrator could give):
    /// a provider role named like a partner system's ("partner", "shares:…") or a service's is dropped,
    /// so nobody signing in as a person is taken for anything else.
    /// </summary>
    public static void KeepPlatformRoles(System.Security.Claims.ClaimsIdentity identity, IReadOnlySet<string> personRoles)
    {
        foreach (var role in identity.FindAll("roles").ToList())
        {
            identity.RemoveClaim(role);
            if (personRoles.Contains(role.Value))
            {
                identity.AddClaim(new System.Security.Claims.Claim("roles", role.Value));
                identity.AddClaim(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role.Value));
            }
        }

        foreach (var role in identity.FindAll(System.Security.Claims.ClaimTypes.Role).Where(r => !personRoles.Contains(r.Value)).ToList())
        {
            identity.RemoveClaim(role);
        }
    }
}
