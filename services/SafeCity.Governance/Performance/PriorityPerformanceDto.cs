namespace SafeCity.Governance.Performance;

public sealed record PriorityPerformanceDto(int Number, string Title, IReadOnlyList<string> LeadPartnerships, string? Theme, string Rag, PlanPerformanceDto[] Plans)
{
    /// <summary>Whether the theme's service answers now: "available", or "unavailable" with since when its figures are current.</summary>
    public ThemeSourceDto? Source { get; init; }
}
