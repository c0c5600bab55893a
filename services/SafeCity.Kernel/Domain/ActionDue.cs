namespace SafeCity.Kernel.Domain;

/// <summary>When an action is due: the date, the plan's own words where it gives a time, and where the date comes from.</summary>
public sealed record ActionDue(DateOnly Date, string? AsWritten, string Source)
{
    /// <summary>
    /// Points on the way the plan's words set: a timing that covers some of the action's bullets ("in six
    /// months time"), or a recurring one ("six monthly reports", "bi-annual clear ups"). The action is due
    /// by <see cref="Date"/>; a milestone passed is shown, not counted as overdue, since no one records
    /// which bullet is done.
    /// </summary>
    public IReadOnlyList<ActionMilestone>? Milestones { get; init; }

    /// <summary>The first milestone not passed on the day given, if any.</summary>
    public ActionMilestone? NextFrom(DateOnly on) => (Milestones ?? []).Where(m => !m.HasPassed(on)).MinBy(m => m.Date);
}

/// <summary>A point on the way to an action's due date: the date and what the plan says is due then.</summary>
public sealed record ActionMilestone(DateOnly Date, string What)
{
    /// <summary>Passed once its day is over, as an action is overdue only after its due date.</summary>
    public bool HasPassed(DateOnly on) => Date < on;
}
