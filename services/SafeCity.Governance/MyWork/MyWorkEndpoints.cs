using SafeCity.Governance.Access;

namespace SafeCity.Governance.MyWork;

public static class MyWorkEndpoints
{
    public static RouteGroupBuilder MapMyWork(this RouteGroupBuilder api)
    {
        api.MapGet("/my-work", async (HttpContext http, MyWorkList work, CancellationToken ct) => TypedResults.Ok(await work.ForAsync(http.User, ct)))
            .RequireAuthorization(GovernancePolicies.SignedIn)
            .WithSummary("The actions and remedial actions the signed-in person owns: overdue, due soon, later and done.");
        api.MapGet("/work-due", async (MyWorkList work, CancellationToken ct) => TypedResults.Ok(await work.DueAsync(ct)))
            .RequireAuthorization(GovernancePolicies.ReadWorkDue)
            .WithSummary("Everyone's actions and remedial actions that are overdue or due within 28 days and not done, with their owners: what the gateway's reminder job, and only it, reads.");
        return api;
    }
}
