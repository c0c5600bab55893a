namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// A browser's request from another site never changes anything at a service. The pages' forms carry
/// antiforgery tokens, checked by the service; the JSON API, which people's scripts and pages call with
/// the session cookie, carries none, so a state-changing request that the browser marks as coming from
/// another site or origin (Sec-Fetch-Site, else Origin) is refused here before it is forwarded.
/// Programs that are not browsers send neither header; a partner's bearer token is no cookie, and no
/// other site can make a browser send it. The gateway's own pages (/account, with their tokens, and
/// the organisation provider's form-posted callback) and /connect/token are not forwarded and not checked here.
/// </summary>
public static class CrossSiteRequests
{
    public const string Refusal = "A request from another site may not change anything here.";

    public static IApplicationBuilder UseCrossSiteRefusal(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var ownPage = request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/connect");
        if (!ownPage && !IsSafe(request.Method) && FromAnotherSite(request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsJsonAsync(new { status = 403, title = "Refused", detail = Refusal });
            return;
        }

        await next(http);
    });

    public static bool FromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            // "none": typed or bookmarked by the person; "same-site" is another origin of the same site, refused too.
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
