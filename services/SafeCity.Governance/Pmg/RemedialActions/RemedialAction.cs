namespace SafeCity.Governance.Pmg.RemedialActions;

/// <summary>What the PMG asked to be done about an item on its exception list.</summary>
public sealed record RemedialAction(
    string Id,
    string MeetingId,
    string ItemKey,
    string ItemName,
    int Priority,
    string Description,
    string Owner,
    DateOnly Due,
    RemedialStatus Status,
    IReadOnlyList<RemedialNote> Notes,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>Past its due date and not done: escalated to the next Delivery Board report.</summary>
    public bool IsOverdue(DateOnly on) => Status != RemedialStatus.Done && Due < on;
}
