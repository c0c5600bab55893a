using Grpc.Core;
using SafeCity.Contracts.Governance;
using SafeCity.Kernel.Grpc;
using Contract = SafeCity.Contracts.Governance;

namespace SafeCity.Governance.Performance;

/// <summary>The gRPC twin of GET /api/governance/performance.</summary>
public sealed class GovernancePerformanceGrpcService(PartnershipPerformance performance) : GovernancePerformance.GovernancePerformanceBase
{
    public override async Task<Contract.PerformanceTree> GetPerformance(GetPerformanceRequest request, ServerCallContext context)
    {
        var tree = await performance.GetAsync(context.CancellationToken);
        var reply = new Contract.PerformanceTree { Partnership = "Southampton Safe City Partnership", RagTolerancePercent = tree.Rules.TolerancePercent };
        foreach (var p in tree.Priorities)
        {
            var priority = new Contract.PriorityPerformance { Number = p.Priority.Number, Title = p.Priority.Title, Rag = p.Rag.ToMessage() };
            priority.LeadPartnerships.AddRange(p.Priority.LeadPartnerships);
            foreach (var plan in p.Plans)
            {
                var planMessage = new Contract.PlanPerformance
                {
                    Theme = plan.Theme,
                    Number = plan.Number,
                    Title = plan.Title,
                    Rag = plan.Rag.ToMessage(),
                    ActionsTotal = plan.ActionsTotal,
                    ActionsRed = plan.ActionsRed,
                };
                planMessage.Indicators.AddRange(plan.Indicators.Select(i => new Contract.IndicatorPerformance
                {
                    Id = i.Id,
                    Code = i.Code ?? "",
                    Name = i.Name,
                    LatestValue = i.LatestValue,
                    LatestPeriod = i.LatestPeriod ?? "",
                    Target = i.Target,
                    Rag = i.Rag.ToMessage(),
                }));
                priority.Plans.Add(planMessage);
            }

            reply.Priorities.Add(priority);
        }

        return reply;
    }
}
