using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Outbox;

namespace SafeCity.Kernel.Storage;

/// <summary>
/// A theme service's own database: its action plans, actions, measurements and the outbox. Every
/// write stores the change and the events it causes in one transaction, so an event is published
/// if and only if its change was kept, with its audit entry. SQLite by default, MongoDB where a
/// connection string is set.
/// </summary>
public interface IThemeStore : IOutboxStore, IAuditLog
{
    /// <summary>Creates what the store needs (tables, indexes); safe to call at every start.</summary>
    Task InitializeAsync(CancellationToken ct);

    Task<IReadOnlyList<ActionPlan>> GetActionPlansAsync(CancellationToken ct);

    Task<ActionPlan?> GetActionPlanAsync(int number, CancellationToken ct);

    /// <summary>Adds a plan with its actions unless one with its number is there. False when it was.</summary>
    Task<bool> AddActionPlanAsync(ActionPlan plan, Func<ActionPlan, Change> published, CancellationToken ct);

    /// <summary>
    /// Stores a changed plan structure (its details, indicators, and actions added to it) whose
    /// revision is still <paramref name="expectedRevision"/>, with the next revision and its event.
    /// Actions already held keep their status; only new ones are added.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">the plan was changed meanwhile.</exception>
    Task<ActionPlan> SavePlanStructureAsync(ActionPlan plan, long expectedRevision, Func<ActionPlan, Change> published, CancellationToken ct);

    Task<PlanAction?> GetActionAsync(string actionId, CancellationToken ct);

    /// <summary>
    /// Applies a change to an action whose revision is still <paramref name="expectedRevision"/>, stores
    /// it with the next revision and the event built from the result.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">the action was changed meanwhile.</exception>
    Task<PlanAction> UpdateActionAsync(PlanAction changed, long expectedRevision, Func<PlanAction, Change> evented, CancellationToken ct);

    /// <summary>Stores a value for an indicator and period, replacing any earlier one with the next revision.</summary>
    Task<Measurement> RecordMeasurementAsync(Measurement measurement, Func<Measurement, Change> recorded, CancellationToken ct);

    /// <summary>Every value of one indicator.</summary>
    Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(string indicatorId, CancellationToken ct);

    /// <summary>Every value of every indicator: for plan pages, where each indicator shows its latest.</summary>
    Task<IReadOnlyList<Measurement>> GetAllMeasurementsAsync(CancellationToken ct);

}

public sealed class ConcurrencyConflictException(string message) : Exception(message);
