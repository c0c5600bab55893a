using SafeCity.Governance.Structure;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

/// <param name="AsAt">The date everything was judged as at; null when each indicator is judged as at its own latest figure.</param>
public sealed record PerformanceTree(PartnershipStructure Structure, RagRules Rules, Tolerances Tolerances, DateOnly? AsAt, Rag Rag, IReadOnlyList<PriorityPerformance> Priorities)
{
    public IEnumerable<PlanPerformance> Plans => Priorities.SelectMany(p => p.Plans);

    public IEnumerable<IndicatorPerformance> Indicators => Plans.SelectMany(p => p.Indicators);
}
