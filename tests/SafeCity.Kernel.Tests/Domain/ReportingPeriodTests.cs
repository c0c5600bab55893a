using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Tests.Domain;

public class ReportingPeriodTests
{
    [Fact]
    public void A_financial_year_runs_from_April_to_March()
    {
        var year = ReportingPeriod.Parse("2008/09");

        Assert.Equal(PeriodKind.FinancialYear, year.Kind);
        Assert.Equal(new DateOnly(2008, 4, 1), year.Start);
        Assert.Equal(new DateOnly(2009, 3, 31), year.End);
        Assert.Equal(12, year.Months);
        Assert.Equal("2008/09", year.ToString());
    }

    [Theory]
    [InlineData("2008/09 Q1", 2008, 4, 2008, 6)]
    [InlineData("2008/09 Q2", 2008, 7, 2008, 9)]
    [InlineData("2008/09 Q3", 2008, 10, 2008, 12)]
    [InlineData("2008/09 Q4", 2009, 1, 2009, 3)]
    public void Quarter_one_is_April_to_June(string text, int startYear, int startMonth, int endYear, int endMonth)
    {
        var quarter = ReportingPeriod.Parse(text);

        Assert.Equal(new DateOnly(startYear, startMonth, 1), quarter.Start);
        Assert.Equal(endYear, quarter.End.Year);
        Assert.Equal(endMonth, quarter.End.Month);
        Assert.Equal(text, quarter.ToString());
        Assert.Equal("2008/09", quarter.FinancialYear.ToString());
    }

    [Theory]
    [InlineData("2009-03", "2008/09")]
    [InlineData("2009-04", "2009/10")]
    [InlineData("2008-04", "2008/09")]
    public void A_month_belongs_to_the_financial_year_it_falls_in(string month, string year) =>
        Assert.Equal(year, ReportingPeriod.Parse(month).FinancialYear.ToString());

    [Theory]
    [InlineData("")]
    [InlineData("2008/10")]
    [InlineData("2008-13")]
    [InlineData("2008/09 Q5")]
    [InlineData("April 2008")]
    [InlineData("08/09")]
    public void Text_that_is_not_a_period_is_refused(string text) =>
        Assert.False(ReportingPeriod.TryParse(text, out _));

    [Fact]
    public void The_latest_value_is_the_latest_period_and_a_years_outturn_wins_over_its_last_month()
    {
        Measurement At(string period) => new() { IndicatorId = "P1.I1", Period = period, Value = 1, Source = "entered", RecordedAt = DateTimeOffset.UnixEpoch };

        Assert.Equal("2008-06", Measurement.Latest([At("2008-04"), At("2008-06"), At("2008-05")])!.Period);
        Assert.Equal("2008/09", Measurement.Latest([At("2009-03"), At("2008/09"), At("2008/09 Q4")])!.Period);
    }

    [Fact]
    public void People_read_periods_in_words() =>
        Assert.Equal("2008/09 Q1 (April to June 2008)", ReportingPeriod.Parse("2008/09 Q1").Describe());
}
