using SafeCity.Contracts.Events;

namespace SafeCity.Governance.ReadModel;

/// <summary>
/// The read model in memory, with the same revision rule as the stores: what a rebuild folds the
/// themes' states into before it replaces the stored model.
/// </summary>
public sealed class InMemoryPerformanceReadModel : IPerformanceReadModel
{
    private readonly Dictionary<(string, int), PlanRecord> _plans = [];
    private readonly Dictionary<(string, string), ActionRecord> _actions = [];
    private readonly Dictionary<(string, string, string), MeasurementRecord> _measurements = [];
    private readonly Dictionary<(string, string, long), ActionRecord> _history = [];
    private readonly Dictionary<(string, string), long> _figureVersions = [];
    private readonly Lock _gate = new();
    private long _version;

    public Task<long> VersionAsync(CancellationToken ct) => Task.FromResult(Interlocked.Read(ref _version));

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<bool> ApplyAsync(ActionPlanPublished published, CancellationToken ct)
    {
        lock (_gate)
        {
            var changed = Keep(_plans, (published.Theme, published.Plan.Number), new PlanRecord(published.Theme, published.Revision, PlanRecord.StructureOf(published.Plan)), p => p.Revision);
            foreach (var action in published.Plan.Actions)
            {
                var record = ActionRecord.From(published.Theme, published.Plan.Number, action);
                changed |= Keep(_actions, (published.Theme, action.Id), record, a => a.Revision);
                if (action.Revision == 1)
                {
                    _history.TryAdd((published.Theme, action.Id, 1), record);
                }
            }

            return Task.FromResult(changed);
        }
    }

    public Task<bool> ApplyAsync(ActionStatusChanged changed, CancellationToken ct)
    {
        lock (_gate)
        {
            var record = ActionRecord.From(changed);
            var kept = _history.TryAdd((changed.Theme, changed.ActionId, changed.Revision), record);
            if (kept)
            {
                Interlocked.Increment(ref _version);
            }

            return Task.FromResult(Keep(_actions, (changed.Theme, changed.ActionId), record, a => a.Revision) || kept);
        }
    }

    public Task<bool> ApplyAsync(MeasurementRecorded recorded, CancellationToken ct)
    {
        lock (_gate)
        {
            var changed = Keep(_measurements, (recorded.Theme, recorded.IndicatorId, recorded.Period),
                new MeasurementRecord(recorded.IndicatorId, recorded.Theme, recorded.Period, recorded.Value, recorded.Source, recorded.RecordedAt, recorded.Revision), m => m.Revision);
            if (changed)
            {
                MoveFigureVersion(recorded.Theme, recorded.IndicatorId);
            }

            return Task.FromResult(changed);
        }
    }

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string theme, string indicatorId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<MeasurementRecord>>(_measurements.Values.Where(m => m.Theme == theme && m.IndicatorId == indicatorId).ToList());
        }
    }

    public Task<IReadOnlyDictionary<(string Theme, string IndicatorId), long>> FigureVersionsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<(string Theme, string IndicatorId), long>>(new Dictionary<(string, string), long>(_figureVersions));
        }
    }

    private void MoveFigureVersion(string theme, string indicatorId) =>
        _figureVersions[(theme, indicatorId)] = _figureVersions.GetValueOrDefault((theme, indicatorId)) + 1;

    public Task<IReadOnlyList<PlanRecord>> GetPlansAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PlanRecord>>(_plans.Values.OrderBy(p => p.Plan.Number).ThenBy(p => p.Theme, StringComparer.Ordinal).ToList());
        }
    }

    public Task<IReadOnlyList<ActionRecord>> GetActionsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ActionRecord>>(_actions.Values.ToList());
        }
    }

    public Task<IReadOnlyList<ActionRecord>> GetActionHistoryAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ActionRecord>>(_history.Values.ToList());
        }
    }

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<MeasurementRecord>>(_measurements.Values.ToList());
        }
    }

    public Task<ReplaceOutcome> ReplaceAsync(ReadModelSnapshot rebuilt, DateTimeOffset takenFrom, CancellationToken ct)
    {
        lock (_gate)
        {
            var outcome = ReplaceOutcome.Plan(new ReadModelSnapshot(_plans.Values.ToList(), _actions.Values.ToList(), _measurements.Values.ToList(), _history.Values.ToList()), rebuilt, takenFrom);
            _plans.Clear();
            _actions.Clear();
            // Every indicator's figures may differ after the replacement.
            foreach (var indicator in _figureVersions.Keys.Concat(outcome.Result.Measurements.Select(m => (m.Theme, m.IndicatorId))).Distinct().ToList())
            {
                MoveFigureVersion(indicator.Item1, indicator.Item2);
            }

            _measurements.Clear();
            Interlocked.Increment(ref _version);
            foreach (var p in outcome.Result.Plans)
            {
                _plans[(p.Theme, p.Plan.Number)] = p;
            }

            foreach (var a in outcome.Result.Actions)
            {
                _actions[(a.Theme, a.Id)] = a;
            }

            foreach (var m in outcome.Result.Measurements)
            {
                _measurements[(m.Theme, m.IndicatorId, m.Period)] = m;
            }

            foreach (var h in outcome.Result.History)
            {
                _history.TryAdd((h.Theme, h.Id, h.Revision), h);
            }

            return Task.FromResult(outcome);
        }
    }

    private bool Keep<TKey, T>(Dictionary<TKey, T> items, TKey key, T item, Func<T, long> revision) where TKey : notnull
    {
        if (items.TryGetValue(key, out var held) && revision(held) >= revision(item))
        {
            return false;
        }

        items[key] = item;
        Interlocked.Increment(ref _version);
        return true;
    }
}
