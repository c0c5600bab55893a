using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Features.UpdateAction;

/// <summary>
/// An officer's update to an action: its status, RAG, commentary and due date. <see cref="ExpectedRevision"/>,
/// when given, refuses the change if someone else changed the action since it was read.
/// </summary>
public sealed record UpdateActionCommand(string ActionId, ActionStatus? Status, Rag? Rag, string? Commentary, long? ExpectedRevision = null)
{
    /// <summary>yyyy-MM-dd, or a quarter of the financial year (2008/09 Q3: due by its last day); null keeps the due date held, "" clears it.</summary>
    public string? DueDate { get; init; }

    /// <summary>The owner's account name; null keeps the owner held, "" leaves the action without one.</summary>
    public string? Owner { get; init; }
}
