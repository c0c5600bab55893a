namespace SafeCity.Kernel.Domain;

/// <summary>One of the Business Plan's action plans (Appendix D): aims, indicators and actions.</summary>
public sealed record ActionPlan
{
    public required int Number { get; init; }
    public required int Priority { get; init; }
    public string? Objective { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> Aims { get; init; } = [];
    public string? LeadPartner { get; init; }
    public IReadOnlyList<string>? KeyPartnerships { get; init; }
    public string? LeadManager { get; init; }
    public string? Evidence { get; init; }
    public IReadOnlyList<string> Investigate { get; init; } = [];
    public IReadOnlyList<string> Aspirational { get; init; } = [];
    public IReadOnlyList<string> RelatedPlans { get; init; } = [];
    /// <summary>A note the plan prints above its actions.</summary>
    public string? ActionsPreamble { get; init; }
    public IReadOnlyList<string> OtherSuggestions { get; init; } = [];
    /// <summary>The extraction's notes on doubtful readings of this plan (seed EXTRACTION-NOTES.md).</summary>
    public IReadOnlyList<string> ExtractionNotes { get; init; } = [];
    public string? BaselineColumn { get; init; }
    public string? TargetColumn { get; init; }
    public required IReadOnlyList<PerformanceIndicator> Indicators { get; init; }
    public required IReadOnlyList<PlanAction> Actions { get; init; }
    /// <summary>Increases each time the plan's structure changes.</summary>
    public long Revision { get; init; } = 1;

    /// <summary>The financial year the plan is being delivered in now: the printed plan is 2008/09's (paragraph 81); each roll-forward moves it on a year.</summary>
    public string Year { get; init; } = FirstYear;

    /// <summary>Each year the plan was carried into the next, with what became of its actions.</summary>
    public IReadOnlyList<PlanYearEnd> YearEnds { get; init; } = [];

    /// <summary>The year the printed Business Plan delivers (paragraph 81).</summary>
    public const string FirstYear = "2008/09";

    public PerformanceIndicator? FindIndicator(string id) => Indicators.FirstOrDefault(i => i.Id == id);
}
