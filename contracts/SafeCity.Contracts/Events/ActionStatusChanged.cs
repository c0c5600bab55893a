namespace SafeCity.Contracts.Events;

/// <summary>An action's status, RAG, commentary or due date was changed by its lead partnership.</summary>
public sealed record ActionStatusChanged
{
    public required Guid EventId { get; init; }
    public required string Theme { get; init; }
    public required int PlanNumber { get; init; }
    public required string ActionId { get; init; }
    /// <summary>NotStarted, InProgress, Completed, Delayed or Cancelled.</summary>
    public required string Status { get; init; }
    /// <summary>NotRated, Red, Amber or Green.</summary>
    public required string Rag { get; init; }
    public string? Commentary { get; init; }
    /// <summary>Increases with every change to this action; older revisions are ignored.</summary>
    public required long Revision { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
    /// <summary>When the action is due (additive: absent in older events).</summary>
    public DateOnly? DueDate { get; init; }
    /// <summary>The financial year of the plan the action is in (additive).</summary>
    public string? Year { get; init; }
    /// <summary>The account name of the person who owns the action (additive).</summary>
    public string? Owner { get; init; }
}
