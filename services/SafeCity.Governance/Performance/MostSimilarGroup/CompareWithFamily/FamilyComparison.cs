using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPopulation;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;

/// <summary>How Southampton (or any member) is judged against the family.</summary>
public enum ComparisonMethod
{
    /// <summary>A funnel plot's Poisson limits at each member's population: what analysts now prefer.</summary>
    Funnel,

    /// <summary>The family's mean rate ± 2 standard deviations: iQuanta's choice.</summary>
    StandardDeviations,
}

/// <summary>A member of the family with its figures for the period.</summary>
public sealed record MemberFigures(
    string Name, string District, long Count, long Population, int PopulationMidYear, double Rate, int Rank,
    double Expected, double Lower95, double Upper95, double Lower998, double Upper998, GroupPosition Position);

/// <summary>A member of the family with no figures for the period, and why: never counted as nought.</summary>
public sealed record MissingMember(string Name, string District, string Why);

/// <summary>
/// The family compared for one measure and period: every member's count, population and rate per
/// 1,000, the family's mean and limits, Southampton's rank (1 = lowest) and whether it is
/// significantly above, in line with or below the family.
/// </summary>
public sealed record FamilyComparison(
    BenchmarkMeasure Measure, BenchmarkPeriod Period, ComparisonMethod Method,
    IReadOnlyList<MemberFigures> Members, IReadOnlyList<MissingMember> Missing,
    double Mean, double StandardDeviation, double FamilyRate, string PopulationNote, int FamilyVersion = 1)
{
    public const string FunnelMethod =
        "Funnel plot: each member's rate against the family's pooled rate (all members' crimes over all their people). " +
        "A member's limits are the 2.5th and 97.5th percentiles (and the 0.1th and 99.9th) of a Poisson count with the family's rate at that member's population; " +
        "above or below the family means outside the 95% limits. Source: Spiegelhalter, Funnel plots for comparing institutional performance (Statistics in Medicine, 2005).";

    public const string StandardDeviationMethod =
        "The family's mean: the plain average of the members' rates per 1,000, Southampton included. Limits: that mean ± 2 standard deviations of the rates; " +
        "above or below the family means outside them. Source: the Home Office's iQuanta comparisons of Most Similar Groups.";

    public double Lower => Mean - (2 * StandardDeviation);

    public double Upper => Mean + (2 * StandardDeviation);

    public string MethodDescription => Method == ComparisonMethod.Funnel ? FunnelMethod : StandardDeviationMethod;

    public MemberFigures? Home => Members.FirstOrDefault(m => m.District == Family.HomeDistrict);

    public static FamilyComparison Compute(
        IReadOnlyList<FamilyMember> family, BenchmarkMeasure measure, BenchmarkPeriod period, ComparisonMethod method,
        IReadOnlyList<ForceMonthCounts> held, IReadOnlyList<PopulationEstimate> populations, int familyVersion = 1)
    {
        // One pass over the period's files: which force areas each month holds, and each district's count of the measure.
        var types = measure.CrimeTypes.ToHashSet(StringComparer.Ordinal);
        var months = period.Months.ToHashSet(StringComparer.Ordinal);
        var inPeriod = held.Where(h => months.Contains(h.Month)).ToList();
        var areasHeld = inPeriod.GroupBy(h => h.Month).ToDictionary(g => g.Key, g => g.Select(h => ReferenceData.ForceAreaOf(h.Force)).OfType<string>().ToHashSet(StringComparer.Ordinal));
        var districtCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var count in inPeriod.SelectMany(h => h.Counts).Where(c => types.Contains(c.CrimeType)))
        {
            districtCounts[count.District] = districtCounts.GetValueOrDefault(count.District) + count.Count;
        }

        var counted = new List<(FamilyMember Member, long Count, long People, int MidYear)>();
        var missing = new List<MissingMember>();
        foreach (var member in family)
        {
            if (ReferenceData.Districts.GetValueOrDefault(member.District) is not { } area)
            {
                missing.Add(new(member.Name, member.District, $"{member.District} is not a district in the ONS lookup, so its police force is not known."));
                continue;
            }

            // A member is held for a month only when its own force's file for that month was imported:
            // a few rows near a border in a neighbour's file are not a month of the member.
            var monthsWithout = period.Months.Where(m => !areasHeld.TryGetValue(m, out var areas) || !areas.Contains(area.ForceAreaCode)).ToList();
            if (monthsWithout.Count > 0)
            {
                missing.Add(new(member.Name, member.District,
                    $"No data.police.uk file of {area.ForceAreaName} for {(monthsWithout.Count == period.Months.Count ? period.Describe() : string.Join(", ", monthsWithout))}."));
                continue;
            }

            if (PopulationEstimate.Nearest(populations, member.District, period.Middle) is not { } estimate)
            {
                missing.Add(new(member.Name, member.District, "No population estimate held gives this district's people."));
                continue;
            }

            counted.Add((member, districtCounts.GetValueOrDefault(member.District), estimate.People, estimate.MidYear));
        }

        var rates = counted.Select(c => 1000.0 * c.Count / c.People).ToList();
        var mean = rates.Count > 0 ? rates.Average() : 0;
        var sd = Forecasting.StandardDeviation(rates);
        var familyRate = counted.Count > 0 ? (double)counted.Sum(c => c.Count) / counted.Sum(c => c.People) : 0;
        var members = counted.Select((c, i) =>
        {
            var rate = rates[i];
            var expected = familyRate * c.People;
            double Limit(double p) => 1000.0 * PoissonLimits.Quantile(expected, p) / c.People;
            var (l95, u95) = (Limit(0.025), Limit(0.975));
            var position = method == ComparisonMethod.Funnel
                ? rate > u95 ? GroupPosition.Above : rate < l95 ? GroupPosition.Below : GroupPosition.InLine
                : rate > mean + (2 * sd) ? GroupPosition.Above : rate < mean - (2 * sd) ? GroupPosition.Below : GroupPosition.InLine;
            return new MemberFigures(c.Member.Name, c.Member.District, c.Count, c.People, c.MidYear, rate, 1 + rates.Count(r => r < rate),
                expected, l95, u95, Limit(0.001), Limit(0.999), position);
        }).OrderBy(m => m.Rate).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();

        var years = counted.Select(c => c.MidYear).Distinct().Order().ToList();
        var note = years.Count == 0 ? "No population estimate was used."
            : $"Populations: ONS mid-{string.Join(" and mid-", years)} estimates, the nearest held to {period.Describe()}.";
        return new FamilyComparison(measure, period, method, members, missing, mean, sd, familyRate, note, familyVersion);
    }
}
