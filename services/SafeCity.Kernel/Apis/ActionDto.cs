using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Apis;

/// <param name="Overdue">Past its due date and not completed, cancelled or retired, as at today or the date asked.</param>
public sealed record ActionDto(
    string Id, int PlanNumber, string? Theme, string Description, string? Responsible, string? Resources, string Status, string Rag, string? Commentary, long Revision,
    DateTimeOffset? UpdatedAt, string? UpdatedBy, DateOnly? DueDate, string? DueAsWritten, string? DueSource, bool Overdue, string Year)
{
    /// <summary>The account name of the person who owns the action.</summary>
    public string? Owner { get; init; }

    /// <summary>The points on the way to the due date that the plan's words set, each with whether it has passed.</summary>
    public IReadOnlyList<MilestoneDto> Milestones { get; init; } = [];

    /// <summary>Why the action is never due (a placeholder or a drafting question in the plan); null for an action.</summary>
    public string? NeverDue { get; init; }

    public static ActionDto From(PlanAction a, DateOnly on) => new(a.Id, a.PlanNumber, a.Theme, a.Description, a.Responsible, a.Resources, a.Status.ToString(), a.Rag.ToString(),
        a.Commentary, a.Revision, a.UpdatedAt, a.UpdatedBy, a.Due?.Date, a.Due?.AsWritten, a.Due?.Source, a.IsOverdue(on), a.Year)
    {
        Owner = a.Owner,
        Milestones = (a.Due?.Milestones ?? []).Select(m => new MilestoneDto(m.Date, m.What, m.HasPassed(on))).ToList(),
        NeverDue = a.NeverDue,
    };
}

public sealed record MilestoneDto(DateOnly Date, string What, bool Passed);
