using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Features.Performance;

/// <summary>An indicator with every value recorded for it and what the latest says against target.</summary>
public sealed record IndicatorStatus(PerformanceIndicator Indicator, IndicatorAssessment Assessment, IReadOnlyList<Measurement> Measurements);

/// <summary>A plan as its lead partnership sees it: indicators against target, actions, and the plan's RAG.</summary>
public sealed record PlanStatus(ActionPlan Plan, Rag Rag, IReadOnlyList<IndicatorStatus> Indicators);

/// <summary>Reads a theme's plans and judges every indicator with the partnership's RAG rules.</summary>
public sealed class ThemePerformance(IThemeStore store, RagRules rules)
{
    public RagRules Rules => rules;

    public async Task<IReadOnlyList<PlanStatus>> GetPlansAsync(CancellationToken ct)
    {
        var plans = await store.GetActionPlansAsync(ct);
        var measurements = (await store.GetAllMeasurementsAsync(ct)).ToLookup(m => m.IndicatorId);
        return plans.Select(p => Judge(p, measurements)).ToList();
    }

    public async Task<PlanStatus?> GetPlanAsync(int number, CancellationToken ct)
    {
        var plan = await store.GetActionPlanAsync(number, ct);
        if (plan is null)
        {
            return null;
        }

        var measurements = (await store.GetAllMeasurementsAsync(ct)).ToLookup(m => m.IndicatorId);
        return Judge(plan, measurements);
    }

    public async Task<(PlanStatus Plan, IndicatorStatus Indicator)?> GetIndicatorAsync(string indicatorId, CancellationToken ct)
    {
        foreach (var plan in await GetPlansAsync(ct))
        {
            var indicator = plan.Indicators.FirstOrDefault(i => i.Indicator.Id == indicatorId);
            if (indicator is not null)
            {
                return (plan, indicator);
            }
        }

        return null;
    }

    private PlanStatus Judge(ActionPlan plan, ILookup<string, Measurement> measurements)
    {
        var indicators = plan.Indicators.Select(i =>
        {
            var values = measurements[i.Id].OrderBy(m => m.ReportingPeriod).ToList();
            return new IndicatorStatus(i, rules.Assess(i, Measurement.Latest(values)), values);
        }).ToList();
        var rag = RagRules.RollUp(indicators.Select(i => i.Assessment.Rag).Concat(plan.Actions.Select(a => a.Rag)));
        return new PlanStatus(plan, rag, indicators);
    }
}
