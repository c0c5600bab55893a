namespace SafeCity.Contracts.Events;

/// <summary>
/// A theme published the structure of one of its action plans: its indicators with baselines and
/// targets, and its actions. Governance learns what a plan contains only from this event.
/// </summary>
public sealed record ActionPlanPublished
{
    public required Guid EventId { get; init; }
    public required string Theme { get; init; }
    /// <summary>Increases with every change to the plan's structure; older revisions are ignored.</summary>
    public required long Revision { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required ActionPlanOutline Plan { get; init; }
}

public sealed record ActionPlanOutline
{
    public required int Number { get; init; }
    public required int Priority { get; init; }
    public string? Objective { get; init; }
    public required string Title { get; init; }
    public string? LeadPartner { get; init; }
    public required IReadOnlyList<IndicatorOutline> Indicators { get; init; }
    public required IReadOnlyList<ActionOutline> Actions { get; init; }
}

public sealed record IndicatorOutline
{
    public required string Id { get; init; }
    public string? Code { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    /// <summary>Count, Percentage, RatePer1000 or RatePer100000.</summary>
    public required string Unit { get; init; }
    /// <summary>LowerIsBetter or HigherIsBetter.</summary>
    public required string Polarity { get; init; }
    public required string Frequency { get; init; }
    /// <summary>The categories of records the theme computes it from, where it is computed (additive: absent in older events).</summary>
    public IReadOnlyList<string>? ComputedFrom { get; init; }
    public double? BaselineValue { get; init; }
    public string? BaselinePeriod { get; init; }
    public string? BaselineAsWritten { get; init; }
    public required IReadOnlyList<TargetOutline> Targets { get; init; }
}

public sealed record TargetOutline
{
    /// <summary>The financial year the target is for, e.g. "2008/09".</summary>
    public required string Year { get; init; }
    public string? AsWritten { get; init; }
    public double? Value { get; init; }
    public double? WithStretch { get; init; }
    public double? WithoutStretch { get; init; }
}

public sealed record ActionOutline
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public required string Status { get; init; }
    public required string Rag { get; init; }
    public string? Commentary { get; init; }
    public required long Revision { get; init; }
}
