using System.Globalization;
using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Governance.Performance.MostSimilarGroup.EditTheFamily;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPoliceMonth;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPopulation;

namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

/// <summary>Southampton's place in a period: its rate, rank among the members with figures, and position.</summary>
public sealed record RankInPeriod(string Period, double Rate, int Rank, int Of, GroupPosition Position);

/// <summary>The family compared from the police counts and population estimates governance holds.</summary>
public sealed class FamilyBenchmark(PoliceCountsStore counts, PopulationEstimates populations, FamilyStore family)
{
    public Task<IReadOnlyList<FamilyVersion>> FamilyVersionsAsync(CancellationToken ct) => family.VersionsAsync(ct);

    /// <summary>Every force's month of police counts held, earliest first.</summary>
    public async Task<IReadOnlyList<ForceMonthCounts>> CountsHeldAsync(CancellationToken ct) => (await counts.ListAsync(ct)).Select(h => h.Counts).ToList();

    /// <summary>The latest month of police counts held, yyyy-MM; empty when none is.</summary>
    public async Task<string> LatestMonthHeldAsync(CancellationToken ct) =>
        (await counts.ListAsync(ct)).Select(h => h.Counts.Month).DefaultIfEmpty("").Max(StringComparer.Ordinal)!;

    /// <summary>Every period whose months are all held for at least one force, by kind, latest first.</summary>
    public async Task<IReadOnlyList<BenchmarkPeriod>> PeriodsAsync(CancellationToken ct)
    {
        var held = await counts.ListAsync(ct);
        var months = held.Select(h => DateOnly.ParseExact(h.Counts.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().ToList();
        return BenchmarkPeriod.Covered(months);
    }

    public async Task<FamilyComparison> CompareAsync(BenchmarkMeasure measure, BenchmarkPeriod period, ComparisonMethod method, CancellationToken ct)
    {
        var held = await CountsHeldAsync(ct);
        var version = FamilyStore.For(await family.VersionsAsync(ct), period.Months[0]);
        return FamilyComparison.Compute(version.Members, measure, period, method, held, await populations.ListAsync(ct), version.Version);
    }

    /// <summary>
    /// Paragraph 12's two rankings as at a day: over the latest twelve months held that end by then (a
    /// month alone is noisy), else the latest month; by the funnel plot's limits. Empty when no month is held by then.
    /// </summary>
    public async Task<IReadOnlyList<RelativeRanking>> RelativeRankingsAsync(DateOnly asAt, CancellationToken ct)
    {
        var periods = (await PeriodsAsync(ct)).Where(p => p.EndDay <= asAt).ToList();
        var candidates = periods.Where(p => p.Kind == BenchmarkPeriodKind.TwelveMonths).Concat(periods.Where(p => p.Kind == BenchmarkPeriodKind.Month)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var chosen = candidates[0];
        var rankings = new List<RelativeRanking>();
        foreach (var (key, priority, theme, plan) in RelativeRanking.OfParagraph12)
        {
            var measure = BenchmarkMeasure.Find(key)!;
            var history = (await HistoryAsync(measure, chosen.Kind, ComparisonMethod.Funnel, ct)).Where(h => BenchmarkPeriod.TryParse(h.Period, out var p) && p.EndDay <= asAt).ToList();
            rankings.Add(new RelativeRanking(measure, priority, theme, plan, await CompareAsync(measure, chosen, ComparisonMethod.Funnel, ct), history));
        }

        return rankings;
    }

    /// <summary>Southampton's rate and rank in each period of the kind held, earliest first: the ranking paragraph 12 asks the partnership to improve.</summary>
    public async Task<IReadOnlyList<RankInPeriod>> HistoryAsync(BenchmarkMeasure measure, BenchmarkPeriodKind kind, ComparisonMethod method, CancellationToken ct)
    {
        var held = await CountsHeldAsync(ct);
        var estimates = await populations.ListAsync(ct);
        var versions = await family.VersionsAsync(ct);
        var history = new List<RankInPeriod>();
        foreach (var period in (await PeriodsAsync(ct)).Where(p => p.Kind == kind).OrderBy(p => p.Last))
        {
            var version = FamilyStore.For(versions, period.Months[0]);
            var comparison = FamilyComparison.Compute(version.Members, measure, period, method, held, estimates, version.Version);
            if (comparison.Home is { } home)
            {
                history.Add(new RankInPeriod(period.ToString(), home.Rate, home.Rank, comparison.Members.Count, home.Position));
            }
        }

        return history;
    }
}
