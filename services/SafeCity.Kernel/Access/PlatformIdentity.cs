using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Identity;
using SafeCity.ServiceDefaults;

namespace SafeCity.Kernel.Access;

/// <summary>
/// Signs in, for one request, whoever the identity header names, once the token is checked: a
/// person or a partner system the gateway signed for this service, or another service of the
/// platform. A service's token gives only what a service needs of another (reading, as an analyst),
/// whatever roles it claims, so a service key cannot be made to act as a person.
/// </summary>
public sealed class PlatformIdentityHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IdentityKeys keys, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SafeCityIdentity";

    private static readonly TokenKind[] Accepted = [TokenKind.Person, TokenKind.Partner, TokenKind.Service];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(PlatformTokens.Header, out var header))
        {
            return AuthenticateResult.NoResult();
        }

        if (await keys.Current.CheckAsync(header.ToString(), Accepted, clock.GetUtcNow()) is not { } token)
        {
            return AuthenticateResult.Fail("The identity header is not a token the platform signed for this service, or it has expired.");
        }

        var claims = PlatformTokens.ClaimsOf(token).ToList();
        if (token.Kind == TokenKind.Service)
        {
            claims.RemoveAll(c => c.Type == ClaimTypes.Role && c.Value != PlatformRoles.Analyst);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
