using Microsoft.Extensions.Options;
using SafeCity.Gateway.Status;
using SafeCity.Gateway.Web;
using Yarp.ReverseProxy.Forwarder;

namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// What a caller gets while the service behind a path is down: not a bare 502, but 503 with
/// Retry-After, as a GOV.UK page for people, problem JSON for the API and, the gRPC client reading
/// 503 so, UNAVAILABLE for partner systems. Every other service goes on serving.
/// </summary>
public static class ServiceUnavailable
{
    public static void UseServiceUnavailableAnswer(this IReverseProxyApplicationBuilder proxy) => proxy.Use(async (http, next) =>
    {
        await next();
        if (http.Features.Get<IForwarderErrorFeature>() is null || http.Response.HasStarted
            || http.GetReverseProxyFeature().Route.Config.ClusterId is not { } cluster)
        {
            return;
        }

        var service = PlatformRoutes.ServiceOf(cluster);
        var retryAfter = http.RequestServices.GetRequiredService<IOptions<PlatformStatusOptions>>().Value.RetryAfterSeconds;
        var since = http.RequestServices.GetRequiredService<PlatformStatus>().Of(service) is { Up: false } part ? part.Since : (DateTimeOffset?)null;
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = http.Request;
        if (request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            return;
        }

        if (request.Path.StartsWithSegments("/api") || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            await http.Response.WriteAsJsonAsync(new
            {
                status = 503,
                title = "Service unavailable",
                detail = $"The {service} service is unavailable. Try again in {retryAfter} seconds.",
                service,
                downSince = since,
            });
            return;
        }

        await GatewayPages.Page<ServiceUnavailablePage>(new { Service = service, RetryAfter = retryAfter, Since = since }, StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http);
    });
}
