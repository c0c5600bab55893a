using System.Collections.Concurrent;
using SafeCity.Contracts.Events;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Structure;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

/// <summary>
/// The whole partnership's performance for the PMG and the Delivery Board: every priority of
/// Appendix C with the plans its theme has published, each indicator judged against its trajectory
/// (<see cref="Trajectory"/>) with its own tolerance, rolled up to plan, priority and partnership.
/// </summary>
public sealed class PartnershipPerformance(IPerformanceReadModel model, PartnershipStructureStore structures, ToleranceStore toleranceStore, TimeProvider clock, JudgingDay? judging = null)
{
    public const string RollUpRule = "A plan shows the worst RAG among its indicators and actions, a priority the worst of its plans, the partnership the worst of its priorities; items not yet rated are left out.";

    // A judged tree is kept until anything it was judged from changes: the model, the structure, the
    // tolerances or the day. Reading it then costs three small reads, not every figure held.
    private sealed record Judged(DateOnly? AsAt, DateOnly Today, long Model, int Structure, int ToleranceChanges);

    private readonly Dictionary<Judged, PerformanceTree> _judged = [];
    private readonly Lock _judgedGate = new();
    private const int JudgedKept = 32;

    // When the model has changed, only the indicators whose own figures (or plan, or tolerance)
    // changed are read and judged again: a new figure costs one indicator's figures, not the partnership's.
    private sealed record Figures(long Version, IReadOnlyList<(ReportingPeriod Period, double Value)> Values);

    private sealed record IndicatorJudged(string Theme, string Id, long PlanRevision, long FiguresVersion, DateOnly? AsAt, DateOnly Today, double Tolerance);

    private readonly ConcurrentDictionary<(string Theme, string Id), Figures> _figures = new();
    private readonly ConcurrentDictionary<IndicatorJudged, IndicatorPerformance> _indicators = new();
    private const int IndicatorsKept = 4096;

    /// <param name="asAt">Judge everything as at this date; null: each indicator as at its latest figure.</param>
    public async Task<PerformanceTree> GetAsync(DateOnly? asAt, CancellationToken ct)
    {
        var today = JudgingDay.Of(judging, clock);
        var structure = await structures.LatestAsync(ct);
        var tolerances = await toleranceStore.SettingsAsync(ct);
        var key = new Judged(asAt, today, await model.VersionAsync(ct), structure.Version, tolerances.History.Count);
        lock (_judgedGate)
        {
            if (_judged.TryGetValue(key, out var kept))
            {
                return kept;
            }
        }

        var tree = await JudgeAsync(structure.Structure, toleranceStore.Of(tolerances), asAt, today, ct);
        lock (_judgedGate)
        {
            if (_judged.Count >= JudgedKept)
            {
                _judged.Clear();
            }

            _judged[key] = tree;
        }

        return tree;
    }

    private async Task<PerformanceTree> JudgeAsync(PartnershipStructure structure, Tolerances tolerances, DateOnly? asAt, DateOnly today, CancellationToken ct)
    {
        // The figures' versions are read before the figures: a figure arriving in between is read
        // with the older version, so it is read again next time rather than missed.
        var versions = await model.FigureVersionsAsync(ct);
        var plans = await model.GetPlansAsync(ct);
        var actions = (await model.GetActionsAsync(ct)).ToDictionary(a => (a.Theme, a.Id));
        if (asAt is { } day)
        {
            // As at a past date, each action as it stood then: its latest revision made by that day.
            var history = (await model.GetActionHistoryAsync(ct)).ToLookup(a => (a.Theme, a.Id));
            actions = actions.ToDictionary(a => a.Key, a => ActionRecord.AsAt(a.Value, history[a.Key], day));
        }
        if (_indicators.Count >= IndicatorsKept)
        {
            _indicators.Clear();
        }

        var judged = new Dictionary<(string, string), IndicatorPerformance>();
        foreach (var plan in plans)
        {
            foreach (var outline in plan.Plan.Indicators)
            {
                var version = versions.GetValueOrDefault((plan.Theme, outline.Id));
                var indicatorKey = new IndicatorJudged(plan.Theme, outline.Id, plan.Revision, version, asAt, today, tolerances.For(plan.Theme, outline.Id));
                if (!_indicators.TryGetValue(indicatorKey, out var indicator))
                {
                    indicator = JudgeIndicator(plan.Theme, outline, await FiguresAsync(plan.Theme, outline.Id, version, ct), indicatorKey.Tolerance, asAt, today);
                    _indicators[indicatorKey] = indicator;
                }

                judged[(plan.Theme, outline.Id)] = indicator;
            }
        }

        var on = asAt ?? today;
        var priorities = structure.Priorities.Select(priority =>
        {
            var own = plans.Where(p => p.Plan.Priority == priority.Number).OrderBy(p => p.Plan.Number)
                .Select(p => JudgePlan(p, judged, actions, on)).ToList();
            var theme = plans.FirstOrDefault(p => p.Plan.Priority == priority.Number)?.Theme;
            return new PriorityPerformance(priority, structure.PriorityBox(priority.Number), theme, RagRules.RollUp(own.Select(p => p.Rag)), own);
        }).ToList();
        return new PerformanceTree(structure, new RagRules(tolerances.DefaultPercent), tolerances, asAt, RagRules.RollUp(priorities.Select(p => p.Rag)), priorities);
    }

    private async Task<IReadOnlyList<(ReportingPeriod Period, double Value)>> FiguresAsync(string theme, string indicatorId, long version, CancellationToken ct)
    {
        if (_figures.TryGetValue((theme, indicatorId), out var kept) && kept.Version == version)
        {
            return kept.Values;
        }

        var values = (await model.GetMeasurementsAsync(theme, indicatorId, ct))
            .Select(m => (Ok: ReportingPeriod.TryParse(m.Period, out var p), Period: p, m.Value))
            .Where(v => v.Ok).Select(v => (v.Period, v.Value)).OrderBy(v => v.Period).ToList();
        _figures[(theme, indicatorId)] = new Figures(version, values);
        return values;
    }

    public Task<PerformanceTree> GetAsync(CancellationToken ct) => GetAsync(null, ct);

    private static IndicatorPerformance JudgeIndicator(string theme, IndicatorOutline outline, IReadOnlyList<(ReportingPeriod Period, double Value)> values, double tolerance, DateOnly? asAt, DateOnly today)
    {
        var indicator = ToIndicator(outline);
        var judgedAt = Trajectory.JudgedAt(values, asAt, today);
        // The latest figure is the latest for a period ended by the date judged.
        var known = values.Where(v => v.Period.End <= judgedAt).ToList();
        var latest = known.Count == 0 ? ((ReportingPeriod, double)?)null : known[^1];
        var assessment = Trajectory.Assess(indicator, values, judgedAt, tolerance);
        return new IndicatorPerformance(theme, outline.Id, outline.Code, outline.Name, outline.Category, indicator, values,
            latest?.Item2, latest?.Item1.ToString(), assessment)
        { ComputedFrom = outline.ComputedFrom ?? [] };
    }

    private static PlanPerformance JudgePlan(PlanRecord record, IReadOnlyDictionary<(string, string), IndicatorPerformance> judged, IReadOnlyDictionary<(string, string), ActionRecord> actions, DateOnly on)
    {
        var indicators = record.Plan.Indicators.Select(outline =>
        {
            var own = judged[(record.Theme, outline.Id)];
            // An indicator printed here and held by another plan shows the holder's figures and judgement.
            return outline.HeldBy is { } holder
                ? (judged.GetValueOrDefault((holder.Theme, holder.IndicatorId)) ?? own) with { Id = outline.Id, HeldBy = holder }
                : own;
        }).ToList();
        var planActions = record.Plan.Actions.Select(a =>
        {
            // The latest change an action had (its own event) wins over the plan's copy.
            var held = actions.GetValueOrDefault((record.Theme, a.Id));
            var rag = Enum.TryParse<Rag>(held?.Rag ?? a.Rag, out var r) ? r : Rag.NotRated;
            var status = held?.Status ?? a.Status;
            var due = held is null ? a.DueDate : held.DueDate;
            var closed = status is nameof(ActionStatus.Completed) or nameof(ActionStatus.Cancelled) or nameof(ActionStatus.Retired);
            return new ActionPerformance(a.Id, a.Description, status, rag, held?.Commentary ?? a.Commentary, due, !closed && due < on, held?.Year ?? a.Year, held is null ? a.Owner : held.Owner);
        }).ToList();
        var planRag = RagRules.RollUp(indicators.Where(i => !i.IsHeldElsewhere).Select(i => i.Rag).Concat(planActions.Select(a => a.Rag)));
        return new PlanPerformance(record.Theme, record.Plan.Number, record.Plan.Title, planRag, indicators, planActions) { Year = record.Plan.Year ?? ActionPlan.FirstYear };
    }

    /// <summary>The theme's outline as a kernel indicator, so governance judges with the very same rules.</summary>
    public static PerformanceIndicator ToIndicator(IndicatorOutline outline) => new()
    {
        Id = outline.Id,
        Code = outline.Code,
        Name = outline.Name,
        Category = outline.Category,
        Unit = Enum.TryParse<IndicatorUnit>(outline.Unit, out var unit) ? unit : IndicatorUnit.Count,
        Polarity = Enum.TryParse<Polarity>(outline.Polarity, out var polarity) ? polarity : Polarity.LowerIsBetter,
        Frequency = Enum.TryParse<ReportingFrequency>(outline.Frequency, out var frequency) ? frequency : ReportingFrequency.Quarterly,
        Baseline = new Baseline(outline.BaselineAsWritten, outline.BaselineValue, null, outline.BaselinePeriod, null),
        // The theme sends each target as written; a change on a base year is worked out here, by the same rule, from the figures governance holds.
        Targets = outline.Targets.Select(t => new YearTarget(t.Year, t.AsWritten, t.Value, null, t.WithStretch, t.WithoutStretch)
        {
            ChangePercent = t.ChangePercent,
            BaseYear = t.BaseYear,
            Source = t.Source is null ? null : new TargetSource { Kind = t.Source, By = t.SetBy, At = t.SetAt, Reason = t.Reason },
        }).ToList(),
        HeldBy = outline.HeldBy is { } h ? new IndicatorHolder(h.Theme, h.PlanNumber, h.IndicatorId) : null,
    };
}
