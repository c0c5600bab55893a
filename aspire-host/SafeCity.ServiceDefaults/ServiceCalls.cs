using SafeCity.Contracts.Identity;

namespace SafeCity.ServiceDefaults;

/// <summary>
/// A call from this service to another, signed as this service for that service alone (a service
/// token, two minutes). The receiver gives a service token no more than reading.
/// </summary>
public sealed class ServiceCalls(IdentityKeys keys, TimeProvider clock)
{
    /// <summary>The identity header for a call to <paramref name="service"/>; null where this process holds no service key (nothing is signed).</summary>
    public string? TokenFor(string service)
    {
        var tokens = keys.Current;
        if (!tokens.CanSign(TokenKind.Service))
        {
            return null;
        }

        var caller = tokens.Audience ?? "unknown";
        var now = clock.GetUtcNow();
        return tokens.Issue(TokenKind.Service, new PlatformUser("service:" + caller, caller + " service", [PlatformRoles.Analyst], now.Add(PlatformTokens.InternalLifetime)), service, now);
    }

    /// <summary>Adds the identity header for a call to <paramref name="service"/> to the request.</summary>
    public void Sign(HttpRequestMessage request, string service)
    {
        if (TokenFor(service) is { } token)
        {
            request.Headers.Add(PlatformTokens.Header, token);
        }
    }
}
