using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SafeCity.Gateway.Web;
using SafeCity.ServiceDefaults;

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
    // Made once: the backups' part is left out of the JSON for everyone but administrators.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void MapPlatformStatus(this WebApplication app) => app.MapGet("/status", async (HttpContext http, PlatformStatus status, IAuthorizationService authorization, IOptions<BackupOptions> backups) =>
    {
        var parts = status.Parts();
        var detailed = (await authorization.AuthorizeAsync(http.User, GatewayPolicies.Administer)).Succeeded;
        var lastBackup = detailed ? LastGoodBackup(backups.Value) : null;
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new
            {
                gateway = "up",
                parts = parts.Select(p => detailed
                    ? (object)new { name = p.Name, state = p.Up ? "up" : "down", since = p.Since, checkedAt = p.CheckedAt == default ? (DateTimeOffset?)null : p.CheckedAt, detail = p.Detail, eventPath = p.EventPath }
                    : new { name = p.Name, state = p.Up ? "up" : "down" }),
                backups = detailed ? new { scheduled = backups.Value.Folder is { Length: > 0 }, everyHours = backups.Value.IntervalHours, keep = backups.Value.Keep, lastGood = lastBackup } : null,
            }, Json);
        }

        return GatewayPages.Page<StatusPage>(new { Parts = parts, Detailed = detailed, Backups = backups.Value, LastGoodBackup = lastBackup });
    }).AllowAnonymous();

    /// <summary>When the newest scheduled backup that was checked whole was taken; null when none is, or none is scheduled here.</summary>
    public static DateTimeOffset? LastGoodBackup(BackupOptions backups) =>
        backups.Folder is { Length: > 0 } folder ? BackupManifest.Good(folder).Select(b => (DateTimeOffset?)b.Manifest.TakenAt).FirstOrDefault() : null;
}
