using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SafeCity.Governance.Access;
using SafeCity.Kernel.Access;

namespace SafeCity.Governance.PlanNumbers;

/// <summary>
/// The register of plan numbers over HTTP, for the theme services: a theme asks it before it adds a
/// plan, on behalf of the officer adding it (whose signed identity it passes on).
/// </summary>
public static class PlanNumbersApi
{
    public static RouteGroupBuilder MapPlanNumbersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plan-numbers/next", Next).RequireAuthorization(GovernancePolicies.WritePlans)
            .WithSummary("The number a theme's next plan would take (theme=…, objective=… for 7c).");
        api.MapPost("/plan-numbers", Reserve).RequireAuthorization(GovernancePolicies.WritePlans)
            .WithSummary("Give a plan number to a theme: unique across the partnership; 20 is objective 7c's (communities).");
        return api;
    }

    public static async Task<Results<Ok<PlanNumberDto>, ValidationProblem>> Next(string? theme, string? objective, PlanNumberRegister register, CancellationToken ct) =>
        theme is null || !Contracts.Themes.PartnershipThemes.Slugs.Contains(theme)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["theme"] = ["Name the theme the plan is for: " + string.Join(", ", Contracts.Themes.PartnershipThemes.Slugs) + "."] })
            : TypedResults.Ok(new PlanNumberDto(await register.NextAsync(theme, objective, ct), theme));

    public static async Task<Results<Created<PlanNumberDto>, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> Reserve(
        PlanNumberRequest body, HttpContext http, GovernanceAccess access, PlanNumberRegister register, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Theme) || body.Number is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["number"] = ["Give the number and the theme the plan is for."] });
        }

        if (!access.CanWritePlansOf(http.User, body.Theme))
        {
            return TypedResults.Problem("Only the theme's own service, its officers or an administrator may take a plan number for it.", statusCode: StatusCodes.Status403Forbidden);
        }

        try
        {
            var by = ThemeAccess.ActorOf(http.User) + (body.RequestedBy is { Length: > 0 and <= 100 } officer ? $" for {officer}" : "");
            var grant = await register.ReserveAsync(body.Number.Value, body.Theme, body.Objective, body.Title?.Length > 300 ? body.Title[..300] : body.Title, by, ct);
            return TypedResults.Created($"/api/governance/plan-numbers/{grant.Number}", new PlanNumberDto(grant.Number, grant.Theme));
        }
        catch (PlanNumberException e)
        {
            return TypedResults.Conflict(new ProblemDetails { Title = "That plan number cannot be given", Detail = e.Message });
        }
    }
}

/// <param name="RequestedBy">The officer the theme adds the plan for, for the register's record.</param>
public sealed record PlanNumberRequest(int? Number, string? Theme, string? Objective, string? Title, string? RequestedBy = null);

public sealed record PlanNumberDto(int Number, string Theme);
