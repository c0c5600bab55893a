using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Access;
using SafeCity.Kernel.Web;

namespace SafeCity.Governance.Rebuild;

public static class RebuildApi
{
    public static RouteGroupBuilder MapRebuildApi(this RouteGroupBuilder api)
    {
        api.MapPost("/rebuild", Rebuild).RequireAuthorization(GovernancePolicies.Administer)
            .WithRequestTimeout(PlatformLimitsRegistration.LongRunning)
            .WithSummary("Rebuild the read model from every theme's current state (administrators). apply=false only compares.");
        return api;
    }

    public static async Task<Results<Ok<RebuildReport>, ProblemHttpResult>> Rebuild(ReadModelRebuild rebuild, bool? apply, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await rebuild.RunAsync(apply ?? true, ct));
        }
        catch (ThemeUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "A theme service did not answer");
        }
    }
}
