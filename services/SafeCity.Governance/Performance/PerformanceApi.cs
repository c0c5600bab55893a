using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Attention;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.ThemeSources;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

/// <summary>The partnership's performance as JSON: priorities → plans → indicators, and every figure held.</summary>
public static class PerformanceApi
{
    public static RouteGroupBuilder MapPerformanceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/performance", GetPerformance)
            .WithSummary("Priorities → plans → indicators: latest value, year to date against trajectory, RAG, direction of travel. asAt=yyyy-MM-dd judges all as at that date.");
        api.MapGet("/measurements", Measurements)
            .WithSummary("Every figure governance holds, with the revision its theme gave it; theme and indicator filter it.");
        return api;
    }

    public static async Task<Ok<List<MeasurementRecord>>> Measurements(IPerformanceReadModel model, string? theme, string? indicator, CancellationToken ct) =>
        TypedResults.Ok((await model.GetMeasurementsAsync(ct))
            .Where(m => (theme is null || m.Theme == theme) && (indicator is null || m.IndicatorId == indicator))
            .OrderBy(m => m.Theme, StringComparer.Ordinal).ThenBy(m => m.IndicatorId, StringComparer.Ordinal).ThenBy(m => m.Period, StringComparer.Ordinal)
            .ToList());

    public static async Task<Results<Ok<PerformanceDto>, ValidationProblem>> GetPerformance(PartnershipPerformance performance, ThemeReachability reachability, WhatNeedsAttention attention, string? asAt, CancellationToken ct)
    {
        if (!AsAt.TryRead(asAt, out var day, out var problem))
        {
            return problem;
        }

        var tree = await performance.GetAsync(day, ct);
        return TypedResults.Ok(new PerformanceDto(
            "Southampton Safe City Partnership",
            tree.Tolerances.DefaultPercent,
            Trajectory.Rule + " " + PartnershipPerformance.RollUpRule,
            tree.Rag.ToString(),
            tree.Priorities.Select(p => new PriorityPerformanceDto(
                p.Priority.Number, p.Priority.Title, p.Priority.LeadPartnerships, p.Theme, p.Rag.ToString(),
                p.Plans.Select(plan => new PlanPerformanceDto(plan.Theme, plan.Number, plan.Title, plan.Rag.ToString(), plan.ActionsTotal, plan.ActionsRed,
                    plan.Indicators.Select(i => new IndicatorPerformanceDto(i.Id, i.Code, i.Name, i.LatestValue, i.LatestPeriod, i.Target, i.Rag.ToString(),
                        i.Assessment.Year.ToString(), i.Assessment.Actual?.Value, i.Assessment.Actual?.Through, i.Assessment.AnnualTarget,
                        i.Assessment.Direction.ToString(), i.Assessment.TolerancePercent, i.Reason)
                    {
                        Theme = i.Theme,
                        HeldBy = i.HeldBy is { } h ? $"{h.Theme}/{h.IndicatorId}" : null,
                        HasTarget = i.Definition.TargetFor(i.Assessment.Year) is not null,
                    }).ToArray())
                {
                    Year = plan.Year,
                    ActionsOverdue = plan.Actions.Count(a => a.Overdue),
                }).ToArray())
            {
                Source = reachability.Of(p.Theme) is { } source
                    ? new ThemeSourceDto(reachability.State(source), reachability.AsOf(source), reachability.Note(source))
                    : null,
            }).ToArray())
        {
            Attention = await attention.GetAsync(day, ct),
        });
    }
}
