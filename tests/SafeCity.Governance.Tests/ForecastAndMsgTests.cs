using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Kernel.Domain;
using static SafeCity.Governance.Tests.TrajectoryTests;

namespace SafeCity.Governance.Tests;

public sealed class ForecastTests
{
    [Fact]
    public void A_count_is_forecast_by_its_year_to_date_over_the_profiles_share_with_an_interval_from_its_months()
    {
        var values = new[] { M(2008, 4, 90), M(2008, 5, 110), M(2008, 6, 100) };
        var indicator = Count(1200);
        var a = Trajectory.Assess(indicator, values, new DateOnly(2008, 6, 30), 10);
        var f = Forecasting.YearEnd(indicator, values, a)!;

        Assert.Equal(1200, f.Value, 6); // 300 ÷ 3/12
        // Residuals −10, +10, 0 → sd 10; nine months to go → ±1.96 × 10 × 3.
        Assert.Equal(1200 - 58.8, f.Low!.Value, 6);
        Assert.Equal(1200 + 58.8, f.High!.Value, 6);
        Assert.Contains("divided by", f.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_months_give_a_forecast_without_an_interval_and_a_gap_gives_none()
    {
        var indicator = Count(1200);
        var two = new[] { M(2008, 4, 90), M(2008, 5, 110) };
        var f = Forecasting.YearEnd(indicator, two, Trajectory.Assess(indicator, two, new DateOnly(2008, 5, 31), 10))!;
        Assert.Null(f.Low);
        Assert.Contains("fewer than 3", f.Method, StringComparison.Ordinal);

        var gap = new[] { M(2008, 6, 90) };
        Assert.Null(Forecasting.YearEnd(indicator, gap, Trajectory.Assess(indicator, gap, new DateOnly(2008, 6, 30), 10)));
    }

    [Fact]
    public void A_rate_is_forecast_by_a_straight_line_through_the_years_figures()
    {
        var rate = Count(40) with { Unit = IndicatorUnit.Percentage, Polarity = Polarity.HigherIsBetter };
        var values = new[] { M(2008, 4, 30), M(2008, 5, 31), M(2008, 6, 32) };
        var f = Forecasting.YearEnd(rate, values, Trajectory.Assess(rate, values, new DateOnly(2008, 6, 30), 10))!;

        Assert.Equal(41, f.Value, 6); // one point a month, to March (month 12)
        Assert.Equal(41, f.Low!.Value, 6); // a perfect line: no spread
    }

    [Fact]
    public void The_stretch_outlook_follows_the_forecast_and_its_interval()
    {
        Assert.Equal(StretchOutlook.OnCourse, Forecasting.Outlook(new YearEndForecast(90, 80, 100, ""), 95, Polarity.LowerIsBetter));
        Assert.Equal(StretchOutlook.AtRisk, Forecasting.Outlook(new YearEndForecast(100, 90, 110, ""), 95, Polarity.LowerIsBetter));
        Assert.Equal(StretchOutlook.OffCourse, Forecasting.Outlook(new YearEndForecast(100, 97, 103, ""), 95, Polarity.LowerIsBetter));
        Assert.Equal(StretchOutlook.OffCourse, Forecasting.Outlook(new YearEndForecast(100, null, null, ""), 95, Polarity.LowerIsBetter));
        Assert.Equal(StretchOutlook.OnCourse, Forecasting.Outlook(new YearEndForecast(100, null, null, ""), 95, Polarity.HigherIsBetter));
        Assert.Equal(StretchOutlook.NotKnown, Forecasting.Outlook(null, 95, Polarity.HigherIsBetter));
    }
}

public sealed class MostSimilarGroupTests
{
    private static string File(Func<string, double> rate) =>
        "area,rate\n" + string.Join("\n", MostSimilarGroupComparisons.Members.Select(m => $"{m},{rate(m).ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    private static MostSimilarGroupComparison Compare(Func<string, double> rate)
    {
        var (rates, problems) = MostSimilarGroupFile.Read(File(rate), MostSimilarGroupComparisons.Members);
        Assert.Empty(problems);
        return new MostSimilarGroupComparison("x", "NI 16", "2008/09", rates, DateTimeOffset.UnixEpoch, "test");
    }

    [Fact]
    public void Southampton_far_above_the_others_is_above_the_groups_control_limits()
    {
        // 14 cities at 10, 11, 10, 11 …; Southampton at 30.
        var index = 0;
        var c = Compare(m => m == "Southampton" ? 30 : 10 + (index++ % 2));

        Assert.Equal(15, c.HomeRank);
        Assert.Equal((10 * 7 + 11 * 7 + 30) / 15.0, c.Mean, 9);
        Assert.True(c.HomeRate > c.Upper);
        Assert.Equal(GroupPosition.Above, c.Position);
    }

    [Fact]
    public void Within_two_standard_deviations_is_in_line_and_the_lowest_rate_ranks_first()
    {
        var rates = new Dictionary<string, double>();
        var i = 0;
        foreach (var m in MostSimilarGroupComparisons.Members)
        {
            rates[m] = 20 + (i++ % 5);
        }

        rates["Southampton"] = 19;
        var c = Compare(m => rates[m]);

        Assert.Equal(1, c.HomeRank);
        Assert.Equal(GroupPosition.InLine, c.Position);
        Assert.True(c.Lower < 19 && 19 < c.Upper);
    }

    [Fact]
    public void A_file_with_unknown_cities_duplicates_bad_rates_or_missing_members_is_refused_line_by_line()
    {
        var text = "area,rate\nBristol,10\nAtlantis,5\nBristol,11\nCardiff,-1\nExeter,ten\nLeicester\n";
        var (_, problems) = MostSimilarGroupFile.Read(text, MostSimilarGroupComparisons.Members);

        Assert.Equal([3, 4, 5, 6, 7], problems.Select(p => p.Line));
        Assert.Contains("is not a member of the Most Similar Group", problems[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Atlantis", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("twice", problems[1].Message, StringComparison.Ordinal);

        var (_, missing) = MostSimilarGroupFile.Read("area,rate\nBristol,10\n", MostSimilarGroupComparisons.Members);
        Assert.Contains("Southampton", Assert.Single(missing).Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(MostSimilarGroupFile.Read("city;rate", MostSimilarGroupComparisons.Members).Problems).Line);
    }
}
