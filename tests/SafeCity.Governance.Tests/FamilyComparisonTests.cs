using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPopulation;
using SafeCity.RecordFiles.Reference;

namespace SafeCity.Governance.Tests;

public sealed class FamilyComparisonTests
{
    private static readonly FamilyMember Southampton = new("Southampton", "E06000045");
    private static readonly FamilyMember Portsmouth = new("Portsmouth", "E06000044");
    private static readonly FamilyMember Bristol = new("Bristol", "E06000023");
    private static readonly FamilyMember Manchester = new("Manchester", "E08000003");

    private static readonly BenchmarkMeasure Violence = BenchmarkMeasure.Find("violence")!;

    private static ForceMonthCounts Force(string month, string force, params (string District, string Type, int Count)[] counts) =>
        new(month, force, $"{month}-{force}-street.csv", counts.Sum(c => c.Count), 0, 0, 0, counts.Select(c => new DistrictCrimeCount(c.District, c.Type, c.Count)).ToList());

    private static PopulationEstimate People(int year, params (string District, long People)[] districts) =>
        new(year, $"mid-{year} test", districts.Select(d => new DistrictPopulation(d.District, d.District, d.People)).ToList());

    private static BenchmarkPeriod Period(string text) => BenchmarkPeriod.TryParse(text, out var p) ? p : throw new FormatException(text);

    [Fact]
    public void Poisson_limits_are_the_exact_quantiles_small_counts_and_large()
    {
        Assert.Equal(4, PoissonLimits.Quantile(10, 0.025)); // P(X ≤ 3) = 0.010, P(X ≤ 4) = 0.029
        Assert.Equal(17, PoissonLimits.Quantile(10, 0.975)); // P(X ≤ 16) = 0.973, P(X ≤ 17) = 0.986
        Assert.Equal(21, PoissonLimits.Quantile(10, 0.999));
        Assert.Equal(9_804, PoissonLimits.Quantile(10_000, 0.025)); // about 10,000 − 1.96 × 100
        Assert.Equal(10_196, PoissonLimits.Quantile(10_000, 0.975));
        Assert.Equal(0, PoissonLimits.Quantile(0, 0.975));
        Assert.Equal(Enumerable.Range(2, 29).Sum(i => Math.Log(i)), PoissonLimits.LogFactorial(30), 10);
    }

    [Fact]
    public void Rates_per_thousand_rank_from_the_lowest_and_a_member_with_no_file_is_named_missing_never_nought()
    {
        var held = new[]
        {
            Force("2024-01", "hampshire", ("E06000045", "Violence and sexual offences", 600), ("E06000044", "Violence and sexual offences", 300), ("E06000045", "Burglary", 99)),
            Force("2024-01", "avon-and-somerset", ("E06000023", "Violence and sexual offences", 1000)),
            // A row of Manchester in a neighbour's file is not Manchester's month.
            Force("2024-01", "cheshire", ("E08000003", "Violence and sexual offences", 1)),
        };
        var people = new[] { People(2020, ("E06000045", 250_000), ("E06000044", 200_000), ("E06000023", 460_000), ("E08000003", 550_000)) };

        var c = FamilyComparison.Compute([Southampton, Portsmouth, Bristol, Manchester], Violence, Period("2024-01"), ComparisonMethod.Funnel, held, people);

        Assert.Equal(["Portsmouth", "Bristol", "Southampton"], c.Members.Select(m => m.Name));
        Assert.Equal([1.5, 1000.0 / 460, 2.4], c.Members.Select(m => m.Rate));
        Assert.Equal([1, 2, 3], c.Members.Select(m => m.Rank));
        Assert.Equal(600, c.Home!.Count);
        var missing = Assert.Single(c.Missing);
        Assert.Equal("Manchester", missing.Name);
        Assert.Equal("No data.police.uk file of Greater Manchester for January 2024.", missing.Why);
        Assert.Equal((1.5 + (1000.0 / 460) + 2.4) / 3, c.Mean, 12);
        Assert.Equal(1900.0 / 910_000, c.FamilyRate, 12);
        Assert.Contains("mid-2020", c.PopulationNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Funnel_limits_judge_a_member_by_its_own_population_and_the_families_pooled_rate()
    {
        var held = new[]
        {
            Force("2024-01", "hampshire", ("E06000045", "Violence and sexual offences", 600), ("E06000044", "Violence and sexual offences", 300)),
            Force("2024-01", "avon-and-somerset", ("E06000023", "Violence and sexual offences", 1000)),
        };
        var people = new[] { People(2020, ("E06000045", 250_000), ("E06000044", 200_000), ("E06000023", 460_000)) };

        var funnel = FamilyComparison.Compute([Southampton, Portsmouth, Bristol], Violence, Period("2024-01"), ComparisonMethod.Funnel, held, people);
        var home = funnel.Home!;
        var expected = 1900.0 / 910_000 * 250_000;
        Assert.Equal(expected, home.Expected, 9);
        Assert.Equal(1000.0 * PoissonLimits.Quantile(expected, 0.975) / 250_000, home.Upper95, 12);
        Assert.Equal(GroupPosition.Above, home.Position); // 600 against about 522 expected: beyond the 97.5th percentile (567)
        Assert.Equal(GroupPosition.Below, funnel.Members.Single(m => m.Name == "Portsmouth").Position);

        // With three rates, two standard deviations are wide: the same figures are in line by iQuanta's rule.
        var sd = FamilyComparison.Compute([Southampton, Portsmouth, Bristol], Violence, Period("2024-01"), ComparisonMethod.StandardDeviations, held, people);
        Assert.Equal(GroupPosition.InLine, sd.Home!.Position);
        Assert.True(sd.Home.Rate < sd.Upper);
    }

    [Fact]
    public void A_period_counts_only_members_with_every_month_held_and_names_the_months_missing()
    {
        var held = new[]
        {
            Force("2024-01", "hampshire", ("E06000045", "Criminal damage and arson", 100)),
            Force("2024-02", "hampshire", ("E06000045", "Criminal damage and arson", 110)),
            Force("2024-03", "hampshire", ("E06000045", "Criminal damage and arson", 120)),
            Force("2024-01", "avon-and-somerset", ("E06000023", "Criminal damage and arson", 300)),
            Force("2024-03", "avon-and-somerset", ("E06000023", "Criminal damage and arson", 300)),
        };
        var people = new[] { People(2020, ("E06000045", 250_000), ("E06000023", 460_000)) };

        var c = FamilyComparison.Compute([Southampton, Bristol], BenchmarkMeasure.Find("criminal-damage-and-arson")!, Period("2023/24 Q4"), ComparisonMethod.Funnel, held, people);

        Assert.Equal(330, Assert.Single(c.Members).Count);
        Assert.Equal("No data.police.uk file of Avon and Somerset for 2024-02.", Assert.Single(c.Missing).Why);
        Assert.Equal(["2024-01", "2024-02", "2024-03"], c.Period.Months);
    }

    [Fact]
    public void The_population_is_the_nearest_estimate_held_to_the_middle_of_the_period()
    {
        var estimates = new[] { People(2019, ("E06000045", 252_796)), People(2020, ("E06000045", 253_651)) };

        Assert.Equal(new PopulationUsed(252_796, 2019), PopulationEstimate.Nearest(estimates, "E06000045", Period("2019-01").Middle));
        Assert.Equal(new PopulationUsed(253_651, 2020), PopulationEstimate.Nearest(estimates, "E06000045", Period("2024-01").Middle));
        Assert.Equal(new PopulationUsed(253_651, 2020), PopulationEstimate.Nearest(estimates, "E06000045", Period("12 months to 2020-12").Middle));
        Assert.Null(PopulationEstimate.Nearest(estimates, "E08000003", Period("2024-01").Middle));
    }

    [Fact]
    public void Periods_are_read_as_the_partnership_writes_them_and_offered_only_when_every_month_is_held()
    {
        Assert.Equal("12 months to 2024-01", Period("12 months to 2024-01").ToString());
        Assert.Equal(new DateOnly(2023, 2, 1), Period("12 months to 2024-01").First);
        Assert.Equal("2023/24 Q4", Period("2023/24 Q4").ToString());
        Assert.Equal("January 2024", Period("2024-01").Describe());
        Assert.False(BenchmarkPeriod.TryParse("2024-13", out _));
        Assert.False(BenchmarkPeriod.TryParse("12 months to 2023/24", out _));

        var held = new[] { new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2019, 1, 1) };
        Assert.Equal(["2024-03", "2024-02", "2024-01", "2019-01", "2023/24 Q4"], BenchmarkPeriod.Covered(held).Select(p => p.ToString()));
    }

    [Fact]
    public void The_shipped_populations_and_lookups_hold_every_city_of_the_family()
    {
        foreach (var member in Family.OfParagraph11)
        {
            Assert.True(ReferenceData.Districts.ContainsKey(member.District), member.Name);
            Assert.Equal(member.Name, ReferenceData.Districts[member.District].Name.Replace(", City of", "", StringComparison.Ordinal));
        }

        Assert.Equal("Southampton", ReferenceData.LsoaDistricts["E01017139"].DistrictName);
        Assert.Contains("Open Government Licence", ReferenceData.Attribution, StringComparison.Ordinal);
    }
}
