using System.Text.Json.Serialization;

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

/// <summary>A plan carried from one financial year into the next: who did it, when, and what became of each action.</summary>
public sealed record PlanYearEnd(string Year, string Into, DateTimeOffset At, string By, IReadOnlyList<ActionYearEnd> Actions);

public enum ActionYearOutcome
{
    Completed,
    CarriedOver,
    Retired,
}

public sealed record ActionYearEnd(string ActionId, ActionYearOutcome Outcome);

public enum ActionStatus
{
    NotStarted,
    InProgress,
    Completed,
    Delayed,
    Cancelled,
    /// <summary>Not carried into the next year's plan at a year end.</summary>
    Retired,
}

/// <summary>When an action is due: the date, the plan's own words where it gives a time, and where the date comes from.</summary>
public sealed record ActionDue(DateOnly Date, string? AsWritten, string Source);

/// <summary>An action of a plan: what is to be done, who is responsible, with what resources, and how it is going.</summary>
public sealed record PlanAction
{
    public required string Id { get; init; }
    public required int PlanNumber { get; init; }
    /// <summary>The plan's own heading for a group of actions, e.g. Enforcement or Purchase.</summary>
    public string? Theme { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<string>? Bullets { get; init; }
    public string? Responsible { get; init; }
    public string? Resources { get; init; }
    public string? Note { get; init; }
    public ActionStatus Status { get; init; } = ActionStatus.NotStarted;
    public Rag Rag { get; init; } = Rag.NotRated;
    public string? Commentary { get; init; }
    /// <summary>The account of the person who owns the action: it is on their "My work" page.</summary>
    public string? Owner { get; init; }
    public ActionDue? Due { get; init; }
    /// <summary>The financial year of the plan the action is in now (carried over: the later year).</summary>
    public string Year { get; init; } = ActionPlan.FirstYear;
    public long Revision { get; init; } = 1;
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }

    /// <summary>Done with: completed, cancelled or retired.</summary>
    [JsonIgnore]
    public bool IsClosed => Status is ActionStatus.Completed or ActionStatus.Cancelled or ActionStatus.Retired;

    /// <summary>Past its due date and not done with, on the day given.</summary>
    public bool IsOverdue(DateOnly on) => !IsClosed && Due is { } due && due.Date < on;
}

/// <summary>The value of an indicator for one period, and where it came from.</summary>
public sealed record Measurement
{
    public required string IndicatorId { get; init; }
    public required string Period { get; init; }
    public required double Value { get; init; }
    /// <summary>"entered" by an officer, or "computed" from partner records.</summary>
    public required string Source { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public string? RecordedBy { get; init; }
    public long Revision { get; init; } = 1;

    [JsonIgnore]
    public ReportingPeriod ReportingPeriod => ReportingPeriod.Parse(Period);

    /// <summary>The latest period wins; of two periods ending together, the longer (a year's outturn before its last month).</summary>
    public static Measurement? Latest(IEnumerable<Measurement> measurements) =>
        measurements
            .Where(m => ReportingPeriod.TryParse(m.Period, out _))
            .OrderByDescending(m => m.ReportingPeriod)
            .FirstOrDefault();
}

public static class MeasurementSources
{
    public const string Entered = "entered";
    public const string Computed = "computed";
}
