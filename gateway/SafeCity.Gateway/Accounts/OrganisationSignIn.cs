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

        options.TokenValidationParameters = new TokenValidationParameters { NameClaimType = System.Security.Claims.ClaimTypes.Name, RoleClaimType = "roles" };
        // The platform's claim names: who (name), what to call them (display_name), and their roles.
        options.Events.OnTokenValidated = context =>
        {
            if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                var gateway = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value;
                if (TakeAsPerson(identity, ManageAccounts.RoleChoices.For(gateway).Select(c => c.Role).ToHashSet(StringComparer.Ordinal)) is not { } person)
                {
                    context.Fail("The provider's token names no issuer and subject.");
                    return Task.CompletedTask;
                }

                context.HttpContext.RequestServices.GetRequiredService<Audit.GatewayAudit>()
                    .Record(person, Audit.AuditActions.SignedIn, person, Audit.AuditHttp.AddressOf(context.HttpContext),
                        $"with the organisation's account{(identity.FindFirst("preferred_username") is { } shown ? " " + shown.Value : "")}");
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Makes the provider's identity a person here: their key (<see cref="PersonKey"/>) as the name, the
    /// provider's "name" as what to call them, and only the roles a person may hold. Null when the token
    /// names no issuer or subject.
    /// </summary>
    public static string? TakeAsPerson(System.Security.Claims.ClaimsIdentity identity, IReadOnlySet<string> personRoles)
    {
        var issuer = identity.FindFirst("iss")?.Value;
        // Entra ID's oid is the person's one id across the tenant's applications; sub is the standard's, per application.
        var subject = identity.FindFirst("oid")?.Value ?? identity.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(issuer) || string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var key = PersonKey(issuer, subject);
        foreach (var name in identity.FindAll(System.Security.Claims.ClaimTypes.Name).ToList())
        {
            identity.RemoveClaim(name);
        }

        identity.AddClaim(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, key));
        var shown = identity.FindFirst("name")?.Value ?? identity.FindFirst("preferred_username")?.Value ?? key;
        identity.AddClaim(new System.Security.Claims.Claim(PlatformRoles.DisplayNameClaim, shown));
        KeepPlatformRoles(identity, personRoles);
        return key;
    }

    /// <summary>
    /// Who someone signing in with the provider is here: the issuer and subject the provider will never
    /// give anyone else (preferred_username can be changed by its owner and is not unique), as
    /// "org:" and 32 hex digits. A local username is letters, digits and . - _ @ alone, so none can take it.
    /// </summary>
    public static string PersonKey(string issuer, string subject) =>
        "org:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(issuer + "\n" + subject)))[..32];

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
