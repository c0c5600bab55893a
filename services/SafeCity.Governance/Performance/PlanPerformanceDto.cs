namespace SafeCity.Governance.Performance;

public sealed record PlanPerformanceDto(string Theme, int Number, string Title, string Rag, int ActionsTotal, int ActionsRed, IndicatorPerformanceDto[] Indicators)
{
    public string Year { get; init; } = "2008/09";

    public int ActionsOverdue { get; init; }
}
