namespace SafeCity.Governance.Performance;

/// <param name="Target">Where the indicator should be for the span judged (its trajectory to date).</param>
public sealed record IndicatorPerformanceDto(string Id, string? Code, string Name, double? LatestValue, string? LatestPeriod, double? Target, string Rag,
    string Year, double? YearToDate, string? Through, double? AnnualTarget, string Direction, double TolerancePercent, string Reason)
{
    /// <summary>The theme whose figures these are (the holder's, for an indicator printed here and held elsewhere).</summary>
    public string Theme { get; init; } = "";

    /// <summary>"violence/P4.I3" where this plan prints the indicator but another holds it.</summary>
    public string? HeldBy { get; init; }

    /// <summary>Whether a target is set for the year judged: an indicator without one is not rated, and on the PMG's list.</summary>
    public bool HasTarget { get; init; }
}
