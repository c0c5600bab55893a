using SafeCity.Governance.Performance;
using SafeCity.Governance.Pmg;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.DeliveryBoard.Report;

/// <summary>One LAA indicator at a quarter: targets with and without stretch, year to date, forecast and outlook.</summary>
public sealed record LaaLine(int Priority, IndicatorLine Line, YearTarget? Target);

/// <summary>Puts together the Delivery Board report and the quarterly LAA monitoring from performance and the PMG's records.</summary>
public sealed class DeliveryBoardService(PartnershipPerformance performance, PmgService pmg, TimeProvider clock, ExpectedOutcomes.ExpectedOutcomeList? outcomes = null, JudgingDay? judging = null, Performance.MostSimilarGroup.CompareWithFamily.FamilyBenchmark? family = null)
{
    private readonly ExpectedOutcomes.ExpectedOutcomeList _outcomes = outcomes ?? ExpectedOutcomes.ExpectedOutcomeList.Load(typeof(DeliveryBoardService).Assembly);

    public DateOnly Today => JudgingDay.Of(judging, clock);

    public async Task<DeliveryBoardReport> ReportAsync(DateOnly asAt, CancellationToken ct)
    {
        var tree = await performance.GetAsync(asAt, ct);
        var meeting = await pmg.LatestMeetingAsync(asAt, ct);
        return DeliveryBoardReport.Build(asAt, tree, meeting, await pmg.RemedialActionsAsync(ct)) with
        {
            Outcomes = ExpectedOutcomes.OutcomeStatus.Judge(_outcomes, tree, await PoliceCountsAsync(asAt, ct)),
            Rankings = family is null ? [] : await family.RelativeRankingsAsync(asAt, ct),
        };
    }

    /// <summary>Paragraph 66's outcomes judged as at a date.</summary>
    public async Task<IReadOnlyList<ExpectedOutcomes.OutcomeStatus>> OutcomesAsync(DateOnly asAt, CancellationToken ct) =>
        ExpectedOutcomes.OutcomeStatus.Judge(_outcomes, await performance.GetAsync(asAt, ct), await PoliceCountsAsync(asAt, ct));

    /// <summary>Southampton's police count year on year for each measure an outcome is shown by; none without the Most Similar Group's counts.</summary>
    private async Task<IReadOnlyDictionary<string, ExpectedOutcomes.PoliceCountTrend>?> PoliceCountsAsync(DateOnly asAt, CancellationToken ct)
    {
        if (family is null)
        {
            return null;
        }

        var held = await family.CountsHeldAsync(ct);
        return _outcomes.Outcomes.SelectMany(o => o.PoliceCountMeasures).Distinct(StringComparer.Ordinal)
            .ToDictionary(key => key, key => ExpectedOutcomes.PoliceCountTrend.Of(Performance.MostSimilarGroup.CompareWithFamily.BenchmarkMeasure.Find(key)!, held, asAt));
    }

    /// <summary>Every LAA indicator (stretch or not) judged as at the end of the quarter.</summary>
    public async Task<IReadOnlyList<LaaLine>> LaaAsync(ReportingPeriod quarter, CancellationToken ct)
    {
        var tree = await performance.GetAsync(quarter.End, ct);
        return tree.Priorities.SelectMany(p => p.Plans.SelectMany(plan => plan.Indicators)
                .Where(i => i.IsLaa)
                .Select(i => new LaaLine(p.Priority.Number, DeliveryBoardReport.Line(i), i.Definition.TargetFor(quarter))))
            .ToList();
    }
}
