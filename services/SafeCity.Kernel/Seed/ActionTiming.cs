using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Seed;

/// <summary>
/// When an action is due where the plan gives a time: the date it means, the words and their line; the
/// milestones its words set on the way (for some of its bullets, or recurring); or, for a row that is
/// not an action (a placeholder, a drafting question), <see cref="NotAnAction"/> and no date.
/// </summary>
public sealed record ActionTiming(DateOnly? Date, string AsWritten, int Line, string? Reading)
{
    public IReadOnlyList<ActionMilestone>? Milestones { get; init; }
    public string? NotAnAction { get; init; }
}
