using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Performance;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Apis;

/// <summary>The partnership's performance as JSON, under /api/governance.</summary>
public static class GovernanceApi
{
    public static RouteGroupBuilder MapGovernanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/governance").WithTags("governance");
        api.MapGet("/performance", GetPerformance)
            .WithSummary("Priorities → plans → indicators with their latest value and period, target and RAG.");
        return api;
    }

    public static async Task<Ok<PerformanceDto>> GetPerformance(PartnershipPerformance performance, CancellationToken ct)
    {
        var tree = await performance.GetAsync(ct);
        return TypedResults.Ok(new PerformanceDto(
            "Southampton Safe City Partnership",
            tree.Rules.TolerancePercent,
            tree.Rules.Describe() + " " + RagRules.RollUpRule,
            tree.Priorities.Select(p => new PriorityDto(
                p.Priority.Number, p.Priority.Title, p.Priority.LeadPartnerships, p.Theme, p.Rag.ToString(),
                p.Plans.Select(plan => new PlanDto(plan.Theme, plan.Number, plan.Title, plan.Rag.ToString(), plan.ActionsTotal, plan.ActionsRed,
                    plan.Indicators.Select(i => new IndicatorDto(i.Id, i.Code, i.Name, i.LatestValue, i.LatestPeriod, i.Target, i.Rag.ToString())).ToArray())).ToArray())).ToArray()));
    }
}

public sealed record PerformanceDto(string Partnership, double RagTolerancePercent, string RagRule, PriorityDto[] Priorities);

public sealed record PriorityDto(int Number, string Title, IReadOnlyList<string> LeadPartnerships, string? Theme, string Rag, PlanDto[] Plans);

public sealed record PlanDto(string Theme, int Number, string Title, string Rag, int ActionsTotal, int ActionsRed, IndicatorDto[] Indicators);

public sealed record IndicatorDto(string Id, string? Code, string Name, double? LatestValue, string? LatestPeriod, double? Target, string Rag);
