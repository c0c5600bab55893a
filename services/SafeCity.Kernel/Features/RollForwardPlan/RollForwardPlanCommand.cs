using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Features.SetTargets;

namespace SafeCity.Kernel.Features.RollForwardPlan;

/// <summary>
/// A plan carried from its financial year into the next at the year's end: what becomes of each of
/// the year's actions still open (completed, carried over with a new due date, or retired), and the
/// new year's targets. <see cref="FromYear"/> is the year the plan was read in, so a second press of
/// the button, or a roll-forward made meanwhile by someone else, is refused rather than repeated.
/// </summary>
public sealed record RollForwardPlanCommand(
    int PlanNumber,
    string? FromYear,
    IReadOnlyDictionary<string, ActionYearOutcome?> Actions,
    IReadOnlyDictionary<string, string?> DueDates,
    IReadOnlyList<SetTargetCommand> Targets,
    string? Reason);
