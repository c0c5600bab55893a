using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Messaging.RagTolerances;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Performance;

/// <summary>An indicator with every value recorded for it and what the partnership's RAG rule says of it.</summary>
public sealed record IndicatorStatus(PerformanceIndicator Indicator, TrajectoryAssessment Assessment, IReadOnlyList<Measurement> Measurements)
{
    /// <summary>The latest figure for a period ended by the date judged.</summary>
    public Measurement? Latest { get; init; }

    /// <summary>Printed in this plan but held, recorded and judged by another theme's plan: it is left out of this plan's RAG.</summary>
    public bool IsHeldElsewhere => Indicator.HeldBy is not null;

    public IReadOnlyList<(ReportingPeriod Period, double Value)> Values { get; init; } = [];

    /// <summary>A target's annual figure, with what the figures recorded say of its base year.</summary>
    public double? AnnualFigure(YearTarget target) => Trajectory.AnnualFigure(Indicator, target, Values, out _);
}

/// <summary>A plan as its lead partnership sees it: indicators against target, actions, and the plan's RAG.</summary>
public sealed record PlanStatus(ActionPlan Plan, Rag Rag, IReadOnlyList<IndicatorStatus> Indicators)
{
    /// <summary>The date actions' overdue state is judged on.</summary>
    public DateOnly On { get; init; }
}

/// <summary>
/// Reads a theme's plans and judges every indicator by the partnership's one RAG rule
/// (<see cref="Trajectory"/>) with the tolerances the PMG sets, as governance does: the same indicator,
/// figures and date give the same colour and reason here and on the Delivery Board's report.
/// </summary>
public sealed class ThemePerformance(IThemeStore store, ThemeTolerances tolerances, ThemeDefinition theme, TimeProvider clock, JudgingDay? judging = null)
{
    public DateOnly Today => JudgingDay.Of(judging, clock);

    /// <param name="asAt">Judge as at this date; null: each indicator as at its latest figure, actions as at today.</param>
    public async Task<IReadOnlyList<PlanStatus>> GetPlansAsync(CancellationToken ct, DateOnly? asAt = null)
    {
        var plans = await AsAtAsync(await store.GetActionPlansAsync(ct), asAt, ct);
        var measurements = (await store.GetAllMeasurementsAsync(ct)).ToLookup(m => m.IndicatorId);
        var current = tolerances.Current;
        return plans.Select(p => Judge(p, measurements, current, asAt)).ToList();
    }

    public async Task<PlanStatus?> GetPlanAsync(int number, CancellationToken ct, DateOnly? asAt = null)
    {
        var plan = await store.GetActionPlanAsync(number, ct);
        if (plan is null)
        {
            return null;
        }

        var measurements = (await store.GetAllMeasurementsAsync(ct)).ToLookup(m => m.IndicatorId);
        return Judge((await AsAtAsync([plan], asAt, ct))[0], measurements, tolerances.Current, asAt);
    }

    /// <summary>
    /// As at a past date, each action as it stood at the end of that day: its latest revision made by
    /// then (revisions kept since the plan was imported carry no time and stood from the start).
    /// </summary>
    private async Task<IReadOnlyList<ActionPlan>> AsAtAsync(IReadOnlyList<ActionPlan> plans, DateOnly? asAt, CancellationToken ct)
    {
        if (asAt is not { } day)
        {
            return plans;
        }

        var history = (await store.GetActionHistoryAsync(ct)).ToLookup(a => a.Id);
        return plans.Select(p => p with
        {
            Actions = p.Actions.Select(a => !history[a.Id].Any() ? a
                : ActionHistory.StateAt(history[a.Id], r => r.Revision, r => r.UpdatedAt, day)
                    ?? history[a.Id].MinBy(r => r.Revision)! with { Status = ActionStatus.NotStarted, Rag = Rag.NotRated, Commentary = null }).ToList(),
        }).ToList();
    }

    public async Task<(PlanStatus Plan, IndicatorStatus Indicator)?> GetIndicatorAsync(string indicatorId, CancellationToken ct, DateOnly? asAt = null)
    {
        foreach (var plan in await GetPlansAsync(ct, asAt))
        {
            var indicator = plan.Indicators.FirstOrDefault(i => i.Indicator.Id == indicatorId);
            if (indicator is not null)
            {
                return (plan, indicator);
            }
        }

        return null;
    }

    /// <summary>One indicator judged by the rule, as at a date or its latest figure.</summary>
    public IndicatorStatus Judge(PerformanceIndicator indicator, IReadOnlyList<Measurement> measurements, Tolerances current, DateOnly? asAt)
    {
        var ordered = measurements.Where(m => ReportingPeriod.TryParse(m.Period, out _)).OrderBy(m => m.ReportingPeriod).ToList();
        var values = ordered.Select(m => (m.ReportingPeriod, m.Value)).ToList();
        var judgedAt = Trajectory.JudgedAt(values, asAt, Today);
        var latest = ordered.LastOrDefault(m => m.ReportingPeriod.End <= judgedAt);
        var assessment = indicator.HeldBy is { } holder
            ? HeldElsewhere(indicator, holder, judgedAt, current.For(theme.Slug, indicator.Id))
            : Trajectory.Assess(indicator, values, judgedAt, current.For(theme.Slug, indicator.Id));
        return new IndicatorStatus(indicator, assessment, ordered) { Latest = latest, Values = values };
    }

    private static TrajectoryAssessment HeldElsewhere(PerformanceIndicator indicator, IndicatorHolder holder, DateOnly on, double tolerance)
    {
        var year = ReportingPeriod.OfFinancialYear(ReportingPeriod.FinancialYearStarting(on));
        return new TrajectoryAssessment(year, null, null, null, Rag.NotRated, tolerance, DirectionOfTravel.NotKnown, null, TargetProfile.Even,
            $"{indicator.DisplayCode} is held by the {holder.Theme} theme's plan {holder.PlanNumber} ({holder.IndicatorId}), where it is recorded and judged.");
    }

    private PlanStatus Judge(ActionPlan plan, ILookup<string, Measurement> measurements, Tolerances current, DateOnly? asAt)
    {
        var indicators = plan.Indicators.Select(i => Judge(i, measurements[i.Id].ToList(), current, asAt)).ToList();
        var rag = RagRules.RollUp(indicators.Where(i => !i.IsHeldElsewhere).Select(i => i.Assessment.Rag).Concat(plan.Actions.Select(a => a.Rag)));
        return new PlanStatus(plan, rag, indicators) { On = asAt ?? Today };
    }
}
