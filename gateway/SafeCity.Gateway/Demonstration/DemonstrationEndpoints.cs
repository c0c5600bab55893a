using SafeCity.Gateway.Audit;
using SafeCity.Gateway.Web;

namespace SafeCity.Gateway.Demonstration;

/// <summary>/account/demonstration: an administrator fills an empty platform with the demonstration year and watches it go.</summary>
public static class DemonstrationEndpoints
{
    public static RouteGroupBuilder MapDemonstration(this RouteGroupBuilder account)
    {
        var demonstration = account.MapGroup("/demonstration").RequireAuthorization(GatewayPolicies.Administer);
        demonstration.MapGet("/", async (DemonstrationJob job, CancellationToken ct) =>
            GatewayPages.Page<DemonstrationPage>(new { Job = job, Refusal = await job.RefusalAsync(ct) }));
        demonstration.MapPost("/", async (HttpContext http, DemonstrationJob job, GatewayAudit audit, CancellationToken ct) =>
        {
            if (await job.RefusalAsync(ct) is { } refusal)
            {
                return GatewayPages.Page<DemonstrationPage>(new { Job = job, Refusal = refusal }, StatusCodes.Status409Conflict);
            }

            if (job.Start(http.User.Identity!.Name!))
            {
                audit.Record(http, AuditActions.DemonstrationFilled, "platform", "the demonstration year was started");
            }

            return Results.Redirect("/account/demonstration");
        });
        return account;
    }
}
