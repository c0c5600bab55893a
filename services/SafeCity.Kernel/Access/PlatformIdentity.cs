using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;

namespace SafeCity.Kernel.Access;

public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The key (base64, at least 32 bytes) the gateway signs identities with and every service checks
    /// them with. Without one, no caller is signed in. A secret: from the environment or a secret store.
    /// </summary>
    public string? SigningKey { get; set; }
}

/// <summary>Signs in, for one request, whoever the gateway's signed identity header names.</summary>
public sealed class PlatformIdentityHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IdentityTokens tokens, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SafeCityIdentity";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(IdentityTokens.Header, out var header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = tokens.Validate(header.ToString(), clock.GetUtcNow());
        if (user is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The identity header is not one the gateway signed, or it has expired."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user.Id), new(PlatformRoles.DisplayNameClaim, user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
