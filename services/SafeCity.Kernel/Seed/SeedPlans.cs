using SafeCity.Kernel.Domain;

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

internal sealed record SeedIndicatorColumns(string? Baseline, string? Target);

internal sealed record SeedIndicator(
    string? Code,
    string? CodeAsWritten,
    string? OtherCode,
    string Name,
    string Category,
    string? Label,
    string? Group,
    SeedBaseline Baseline,
    SeedTarget Target,
    string? Notes,
    List<int>? SourceLines);

internal sealed record SeedBaseline(string? AsWritten, double? Value, string? Unit, string? Period, string? PeriodSource, List<SeedFigure>? Series, int? Count);

internal sealed record SeedFigure(string? Period, string? Group, string? Type, double Value);

internal sealed record SeedTarget(string? AsWritten, double? Value, string? Unit, double? WithStretch, double? WithoutStretch);

internal sealed record SeedAction(string? Theme, string Description, List<string>? Bullets, string? Responsible, string? Resources, string? Note, List<int>? SourceLines);

/// <summary>
/// What the extraction does not say about an indicator and the theme knows: unit, polarity, frequency,
/// each with its source; and, for an indicator printed in two plans, which plan holds it.
/// </summary>
public sealed record IndicatorProfile(string? Unit, string? Polarity, string? Frequency)
{
    public ProfileSources? Sources { get; init; }
    public IndicatorHolder? HeldBy { get; init; }
    public StockCounted? Stock { get; init; }
}

/// <summary>When an action is due where the plan gives a time: the date it means, the words and their line.</summary>
public sealed record ActionTiming(DateOnly Date, string AsWritten, int Line, string? Reading);
