using SafeCity.Contracts.Events;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

public sealed record IndicatorPerformance(
    string Theme,
    string Id,
    string? Code,
    string Name,
    string Category,
    PerformanceIndicator Definition,
    IReadOnlyList<(ReportingPeriod Period, double Value)> Values,
    double? LatestValue,
    string? LatestPeriod,
    TrajectoryAssessment Assessment)
{
    public Rag Rag => Assessment.Rag;

    /// <summary>Where the indicator should be for the span judged (the trajectory to date).</summary>
    public double? Target => Assessment.ExpectedToDate;

    public string Reason => Assessment.Reason;

    /// <summary>The categories of partner records its theme computes it from; empty when it is entered by hand.</summary>
    public IReadOnlyList<string> ComputedFrom { get; init; } = [];

    /// <summary>A Local Area Agreement indicator, with or without a stretch target.</summary>
    public bool IsLaa => Category.Contains("LAA", StringComparison.OrdinalIgnoreCase);

    /// <summary>Set where this plan prints the indicator but another holds it: the figures and judgement shown are the holder's, and only the holder's plan counts it.</summary>
    public IndicatorHolderOutline? HeldBy { get; init; }

    public bool IsHeldElsewhere => HeldBy is not null;
}
