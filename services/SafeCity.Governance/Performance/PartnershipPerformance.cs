using SafeCity.Contracts.Events;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Structure;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Performance;

public sealed record IndicatorPerformance(string Id, string? Code, string Name, double? LatestValue, string? LatestPeriod, double? Target, Rag Rag, string Reason);

public sealed record PlanPerformance(string Theme, int Number, string Title, Rag Rag, IReadOnlyList<IndicatorPerformance> Indicators, int ActionsTotal, int ActionsRed);

public sealed record PriorityPerformance(PartnershipPriority Priority, GovernanceBody? Box, string? Theme, Rag Rag, IReadOnlyList<PlanPerformance> Plans);

public sealed record PerformanceTree(PartnershipStructure Structure, RagRules Rules, IReadOnlyList<PriorityPerformance> Priorities);

/// <summary>
/// The whole partnership's performance for the Delivery Board: every priority of Appendix C with
/// the plans its theme has published, each indicator judged by the same RAG rules as the themes use,
/// rolled up to plan and priority.
/// </summary>
public sealed class PartnershipPerformance(IPerformanceReadModel model, PartnershipStructure structure, RagRules rules)
{
    public async Task<PerformanceTree> GetAsync(CancellationToken ct)
    {
        var plans = await model.GetPlansAsync(ct);
        var actions = (await model.GetActionsAsync(ct)).ToLookup(a => a.PlanNumber);
        var measurements = (await model.GetMeasurementsAsync(ct)).ToLookup(m => m.IndicatorId);

        var priorities = structure.Priorities.Select(priority =>
        {
            var own = plans.Where(p => p.Plan.Priority == priority.Number).OrderBy(p => p.Plan.Number)
                .Select(p => Judge(p, actions[p.Plan.Number].ToList(), measurements)).ToList();
            var theme = plans.FirstOrDefault(p => p.Plan.Priority == priority.Number)?.Theme;
            return new PriorityPerformance(priority, structure.PriorityBox(priority.Number), theme, RagRules.RollUp(own.Select(p => p.Rag)), own);
        }).ToList();
        return new PerformanceTree(structure, rules, priorities);
    }

    private PlanPerformance Judge(PlanRecord record, IReadOnlyList<ActionRecord> actions, ILookup<string, MeasurementRecord> measurements)
    {
        var indicators = record.Plan.Indicators.Select(outline =>
        {
            var indicator = ToIndicator(outline);
            var latest = Measurement.Latest(measurements[outline.Id].Select(m => new Measurement
            {
                IndicatorId = m.IndicatorId,
                Period = m.Period,
                Value = m.Value,
                Source = m.Source,
                RecordedAt = m.RecordedAt,
                Revision = m.Revision,
            }));
            var assessment = rules.Assess(indicator, latest);
            return new IndicatorPerformance(outline.Id, outline.Code, outline.Name, latest?.Value, latest?.Period, assessment.Target, assessment.Rag, assessment.Reason);
        }).ToList();
        var actionRags = actions.Select(a => Enum.TryParse<Rag>(a.Rag, out var rag) ? rag : Rag.NotRated).ToList();
        var planRag = RagRules.RollUp(indicators.Select(i => i.Rag).Concat(actionRags));
        return new PlanPerformance(record.Theme, record.Plan.Number, record.Plan.Title, planRag, indicators, actions.Count, actionRags.Count(r => r == Rag.Red));
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
