using SafeCity.Contracts.Events;

namespace SafeCity.Governance.ReadModel;

/// <summary>
/// A plan as governance knows it: the last structure its theme published. Its actions carry only
/// what they are (id, description); how each is going lives in its <see cref="ActionRecord"/>, which
/// its own events keep current.
/// </summary>
public sealed record PlanRecord(string Theme, long Revision, ActionPlanOutline Plan)
{
    /// <summary>The plan's structure without its actions' state, as every read model stores it.</summary>
    public static ActionPlanOutline StructureOf(ActionPlanOutline plan) =>
        plan with { Actions = plan.Actions.Select(a => a with { Status = "", Rag = "", Commentary = null, Revision = 0, DueDate = null, Year = null, Owner = null }).ToList() };
}

/// <summary>How an action stands (or stood, in its history): its status, RAG, commentary, due date and plan year, at a revision.</summary>
/// <param name="ChangedAt">When the theme made this revision; null for the state it was imported with.</param>
public sealed record ActionRecord(string Id, string Theme, int PlanNumber, string Status, string Rag, string? Commentary, long Revision,
    DateOnly? DueDate = null, string? Year = null, DateTimeOffset? ChangedAt = null, string? Owner = null)
{
    public static ActionRecord From(ActionStatusChanged e) => new(e.ActionId, e.Theme, e.PlanNumber, e.Status, e.Rag, e.Commentary, e.Revision, e.DueDate, e.Year, e.ChangedAt, e.Owner);

    public static ActionRecord From(string theme, int planNumber, ActionOutline a) => new(a.Id, theme, planNumber, a.Status, a.Rag, a.Commentary, a.Revision, a.DueDate, a.Year, Owner: a.Owner);

    /// <summary>
    /// How the action stood at the end of a day: its latest revision made by then (the state it was
    /// imported with before any), from its history; the current state where no history is held.
    /// </summary>
    public static ActionRecord AsAt(ActionRecord current, IEnumerable<ActionRecord> history, DateOnly day)
    {
        var revisions = history.ToList();
        if (revisions.Count == 0)
        {
            return current;
        }

        return Kernel.Domain.ActionHistory.StateAt(revisions, r => r.Revision, r => r.ChangedAt, day)
            ?? revisions.MinBy(r => r.Revision)! with { Status = "NotStarted", Rag = "NotRated", Commentary = null };
    }
}

public sealed record MeasurementRecord(string IndicatorId, string Theme, string Period, double Value, string Source, DateTimeOffset RecordedAt, long Revision);

/// <summary>
/// Governance's copy of every theme's plans, actions and measurements, fed only by their events.
/// Each Apply keeps the change only when its revision is newer than what is held, so a redelivered
/// or late event changes nothing; each returns whether it changed anything.
/// </summary>
public interface IPerformanceReadModel
{
    Task InitializeAsync(CancellationToken ct);

    Task<bool> ApplyAsync(ActionPlanPublished published, CancellationToken ct);

    Task<bool> ApplyAsync(ActionStatusChanged changed, CancellationToken ct);

    Task<bool> ApplyAsync(MeasurementRecorded recorded, CancellationToken ct);

    Task<IReadOnlyList<PlanRecord>> GetPlansAsync(CancellationToken ct);

    Task<IReadOnlyList<ActionRecord>> GetActionsAsync(CancellationToken ct);

    /// <summary>Every revision of every action that governance was told of, each once.</summary>
    Task<IReadOnlyList<ActionRecord>> GetActionHistoryAsync(CancellationToken ct);

    Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(CancellationToken ct);

    /// <summary>One indicator's figures.</summary>
    Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string theme, string indicatorId, CancellationToken ct);

    /// <summary>
    /// For every indicator that has had figures, a number that changes whenever any of its figures
    /// changes (and only then), so what is worked out from one indicator's figures may be kept until then.
    /// An indicator missing from it has never had a figure.
    /// </summary>
    Task<IReadOnlyDictionary<(string Theme, string IndicatorId), long>> FigureVersionsAsync(CancellationToken ct);

    /// <summary>A number that changes whenever anything the model holds changes (what is computed from it may be kept until then).</summary>
    Task<long> VersionAsync(CancellationToken ct);

    /// <summary>
    /// Makes the model the rebuilt one, merged by <see cref="ReplaceOutcome.Plan"/> with what it holds
    /// at that moment, so that an event applied while the themes were being asked is not lost.
    /// </summary>
    Task<ReplaceOutcome> ReplaceAsync(ReadModelSnapshot rebuilt, DateTimeOffset takenFrom, CancellationToken ct);
}
