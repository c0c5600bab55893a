using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Tests.Domain;

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

    private static Measurement Value(string period, double value) =>
        new() { IndicatorId = "T.I1", Period = period, Value = value, Source = "entered", RecordedAt = DateTimeOffset.UnixEpoch };

    private static readonly YearTarget Percent20 = new("2008/09", "20%", 20, "%");

    [Theory]
    [InlineData(18, Rag.Green)]
    [InlineData(20, Rag.Green)]
    [InlineData(21.9, Rag.Amber)]
    [InlineData(22, Rag.Amber)]
    [InlineData(22.1, Rag.Red)]
    public void When_lower_is_better_a_value_above_target_beyond_tolerance_is_red(double value, Rag expected)
    {
        var indicator = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Percentage, 23, Percent20);

        Assert.Equal(expected, RagRules.Default.Assess(indicator, Value("2008/09 Q1", value)).Rag);
    }

    [Theory]
    [InlineData(25, Rag.Green)]
    [InlineData(20, Rag.Green)]
    [InlineData(18, Rag.Amber)]
    [InlineData(17.9, Rag.Red)]
    public void When_higher_is_better_a_value_below_target_beyond_tolerance_is_red(double value, Rag expected)
    {
        var indicator = Indicator(Polarity.HigherIsBetter, IndicatorUnit.Percentage, 15, Percent20);

        Assert.Equal(expected, RagRules.Default.Assess(indicator, Value("2008/09", value)).Rag);
    }

    [Fact]
    public void The_tolerance_is_the_partnerships_to_set()
    {
        var indicator = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Percentage, 23, Percent20);
        var fifteenPercentOver = Value("2008/09", 23);

        Assert.Equal(Rag.Red, new RagRules(0).Assess(indicator, fifteenPercentOver).Rag);
        Assert.Equal(Rag.Red, new RagRules(10).Assess(indicator, fifteenPercentOver).Rag);
        Assert.Equal(Rag.Amber, new RagRules(20).Assess(indicator, fifteenPercentOver).Rag);
        Assert.Equal(Rag.Green, new RagRules(0).Assess(indicator, Value("2008/09", 20)).Rag);
    }

    [Fact]
    public void A_stretch_target_is_judged_against_the_figure_with_stretch()
    {
        // Plan 14: deliberate secondary fires, 1,066 without stretch and 970 with stretch.
        var fires = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Count, 1176, new YearTarget("2008/09", "1,066 without stretch and 970 with stretch", null, null, 970, 1066));

        Assert.Equal(970, RagRules.Default.Assess(fires, Value("2008/09", 1000)).Target);
        Assert.Equal(Rag.Amber, RagRules.Default.Assess(fires, Value("2008/09", 1000)).Rag);
        Assert.Equal(Rag.Green, RagRules.Default.Assess(fires, Value("2008/09", 960)).Rag);
        Assert.Equal(Rag.Red, RagRules.Default.Assess(fires, Value("2008/09", 1070)).Rag);
    }

    [Fact]
    public void A_percentage_reduction_target_applies_to_the_baseline_and_a_count_is_spread_over_the_year()
    {
        // Plan 1: 1,338 assault presentations, "Reduce by .75%": 1,327.965 for the year, a twelfth a month.
        var presentations = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Count, 1338, new YearTarget("2008/09", "Reduce by .75%", 0.75, "% reduction"));

        var month = RagRules.Default.Assess(presentations, Value("2008-04", 100));
        var quarter = RagRules.Default.Assess(presentations, Value("2008/09 Q1", 300));
        var year = RagRules.Default.Assess(presentations, Value("2008/09", 1400));

        Assert.Equal(1327.965 / 12, month.Target!.Value, 6);
        Assert.Equal(Rag.Green, month.Rag);
        Assert.Equal(1327.965 / 4, quarter.Target!.Value, 6);
        Assert.Equal(Rag.Green, quarter.Rag);
        Assert.Equal(Rag.Amber, year.Rag);
        Assert.Equal(Rag.Red, RagRules.Default.Assess(presentations, Value("2008-04", 130)).Rag);
    }

    [Fact]
    public void A_target_holds_for_later_years_until_another_is_set_and_not_for_earlier_ones()
    {
        var indicator = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Percentage, 23, Percent20, new YearTarget("2010/11", "15%", 15, "%"));

        Assert.Equal(20, RagRules.Default.Assess(indicator, Value("2009/10 Q2", 19)).Target);
        Assert.Equal(15, RagRules.Default.Assess(indicator, Value("2010-05", 19)).Target);
        var before = RagRules.Default.Assess(indicator, Value("2007/08", 19));
        Assert.Equal(Rag.NotRated, before.Rag);
        Assert.Contains("2007/08", before.Reason);
    }

    [Fact]
    public void An_indicator_without_a_value_or_a_target_is_not_rated()
    {
        var tba = Indicator(Polarity.LowerIsBetter, IndicatorUnit.Count, null, new YearTarget("2008/09", "TBA", null, null));

        Assert.Equal(Rag.NotRated, RagRules.Default.Assess(tba, null).Rag);
        Assert.Equal(Rag.NotRated, RagRules.Default.Assess(tba, Value("2008/09", 5)).Rag);
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
