using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Features.SetTargets;
using SafeCity.Kernel.Performance;

namespace SafeCity.Kernel.Features.RollForwardPlan;

/// <summary>Carrying a plan into its next year, over HTTP: POST /api/{theme}/plans/{number}/roll-forward.</summary>
public static class RollForwardPlanApi
{
    public static RouteGroupBuilder MapRollForwardPlanApi(this RouteGroupBuilder api)
    {
        api.MapPost("/plans/{number:int}/roll-forward", RollForward).RequireAuthorization(ThemePolicies.Edit)
            .WithSummary("Carry a plan into its next financial year: each open action completed, carriedOver (with an optional dueDate) or retired; the new year's targets; a reason.");
        return api;
    }

    public static async Task<Results<Ok<PlanDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RollForward(
        int number, RollForwardBody body, HttpContext http, RollForwardPlanHandler handler, ThemePerformance performance, CancellationToken ct)
    {
        var outcomes = (body.Actions ?? []).ToDictionary(a => a.Key, a => Enum.TryParse<ActionYearOutcome>(a.Value, ignoreCase: true, out var o) && Enum.IsDefined(o) ? o : (ActionYearOutcome?)null);
        var targets = (body.Targets ?? []).Select(t => new SetTargetCommand(t.IndicatorId ?? "", null, t.Value, t.WithStretch, t.WithoutStretch, t.AsWritten, t.Reason)
        {
            ChangePercent = t.ChangePercent,
            BaseYear = t.BaseYear,
        }).ToList();
        var result = await handler.HandleAsync(new RollForwardPlanCommand(number, body.FromYear, outcomes, body.DueDates ?? [], targets, body.Reason), ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Ok(PlanDto.From((await performance.GetPlanAsync(number, ct))!)),
            CommandOutcome.NotFound => TypedResults.NotFound(new ProblemDetails { Detail = result.Describe() }),
            CommandOutcome.Conflict => TypedResults.Conflict(new ProblemDetails { Detail = result.Describe() }),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }
}

/// <param name="Actions">Action id → "completed", "carriedOver" or "retired", for every action of the year still open.</param>
/// <param name="DueDates">Action id → the carried-over action's new due date (yyyy-MM-dd or a quarter); by default the new year's end.</param>
public sealed record RollForwardBody(string? FromYear, Dictionary<string, string>? Actions, Dictionary<string, string?>? DueDates, List<RollForwardTarget>? Targets, string? Reason);

public sealed record RollForwardTarget(string? IndicatorId, double? Value, double? WithStretch, double? WithoutStretch, double? ChangePercent, string? BaseYear, string? AsWritten, string? Reason);
