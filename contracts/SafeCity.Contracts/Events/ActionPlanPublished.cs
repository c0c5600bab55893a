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
    /// <summary>The financial year the plan is being delivered in (additive: absent in older events, which are 2008/09's).</summary>
    public string? Year { get; init; }
    public required IReadOnlyList<IndicatorOutline> Indicators { get; init; }
    public required IReadOnlyList<ActionOutline> Actions { get; init; }
}

public sealed record IndicatorOutline
{
    public required string Id { get; init; }
    public string? Code { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    /// <summary>Count, Percentage, RatePer1000, RatePer100000 or RatePer100.</summary>
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
    /// <summary>Printed in this plan but held by another theme's plan, where it is recorded and judged (additive).</summary>
    public IndicatorHolderOutline? HeldBy { get; init; }
}

public sealed record IndicatorHolderOutline(string Theme, int PlanNumber, string IndicatorId);

public sealed record TargetOutline
{
    /// <summary>The financial year the target is for, e.g. "2008/09".</summary>
    public required string Year { get; init; }
    public string? AsWritten { get; init; }
    /// <summary>The annual figure, where the plan alone gives it (a change on a base year's recorded outturn is worked out by the reader from <see cref="ChangePercent"/>).</summary>
    public double? Value { get; init; }
    public double? WithStretch { get; init; }
    public double? WithoutStretch { get; init; }
    /// <summary>A change on <see cref="BaseYear"/>'s figure, in percent (-5: a 5% reduction). Additive.</summary>
    public double? ChangePercent { get; init; }
    public string? BaseYear { get; init; }
    /// <summary>"printed" in the plan, or "set" by <see cref="SetBy"/>. Additive.</summary>
    public string? Source { get; init; }
    public string? SetBy { get; init; }
    public DateTimeOffset? SetAt { get; init; }
    public string? Reason { get; init; }
}

public sealed record ActionOutline
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public required string Status { get; init; }
    public required string Rag { get; init; }
    public string? Commentary { get; init; }
    public required long Revision { get; init; }
    /// <summary>When the action is due (additive).</summary>
    public DateOnly? DueDate { get; init; }
    /// <summary>The financial year of the plan the action is in (additive).</summary>
    public string? Year { get; init; }
    /// <summary>The account name of the person who owns the action (additive).</summary>
    public string? Owner { get; init; }
}
