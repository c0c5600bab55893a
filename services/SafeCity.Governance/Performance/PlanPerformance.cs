using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

public sealed record PlanPerformance(string Theme, int Number, string Title, Rag Rag, IReadOnlyList<IndicatorPerformance> Indicators, IReadOnlyList<ActionPerformance> Actions)
{
    /// <summary>The financial year the plan is being delivered in.</summary>
    public string Year { get; init; } = "2008/09";

    public int ActionsTotal => Actions.Count;

    public int ActionsRed => Actions.Count(a => a.Rag == Rag.Red);
}
