using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Performance;

namespace SafeCity.Kernel.Features.ReadPlans;

/// <summary>The theme's plans, each judged as at today or the date asked, and an indicator's figures.</summary>
public static class ReadPlansApi
{
    public static RouteGroupBuilder MapReadPlansApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", ListPlans).WithSummary("The theme's action plans with indicators against target and actions.");
        api.MapGet("/plans/{number:int}", GetPlan).WithSummary("One action plan.");
        api.MapGet("/indicators/{indicatorId}/measurements", ListMeasurements).WithSummary("Every value recorded for an indicator.");
        return api;
    }

    public static async Task<Results<Ok<PlanDto[]>, ValidationProblem>> ListPlans(ThemePerformance performance, string? asAt, CancellationToken ct) =>
        AsAt.TryRead(asAt, out var day, out var problem)
            ? TypedResults.Ok((await performance.GetPlansAsync(ct, day)).Select(PlanDto.From).ToArray())
            : problem;

    public static async Task<Results<Ok<PlanDto>, NotFound, ValidationProblem>> GetPlan(int number, ThemePerformance performance, string? asAt, CancellationToken ct)
    {
        if (!AsAt.TryRead(asAt, out var day, out var problem))
        {
            return problem;
        }

        return await performance.GetPlanAsync(number, ct, day) is { } plan ? TypedResults.Ok(PlanDto.From(plan)) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<MeasurementDto[]>, NotFound>> ListMeasurements(string indicatorId, ThemePerformance performance, CancellationToken ct)
    {
        if (await performance.GetIndicatorAsync(indicatorId, ct) is not { } found)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(found.Indicator.Measurements.Select(MeasurementDto.From).ToArray());
    }
}
