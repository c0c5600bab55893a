using Microsoft.AspNetCore.Authorization;
using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.Status;

/// <summary>
/// GET /status: every part of the platform, up or down, as a page or, to a caller that accepts JSON, as
/// JSON: for anyone's monitoring, and it names only the broker and the services, which the platform's
/// addresses name anyway. Since when and why (a service's own words on its failure) and each service's
/// end of the event path (its outbox's backlog, its consumers' failures and lag) only for
/// administrators: they tell an outsider when to strike and what is broken.
/// </summary>
public static class StatusEndpoints
{
    public static void MapPlatformStatus(this WebApplication app) => app.MapGet("/status", async (HttpContext http, PlatformStatus status, IAuthorizationService authorization) =>
    {
        var parts = status.Parts();
        var detailed = (await authorization.AuthorizeAsync(http.User, GatewayPolicies.Administer)).Succeeded;
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new
            {
                gateway = "up",
                parts = parts.Select(p => detailed
                    ? (object)new { name = p.Name, state = p.Up ? "up" : "down", since = p.Since, checkedAt = p.CheckedAt == default ? (DateTimeOffset?)null : p.CheckedAt, detail = p.Detail, eventPath = p.EventPath }
                    : new { name = p.Name, state = p.Up ? "up" : "down" }),
            });
        }

        return GatewayPages.Page<StatusPage>(new { Parts = parts, Detailed = detailed });
    }).AllowAnonymous();
}
