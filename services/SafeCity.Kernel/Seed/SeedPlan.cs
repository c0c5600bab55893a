namespace SafeCity.Kernel.Seed;

// The shape of the plan extraction (seed/partnership-plan.json, "plans"), read as it is written.

internal sealed record SeedPlan(
    int Number,
    int Priority,
    string? PriorityObjective,
    string Title,
    List<string>? Aims,
    string? LeadPartner,
    List<string>? KeyPartnerships,
    string? LeadManager,
    string? Evidence,
    SeedIndicatorColumns? IndicatorColumns,
    List<SeedIndicator> Indicators,
    List<SeedAction> Actions,
    List<string>? Investigate,
    List<string>? Aspirational,
    List<string>? RelatedPlans,
    List<string>? Notes,
    string? ActionsPreamble,
    List<string>? OtherSuggestions);
