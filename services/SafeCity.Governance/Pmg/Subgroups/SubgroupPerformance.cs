using SafeCity.Governance.Performance;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Pmg.Subgroups;

/// <summary>
/// A subgroup of Appendix C with the plans it owns, judged: the worst RAG of its plans, and how many
/// of their indicators and actions are red, amber or green, lack a target, or are overdue.
/// </summary>
public sealed record SubgroupPerformance(
    int Priority,
    string Name,
    string? RelatedNameInText,
    string? OwnershipNote,
    Rag Rag,
    IReadOnlyList<PlanPerformance> Plans,
    IReadOnlyList<int> PlansNotYetWritten,
    int Red,
    int Amber,
    int Green,
    int WithoutTarget,
    int ActionsOverdue)
{
    /// <summary>Every subgroup of the structure, in the order Appendix C draws them.</summary>
    public static IReadOnlyList<SubgroupPerformance> Of(PerformanceTree tree)
    {
        var plans = tree.Plans.ToLookup(p => p.Number);
        return tree.Structure.Subgroups.Select(s =>
        {
            var own = s.Subgroup.Plans.SelectMany(n => plans[n]).ToList();
            var indicators = own.SelectMany(p => p.Indicators).Where(i => !i.IsHeldElsewhere).ToList();
            var items = indicators.Select(i => i.Rag).Concat(own.SelectMany(p => p.Actions).Select(a => a.Rag)).ToList();
            return new SubgroupPerformance(s.Priority, s.Subgroup.Name, s.Subgroup.RelatedNameInText, s.Subgroup.OwnershipNote,
                RagRules.RollUp(own.Select(p => p.Rag)), own, s.Subgroup.Plans.Where(n => !plans[n].Any()).ToList(),
                items.Count(r => r == Rag.Red), items.Count(r => r == Rag.Amber), items.Count(r => r == Rag.Green),
                indicators.Count(i => i.Definition.TargetFor(i.Assessment.Year) is null),
                own.SelectMany(p => p.Actions).Count(a => a.Overdue));
        }).ToList();
    }
}
