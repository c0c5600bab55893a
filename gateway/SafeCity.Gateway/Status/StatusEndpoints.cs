using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.Status;

/// <summary>
/// GET /status: every part of the platform, up or down and since when, as a page or, to a caller that
/// accepts JSON, as JSON. For operators and their monitoring; it names only the services, which the
/// platform's addresses name anyway.
/// </summary>
public static class StatusEndpoints
{
    public static void MapPlatformStatus(this WebApplication app) => app.MapGet("/status", (HttpContext http, PlatformStatus status) =>
    {
        var parts = status.Parts();
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new
            {
                gateway = "up",
                parts = parts.Select(p => new { name = p.Name, state = p.Up ? "up" : "down", since = p.Since, checkedAt = p.CheckedAt == default ? (DateTimeOffset?)null : p.CheckedAt, detail = p.Detail }),
            });
        }

        return GatewayPages.Page<StatusPage>(new { Parts = parts });
    }).AllowAnonymous();
}
