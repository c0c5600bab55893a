using System.Collections.Concurrent;
using SafeCity.Contracts.Events;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Structure;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

public sealed record IndicatorPerformance(
    string Theme,
    string Id,
    string? Code,
    string Name,
    string Category,
    PerformanceIndicator Definition,
    IReadOnlyList<(ReportingPeriod Period, double Value)> Values,
    double? LatestValue,
    string? LatestPeriod,
    TrajectoryAssessment Assessment)
{
    public Rag Rag => Assessment.Rag;

    /// <summary>Where the indicator should be for the span judged (the trajectory to date).</summary>
    public double? Target => Assessment.ExpectedToDate;

    public string Reason => Assessment.Reason;

    /// <summary>The categories of partner records its theme computes it from; empty when it is entered by hand.</summary>
    public IReadOnlyList<string> ComputedFrom { get; init; } = [];

    /// <summary>A Local Area Agreement indicator, with or without a stretch target.</summary>
    public bool IsLaa => Category.Contains("LAA", StringComparison.OrdinalIgnoreCase);
}

public sealed record ActionPerformance(string Id, string Description, string Status, Rag Rag, string? Commentary);

public sealed record PlanPerformance(string Theme, int Number, string Title, Rag Rag, IReadOnlyList<IndicatorPerformance> Indicators, IReadOnlyList<ActionPerformance> Actions)
{
    public int ActionsTotal => Actions.Count;

    public int ActionsRed => Actions.Count(a => a.Rag == Rag.Red);
}

public sealed record PriorityPerformance(PartnershipPriority Priority, GovernanceBody? Box, string? Theme, Rag Rag, IReadOnlyList<PlanPerformance> Plans);

/// <param name="AsAt">The date everything was judged as at; null when each indicator is judged as at its own latest figure.</param>
public sealed record PerformanceTree(PartnershipStructure Structure, RagRules Rules, Tolerances Tolerances, DateOnly? AsAt, Rag Rag, IReadOnlyList<PriorityPerformance> Priorities)
{
    public IEnumerable<PlanPerformance> Plans => Priorities.SelectMany(p => p.Plans);

    public IEnumerable<IndicatorPerformance> Indicators => Plans.SelectMany(p => p.Indicators);
}

/// <summary>
/// The whole partnership's performance for the PMG and the Delivery Board: every priority of
/// Appendix C with the plans its theme has published, each indicator judged against its trajectory
/// (<see cref="Trajectory"/>) with its own tolerance, rolled up to plan, priority and partnership.
/// </summary>
public sealed class PartnershipPerformance(IPerformanceReadModel model, PartnershipStructureStore structures, ToleranceStore toleranceStore, TimeProvider clock)
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
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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

        var priorities = structure.Priorities.Select(priority =>
        {
            var own = plans.Where(p => p.Plan.Priority == priority.Number).OrderBy(p => p.Plan.Number)
                .Select(p => JudgePlan(p, judged, actions)).ToList();
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
        // As at a date, the latest figure is the latest for a period ended by then.
        var known = asAt is { } day ? values.Where(v => v.Period.End <= day).ToList() : values;
        var latest = known.Count == 0 ? ((ReportingPeriod, double)?)null : known[^1];
        var judgedAt = asAt ?? (latest is { } l && l.Item1.End < today ? l.Item1.End : today);
        var assessment = Trajectory.Assess(indicator, values, judgedAt, tolerance);
        return new IndicatorPerformance(theme, outline.Id, outline.Code, outline.Name, outline.Category, indicator, values,
            latest?.Item2, latest?.Item1.ToString(), assessment)
        { ComputedFrom = outline.ComputedFrom ?? [] };
    }

    private static PlanPerformance JudgePlan(PlanRecord record, IReadOnlyDictionary<(string, string), IndicatorPerformance> judged, IReadOnlyDictionary<(string, string), ActionRecord> actions)
    {
        var indicators = record.Plan.Indicators.Select(outline => judged[(record.Theme, outline.Id)]).ToList();
        var planActions = record.Plan.Actions.Select(a =>
        {
            // The latest change an action had (its own event) wins over the plan's copy.
            var held = actions.GetValueOrDefault((record.Theme, a.Id));
            var rag = Enum.TryParse<Rag>(held?.Rag ?? a.Rag, out var r) ? r : Rag.NotRated;
            return new ActionPerformance(a.Id, a.Description, held?.Status ?? a.Status, rag, held?.Commentary ?? a.Commentary);
        }).ToList();
        var planRag = RagRules.RollUp(indicators.Select(i => i.Rag).Concat(planActions.Select(a => a.Rag)));
        return new PlanPerformance(record.Theme, record.Plan.Number, record.Plan.Title, planRag, indicators, planActions);
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
        // The theme sends each target's annual figure already worked out (stretch, % reductions).
        Targets = outline.Targets.Select(t => new YearTarget(t.Year, t.AsWritten, t.Value, null, t.WithStretch, t.WithoutStretch)).ToList(),
    };
}

/// <summary>
/// RAG tolerance per indicator, with the partnership's default. An indicator's own is found by
/// "theme/id" ("alcohol/P1.I3") or, for the plan's indicators, by id alone ("P1.I3").
/// </summary>
public sealed class Tolerances(double defaultPercent, IReadOnlyDictionary<string, double> perIndicator)
{
    public double DefaultPercent { get; } = defaultPercent;

    public IReadOnlyDictionary<string, double> PerIndicator { get; } = perIndicator;

    public double For(string theme, string indicatorId) =>
        PerIndicator.TryGetValue(theme + "/" + indicatorId, out var own) || PerIndicator.TryGetValue(indicatorId, out own) ? own : DefaultPercent;

    public double For(string indicatorId) => PerIndicator.TryGetValue(indicatorId, out var own) ? own : DefaultPercent;

    /// <summary>Performance:RagTolerancePercent and Performance:Tolerances:{indicator}: the starting point the PMG may change on /tolerances.</summary>
    public static Tolerances From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Performance");
        var fallback = section.GetValue("RagTolerancePercent", RagRules.DefaultTolerancePercent);
        var own = section.GetSection("Tolerances").GetChildren()
            .Where(c => double.TryParse(c.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0)
            .ToDictionary(c => c.Key, c => double.Parse(c.Value!, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new Tolerances(fallback, own);
    }
}
