using System.Security.Claims;
using SafeCity.Contracts.Identity;
using SafeCity.Gateway.ChangePassword;
using SafeCity.ServiceDefaults;
using Yarp.ReverseProxy.Transforms;

namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// Who a forwarded request is for, told to the one service it goes to. Nothing a caller sends as an
/// identity goes through: the internal header and the caller's authorization are removed, and the
/// gateway signs, for the destination service alone and for two minutes, either the person signed in
/// here (their session), or the partner system or operator whose bearer token it checked itself.
/// </summary>
public static class ForwardedIdentity
{
    private static readonly TokenKind[] BearerKinds = [TokenKind.Partner, TokenKind.Operator];

    public static async ValueTask AddAsync(RequestTransformContext transform)
    {
        var http = transform.HttpContext;
        transform.ProxyRequest.Headers.Remove(PlatformTokens.Header);
        transform.ProxyRequest.Headers.Authorization = null;
        GatewayCookies.RemoveFrom(transform);
        var tokens = http.RequestServices.GetRequiredService<IdentityKeys>().Current;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (http.GetReverseProxyFeature().Route.Config.ClusterId is not { } cluster)
        {
            return;
        }

        var service = PlatformRoutes.ServiceOf(cluster);
        var user = http.User;
        if (user.MustChangePassword())
        {
            // A one-time password opens nothing at a service (the gate turns such callers away before this).
            return;
        }

        if (user.Identity?.IsAuthenticated == true && tokens.CanSign(TokenKind.Person))
        {
            var person = new PlatformUser(user.Identity.Name!, user.FindFirstValue(PlatformRoles.DisplayNameClaim) ?? user.Identity.Name!,
                user.FindAll(ClaimTypes.Role).Select(r => r.Value).ToList(), now.Add(PlatformTokens.InternalLifetime));
            transform.ProxyRequest.Headers.Add(PlatformTokens.Header, tokens.Issue(TokenKind.Person, person, service, now));
        }
        else if (await BearerAsync(http, tokens, now) is { } caller)
        {
            // A partner system keeps its kind; the operator (the import, on the platform's host) acts as the person its roles say.
            var kind = caller.Kind == TokenKind.Partner ? TokenKind.Partner : TokenKind.Person;
            var forwarded = caller.User with { Expires = now.Add(PlatformTokens.InternalLifetime) };
            transform.ProxyRequest.Headers.Add(PlatformTokens.Header, tokens.Issue(kind, forwarded, service, now));
        }
    }

    /// <summary>
    /// The partner's or operator's token a caller sends as "authorization: Bearer …", checked here once
    /// a request (the rate limiter and the forwarding both ask); null for any other.
    /// </summary>
    public static async Task<CheckedToken?> BearerAsync(HttpContext http, PlatformTokens tokens, DateTimeOffset now)
    {
        if (http.Items.TryGetValue(BearerItem, out var known))
        {
            return (CheckedToken?)known;
        }

        var value = http.Request.Headers.Authorization.ToString();
        var checkedToken = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? await tokens.CheckAsync(value[7..].Trim(), BearerKinds, now) : null;
        http.Items[BearerItem] = checkedToken;
        return checkedToken;
    }

    private static readonly object BearerItem = new();
}
