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
        plan with { Actions = plan.Actions.Select(a => a with { Status = "", Rag = "", Commentary = null, Revision = 0 }).ToList() };
}

public sealed record ActionRecord(string Id, string Theme, int PlanNumber, string Status, string Rag, string? Commentary, long Revision);

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
