using Microsoft.Extensions.Configuration;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Tests;

public sealed class TrajectoryTests
{
    internal static PerformanceIndicator Count(double annualTarget, Polarity polarity = Polarity.LowerIsBetter, string category = "LAA", double? baseline = null, double? stretch = null) => new()
    {
        Id = "P9.I9",
        Name = "Test crimes",
        Category = category,
        Unit = IndicatorUnit.Count,
        Polarity = polarity,
        Baseline = new Baseline("b", baseline, null, "2007/08", null),
        Targets = [new YearTarget("2008/09", "t", annualTarget, null, stretch, stretch is null ? null : annualTarget)],
    };

    internal static (ReportingPeriod, double) M(int year, int month, double value) => (ReportingPeriod.OfMonth(year, month), value);

    [Fact]
    public void An_even_profile_expects_a_twelfth_of_the_target_each_month()
    {
        var values = new[] { M(2008, 4, 100), M(2008, 5, 100), M(2008, 6, 100) };
        var a = Trajectory.Assess(Count(1200), values, new DateOnly(2008, 6, 30), 10);

        Assert.Equal(300, a.Actual!.Value);
        Assert.Equal(3, a.Actual.Months);
        Assert.Equal(300, a.ExpectedToDate!.Value, 6);
        Assert.Equal(Rag.Green, a.Rag);
        Assert.False(a.Profile.Seasonal);
    }

    [Fact]
    public void The_year_to_date_is_judged_against_the_trajectory_with_the_indicators_tolerance()
    {
        var values = new[] { M(2008, 4, 110), M(2008, 5, 110), M(2008, 6, 110) };

        Assert.Equal(Rag.Amber, Trajectory.Assess(Count(1200), values, new DateOnly(2008, 6, 30), 10).Rag); // 330 vs 300: 10% over
        Assert.Equal(Rag.Red, Trajectory.Assess(Count(1200), values, new DateOnly(2008, 6, 30), 5).Rag);
        Assert.Equal(Rag.Green, Trajectory.Assess(Count(1200, Polarity.HigherIsBetter), values, new DateOnly(2008, 6, 30), 5).Rag);
    }

    [Fact]
    public void Figures_for_periods_ending_after_the_date_are_left_out()
    {
        var values = new[] { M(2008, 4, 100), M(2008, 5, 500) };
        var a = Trajectory.Assess(Count(1200), values, new DateOnly(2008, 5, 15), 10);

        Assert.Equal((100.0, 1), (a.Actual!.Value, a.Actual.Months));
    }

    [Fact]
    public void A_complete_past_year_gives_the_target_its_seasonal_shape()
    {
        // 2007/08: summer months (Jun–Aug) twice as busy as the rest.
        var history = Enumerable.Range(0, 12).Select(i =>
        {
            var month = new DateOnly(2007, 4, 1).AddMonths(i);
            return M(month.Year, month.Month, month.Month is 6 or 7 or 8 ? 200 : 100);
        }).ToList();
        var values = history.Append(M(2008, 4, 100)).Append(M(2008, 5, 100)).Append(M(2008, 6, 200)).ToList();

        var a = Trajectory.Assess(Count(1500), values, new DateOnly(2008, 6, 30), 10);

        Assert.True(a.Profile.Seasonal);
        Assert.Contains("2007/08", a.Profile.Basis, StringComparison.Ordinal);
        // April–June is 400 of the 1,500 of 2007/08: the trajectory expects 1,500 × 400/1,500 = 400.
        Assert.Equal(400, a.ExpectedToDate!.Value, 6);
        Assert.Equal(Rag.Green, a.Rag);
    }

    [Fact]
    public void An_incomplete_past_year_leaves_the_profile_even()
    {
        var values = new[] { M(2007, 4, 100), M(2007, 5, 300), M(2008, 4, 100) };
        Assert.False(Trajectory.Assess(Count(1200), values, new DateOnly(2008, 4, 30), 10).Profile.Seasonal);
    }

    [Fact]
    public void Quarters_and_months_make_one_year_to_date_and_a_gap_judges_the_latest_period_alone()
    {
        var mixed = new[] { (ReportingPeriod.Parse("2008/09 Q1"), 300.0), M(2008, 7, 100) };
        var a = Trajectory.Assess(Count(1200), mixed, new DateOnly(2008, 7, 31), 10);
        Assert.Equal((400.0, 4, false), (a.Actual!.Value, a.Actual.Months, a.Actual.Partial));

        var gap = new[] { (ReportingPeriod.Parse("2008/09 Q2"), 320.0) };
        var alone = Trajectory.Assess(Count(1200), gap, new DateOnly(2008, 9, 30), 10);
        Assert.True(alone.Actual!.Partial);
        Assert.Equal(300, alone.ExpectedToDate!.Value, 6); // Q2's own share of the target
        Assert.Equal(Rag.Amber, alone.Rag);
        Assert.Contains("gap", alone.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_moves_in_a_straight_line_from_the_baseline_to_the_target()
    {
        var rate = Count(40) with { Unit = IndicatorUnit.Percentage, Polarity = Polarity.HigherIsBetter, Baseline = new Baseline("28%", 28, null, "2007/08", null) };
        var a = Trajectory.Assess(rate, [(ReportingPeriod.Parse("2008/09 Q2"), 33)], new DateOnly(2008, 9, 30), 10);

        Assert.Equal(34, a.ExpectedToDate!.Value, 6); // 28 + (40 − 28) × 6/12
        Assert.Equal(Rag.Amber, a.Rag); // 1 short of 34 is within 10%
    }

    [Fact]
    public void Direction_of_travel_compares_the_same_months_of_last_year_with_polarity()
    {
        var values = new[] { M(2007, 4, 120), M(2007, 5, 120), M(2008, 4, 100), M(2008, 5, 100) };
        var a = Trajectory.Assess(Count(1200), values, new DateOnly(2008, 5, 31), 10);

        Assert.Equal(240, a.SamePeriodLastYear);
        Assert.Equal(DirectionOfTravel.Improving, a.Direction);
        Assert.Equal(DirectionOfTravel.Worsening, Trajectory.Assess(Count(1200, Polarity.HigherIsBetter), values, new DateOnly(2008, 5, 31), 10).Direction);
        Assert.Equal(DirectionOfTravel.NoChange, Trajectory.Direction(100.4, 100, Polarity.LowerIsBetter));
        Assert.Equal(DirectionOfTravel.NotKnown, Trajectory.Assess(Count(1200), [M(2008, 4, 1)], new DateOnly(2008, 4, 30), 10).Direction);
    }

    [Fact]
    public void Nothing_recorded_or_no_target_is_not_rated()
    {
        Assert.Equal(Rag.NotRated, Trajectory.Assess(Count(1200), [], new DateOnly(2008, 6, 30), 10).Rag);
        var noTarget = Count(1200) with { Targets = [] };
        Assert.Equal(Rag.NotRated, Trajectory.Assess(noTarget, [M(2008, 4, 1)], new DateOnly(2008, 4, 30), 10).Rag);
    }

    [Fact]
    public void Tolerances_come_from_configuration_with_the_partnership_default()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Performance:RagTolerancePercent"] = "7.5",
            ["Performance:Tolerances:P1.I3"] = "2",
        }).Build();
        var tolerances = Tolerances.From(configuration);

        Assert.Equal((2.0, 7.5), (tolerances.For("P1.I3"), tolerances.For("P1.I4")));
    }
}
