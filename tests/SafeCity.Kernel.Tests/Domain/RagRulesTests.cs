using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Tests.Domain;

/// <summary>The partnership's one RAG rule on the cases the plan prints: polarity, tolerance, stretch, changes on a base year, years with no target.</summary>
public class RagRulesTests
{
    private static PerformanceIndicator Indicator(Polarity polarity, IndicatorUnit unit, double? baseline, params YearTarget[] targets) => new()
    {
        Id = "T.I1",
        Name = "Test indicator",
        Category = "LAA",
        Polarity = polarity,
        Unit = unit,
        Baseline = new Baseline(baseline?.ToString(System.Globalization.CultureInfo.InvariantCulture), baseline, null, "2007/08", null),
        Targets = targets,
    };

    private static (ReportingPeriod, double)[] Value(string period, double value) => [(ReportingPeriod.Parse(period), value)];

    private static DateOnly EndOf(string period) => ReportingPeriod.Parse(period).End;

    private static TrajectoryAssessment Judge(PerformanceIndicator indicator, string period, double value, double tolerance = RagRules.DefaultTolerancePercent) =>
        Trajectory.Assess(indicator, Value(period, value), EndOf(period), tolerance);

    private static readonly YearTarget Percent20 = new("2008/09", "20%", 20, "%");

    [Theory]
    [InlineData(18, Rag.Green)]
    [InlineData(20, Rag.Green)]
    [InlineData(21.9, Rag.Amber)]
    [InlineData(22, Rag.Amber)]
    [InlineData(22.1, Rag.Red)]
    public void When_lower_is_better_a_value_above_target_beyond_tolerance_is_red(double value, Rag expected)
    {
        // The whole year's figure is judged against the target itself: the line reaches it in March.
        var indicator = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Percentage, 23, Percent20);

        Assert.Equal(expected, Judge(indicator, "2008/09", value).Rag);
    }

    [Theory]
    [InlineData(25, Rag.Green)]
    [InlineData(20, Rag.Green)]
    [InlineData(18, Rag.Amber)]
    [InlineData(17.9, Rag.Red)]
    public void When_higher_is_better_a_value_below_target_beyond_tolerance_is_red(double value, Rag expected)
    {
        var indicator = Indicator(Polarity.HigherIsBetter, IndicatorUnit.Percentage, 15, Percent20);

        Assert.Equal(expected, Judge(indicator, "2008/09", value).Rag);
    }

    [Fact]
    public void The_tolerance_is_the_partnerships_to_set()
    {
        var indicator = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Percentage, 23, Percent20);

        Assert.Equal(Rag.Red, Judge(indicator, "2008/09", 23, 0).Rag);
        Assert.Equal(Rag.Red, Judge(indicator, "2008/09", 23, 10).Rag);
        Assert.Equal(Rag.Amber, Judge(indicator, "2008/09", 23, 20).Rag);
        Assert.Equal(Rag.Green, Judge(indicator, "2008/09", 20, 0).Rag);
    }

    [Fact]
    public void A_stretch_target_is_judged_against_the_figure_with_stretch()
    {
        // Plan 14: deliberate secondary fires, 1,066 without stretch and 970 with stretch.
        var fires = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Count, 1176, new YearTarget("2008/09", "1,066 without stretch and 970 with stretch", null, null, 970, 1066));

        Assert.Equal(970, Judge(fires, "2008/09", 1000).AnnualTarget);
        Assert.Equal(Rag.Amber, Judge(fires, "2008/09", 1000).Rag);
        Assert.Equal(Rag.Green, Judge(fires, "2008/09", 960).Rag);
        Assert.Equal(Rag.Red, Judge(fires, "2008/09", 1070).Rag);
    }

    [Fact]
    public void A_percentage_reduction_on_the_baseline_year_is_worked_out_from_the_baseline_and_a_count_is_profiled_over_the_year()
    {
        // Plan 1: 1,338 assault presentations in 2007/08, "Reduce by .75%": 1,327.965 for the year, a twelfth a month.
        var presentations = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Count, 1338, new YearTarget("2008/09", "Reduce by .75%", null, null) { ChangePercent = -0.75, BaseYear = "2007/08" });

        var month = Judge(presentations, "2008-04", 100);
        var quarter = Judge(presentations, "2008/09 Q1", 300);

        Assert.Equal(1327.965, month.AnnualTarget!.Value, 6);
        Assert.Equal(1327.965 / 12, month.ExpectedToDate!.Value, 6);
        Assert.Equal(Rag.Green, month.Rag);
        Assert.Equal(1327.965 / 4, quarter.ExpectedToDate!.Value, 6);
        Assert.Equal(Rag.Green, quarter.Rag);
        Assert.Equal(Rag.Amber, Judge(presentations, "2008/09", 1400).Rag);
        Assert.Equal(Rag.Red, Judge(presentations, "2008-04", 130).Rag);
    }

    [Fact]
    public void A_change_on_a_later_base_year_waits_for_that_years_whole_figure()
    {
        // NI 43: "5% reduction on the 2007/08 figures", with a 2006/07 baseline of 76.
        var custody = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Count, 76, new YearTarget("2008/09", "5% reduction on the 2007/08 figures", null, null) { ChangePercent = -5, BaseYear = "2007/08" })
            with
        { Baseline = new Baseline("2006/07: 76", 76, null, "2006/07", "as written") };

        var waiting = Trajectory.Assess(custody, Value("2008/09", 70), EndOf("2008/09"), 10);
        Assert.Equal(Rag.NotRated, waiting.Rag);
        Assert.Contains("2007/08 has no full-year figure", waiting.Reason);

        var rated = Trajectory.Assess(custody, [.. Value("2007/08", 80), .. Value("2008/09", 75)], EndOf("2008/09"), 10);
        Assert.Equal(76, rated.AnnualTarget!.Value, 6);
        Assert.Equal(Rag.Green, rated.Rag);
    }

    [Fact]
    public void No_target_is_inferred_for_a_year_nobody_set_one_for()
    {
        var indicator = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Percentage, 23, Percent20, new YearTarget("2010/11", "15%", 15, "%"));

        var unset = Judge(indicator, "2009/10 Q2", 19);
        Assert.Equal(Rag.NotRated, unset.Rag);
        Assert.Equal("Not rated: no target for 2009/10.", unset.Reason);
        Assert.Equal(15, Judge(indicator, "2010/11", 19).AnnualTarget);
        Assert.Equal(Rag.NotRated, Judge(indicator, "2007/08", 19).Rag);
    }

    [Fact]
    public void An_indicator_without_a_value_or_a_target_is_not_rated()
    {
        var tba = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Count, null, new YearTarget("2008/09", "TBA", null, null));

        Assert.Equal(Rag.NotRated, Trajectory.Assess(tba, [], EndOf("2008/09"), 10).Rag);
        var judged = Judge(tba, "2008/09", 5);
        Assert.Equal(Rag.NotRated, judged.Rag);
        Assert.Contains("TBA", judged.Reason);
    }

    [Theory]
    [InlineData(new[] { Rag.Green, Rag.Red, Rag.Amber }, Rag.Red)]
    [InlineData(new[] { Rag.Green, Rag.Amber, Rag.NotRated }, Rag.Amber)]
    [InlineData(new[] { Rag.Green, Rag.NotRated }, Rag.Green)]
    [InlineData(new[] { Rag.NotRated, Rag.NotRated }, Rag.NotRated)]
    [InlineData(new Rag[0], Rag.NotRated)]
    public void A_plan_shows_the_worst_of_what_is_rated(Rag[] parts, Rag expected) =>
        Assert.Equal(expected, RagRules.RollUp(parts));
}
