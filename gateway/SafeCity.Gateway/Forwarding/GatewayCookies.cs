using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// The gateway's own cookies (the sign-in session, its antiforgery cookie, the OpenID Connect
/// handshake's) are the gateway's alone: a service behind it never sees them, so a service that logged
/// its requests, or were compromised, would hold nothing that opens a session.
/// </summary>
public static class GatewayCookies
{
    public const string Session = "safecity";
    public const string Antiforgery = "safecity-gateway-antiforgery";

    public static bool IsGateways(string name) =>
        name == Session || (name.StartsWith(Session + "C", StringComparison.Ordinal) && name[(Session.Length + 1)..].All(char.IsAsciiDigit))
        || name == Antiforgery
        || name.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal) || name.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal);

    public static void RemoveFrom(RequestTransformContext transform)
    {
        var headers = transform.ProxyRequest.Headers;
        if (!headers.TryGetValues(HeaderNames.Cookie, out var values))
        {
            return;
        }

        var kept = values.SelectMany(v => CookieHeaderValue.ParseList([v])).Where(c => !IsGateways(c.Name.Value ?? "")).Select(c => c.ToString()).ToList();
        headers.Remove(HeaderNames.Cookie);
        if (kept.Count > 0)
        {
            headers.TryAddWithoutValidation(HeaderNames.Cookie, string.Join("; ", kept));
        }
    }
}
