using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Performance;

namespace SafeCity.Governance.Pmg.Subgroups;

/// <summary>Performance by subgroup as JSON: GET /api/governance/subgroups?asAt=yyyy-MM-dd.</summary>
public static class SubgroupsApi
{
    public static RouteGroupBuilder MapSubgroupsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/subgroups", Subgroups)
            .WithSummary("Every subgroup of Appendix C with the plans it owns: RAG, counts of red, amber and green items, indicators without a target, actions overdue. asAt=yyyy-MM-dd judges as at a date.");
        return api;
    }

    public static async Task<Results<Ok<SubgroupDto[]>, ValidationProblem>> Subgroups(PartnershipPerformance performance, string? asAt, CancellationToken ct)
    {
        if (!Kernel.Apis.AsAt.TryRead(asAt, out var day, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(SubgroupPerformance.Of(await performance.GetAsync(day, ct)).Select(s => new SubgroupDto(
            s.Priority, s.Name, s.RelatedNameInText, s.Rag.ToString(), s.Plans.Select(p => new SubgroupPlanDto(p.Theme, p.Number, p.Title, p.Rag.ToString())).ToArray(),
            s.PlansNotYetWritten, s.Red, s.Amber, s.Green, s.WithoutTarget, s.ActionsOverdue)).ToArray());
    }
}

public sealed record SubgroupDto(int Priority, string Name, string? RelatedNameInText, string Rag, SubgroupPlanDto[] Plans, IReadOnlyList<int> PlansNotYetWritten,
    int Red, int Amber, int Green, int WithoutTarget, int ActionsOverdue);

public sealed record SubgroupPlanDto(string Theme, int Number, string Title, string Rag);
