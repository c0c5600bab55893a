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
    /// Stores, in one transaction, changed plan structures (details, indicators and targets, actions
    /// added) each still at the revision it was read at, with the next revision; and the actions given
    /// as changed, each still at its own revision. Actions not given keep their state. The events are
    /// built from what was stored (the plans, then the changed actions) and kept with it.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">a plan or action was changed meanwhile; nothing was stored.</exception>
    Task<IReadOnlyList<ActionPlan>> SavePlansAsync(IReadOnlyList<PlanWrite> writes, Func<IReadOnlyList<ActionPlan>, IReadOnlyList<PlanAction>, IReadOnlyList<Change>> changes, CancellationToken ct);

    Task<PlanAction?> GetActionAsync(string actionId, CancellationToken ct);

    /// <summary>
    /// Applies a change to an action whose revision is still <paramref name="expectedRevision"/>, stores
    /// it with the next revision and the event built from the result.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">the action was changed meanwhile.</exception>
    Task<PlanAction> UpdateActionAsync(PlanAction changed, long expectedRevision, Func<PlanAction, Change> evented, CancellationToken ct);

    /// <summary>Every revision of every action, as it was stored: how the plan stood on any past date.</summary>
    Task<IReadOnlyList<PlanAction>> GetActionHistoryAsync(CancellationToken ct);

    /// <summary>Stores a value for an indicator and period, replacing any earlier one with the next revision.</summary>
    Task<Measurement> RecordMeasurementAsync(Measurement measurement, Func<Measurement, Change> recorded, CancellationToken ct);

    /// <summary>Every value of one indicator.</summary>
    Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(string indicatorId, CancellationToken ct);

    /// <summary>One indicator's value for one period, or null: what a new figure replaces, read by its key alone.</summary>
    Task<Measurement?> GetMeasurementAsync(string indicatorId, string period, CancellationToken ct);

    /// <summary>Every value of every indicator: for plan pages, where each indicator shows its latest.</summary>
    Task<IReadOnlyList<Measurement>> GetAllMeasurementsAsync(CancellationToken ct);

}

/// <summary>A plan to store, read at <paramref name="ExpectedRevision"/>, and those of its actions that changed (each with the revision it was read at).</summary>
public sealed record PlanWrite(ActionPlan Plan, long ExpectedRevision, IReadOnlyList<PlanAction> ChangedActions);

public static class ThemeStoreExtensions
{
    /// <summary>Stores one changed plan structure with its event (see <see cref="IThemeStore.SavePlansAsync"/>).</summary>
    public static async Task<ActionPlan> SavePlanStructureAsync(this IThemeStore store, ActionPlan plan, long expectedRevision, Func<ActionPlan, Change> published, CancellationToken ct) =>
        (await store.SavePlansAsync([new PlanWrite(plan, expectedRevision, [])], (plans, _) => [published(plans[0])], ct))[0];
}

public sealed class ConcurrencyConflictException(string message) : Exception(message);
