using SafeCity.Governance.Attention;

namespace SafeCity.Governance.Performance;

public sealed record PerformanceDto(string Partnership, double RagTolerancePercent, string RagRule, string Rag, PriorityPerformanceDto[] Priorities)
{
    /// <summary>What the home page leads with: the priorities at a glance and what needs attention.</summary>
    public AttentionSummary? Attention { get; init; }
}
