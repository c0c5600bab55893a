using System.Text.Json.Serialization;

namespace SafeCity.Kernel.Domain;

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
    /// <summary>Why the action is never due: a placeholder row or a drafting question the plan left in (then <see cref="Due"/> is null).</summary>
    public string? NeverDue { get; init; }
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
