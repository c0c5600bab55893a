namespace SafeCity.Governance.Structure;

/// <summary>One of the seven priorities with its objectives and the partnerships that lead it.</summary>
public sealed record PartnershipPriority
{
    public required int Number { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<PriorityObjective> Objectives { get; init; } = [];
    public IReadOnlyList<string> LeadPartnerships { get; init; } = [];
    public IReadOnlyList<string> LeadPartners { get; init; } = [];
    public IReadOnlyList<int> BusinessPlans { get; init; } = [];
}
