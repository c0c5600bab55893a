using SafeCity.Alcohol;
using SafeCity.AsbArson;
using SafeCity.Kernel.Records;

namespace SafeCity.Kernel.Tests.Records;

public class ComputedMeasureTests
{
    private static PartnerRecord Record(string category, string month = "2008-04", DateTimeOffset? at = null, params (string Key, string Value)[] details) => new()
    {
        Source = "test",
        Reference = Guid.NewGuid().ToString(),
        Category = category,
        Month = month,
        OccurredAt = at,
        Attributes = details.ToDictionary(d => d.Key, d => d.Value),
    };

    private static ComputedMeasure Measure(Hosting.ThemeDefinition theme, string indicatorId) => theme.ComputedMeasures.Single(m => m.IndicatorId == indicatorId);

    private static double? Compute(ComputedMeasure measure, params PartnerRecord[] records) =>
        measure.Compute(records.Where(r => measure.Categories.Contains(r.Category)).ToList());

    [Fact]
    public void Plan_14_counts_deliberate_fires_by_type_and_vehicle()
    {
        PartnerRecord[] fires =
        [
            Record("Fire incident", details: [("fireType", "secondary"), ("deliberate", "yes")]),
            Record("Fire incident", details: [("fireType", "secondary"), ("deliberate", "yes")]),
            Record("Fire incident", details: [("fireType", "secondary"), ("deliberate", "no")]),
            Record("Fire incident", details: [("fireType", "primary"), ("deliberate", "yes"), ("vehicle", "no")]),
            Record("Fire incident", details: [("fireType", "primary"), ("deliberate", "yes"), ("vehicle", "yes")]),
            Record("Fire incident", details: [("fireType", "primary"), ("deliberate", "yes"), ("vehicle", "yes")]),
            Record("Fire incident", details: [("fireType", "primary"), ("deliberate", "no"), ("vehicle", "yes")]),
        ];

        Assert.Equal(2, Compute(Measure(AsbArsonTheme.Definition, "P14.I3"), fires));
        Assert.Equal(1, Compute(Measure(AsbArsonTheme.Definition, "P14.I4"), fires));
        Assert.Equal(2, Compute(Measure(AsbArsonTheme.Definition, "P14.I5"), fires));
    }

    [Fact]
    public void A_count_of_a_month_without_its_records_is_no_value_rather_than_nought()
    {
        Assert.Null(Compute(Measure(AsbArsonTheme.Definition, "P14.I3")));
        Assert.Equal(0, Compute(Measure(AsbArsonTheme.Definition, "P14.I3"), Record("Fire incident", details: [("fireType", "primary"), ("deliberate", "no")])));
    }

    [Theory]
    [InlineData("2008-10-03T18:00:00+01:00", true)]   // Friday evening
    [InlineData("2008-10-04T05:59:00+01:00", true)]   // early Saturday: still Friday night
    [InlineData("2008-10-04T06:00:00+01:00", false)]  // Saturday morning
    [InlineData("2008-10-04T23:30:00+01:00", true)]   // Saturday night
    [InlineData("2008-10-05T02:00:00+01:00", true)]   // early Sunday: still Saturday night
    [InlineData("2008-10-05T20:00:00+01:00", false)]  // Sunday night
    [InlineData("2008-10-02T23:00:00+01:00", false)]  // Thursday night
    public void Friday_and_Saturday_nights_run_from_six_in_the_evening_to_six_the_next_morning(string at, bool expected) =>
        Assert.Equal(expected, AlcoholTheme.IsFridayOrSaturdayNight(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_share_of_violence_on_Friday_and_Saturday_nights_in_the_central_sector_counts_only_records_with_a_time()
    {
        var friday = DateTimeOffset.Parse("2008-10-03T22:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);
        var tuesday = DateTimeOffset.Parse("2008-10-07T22:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);
        const string v = "Violence and sexual offences";

        var share = Compute(Measure(AlcoholTheme.Definition, "P1.I7"),
            Record(v, "2008-10", friday, ("sector", "central")),
            Record(v, "2008-10", friday, ("sector", "east")),
            Record(v, "2008-10", tuesday, ("sector", "central")),
            Record(v, "2008-10", friday, ("sector", "central")),
            Record(v, "2008-10", null, ("sector", "central")));

        Assert.Equal(50, share);
    }

    [Fact]
    public void Emergency_department_presentations_count_from_six_in_the_evening_to_nine_in_the_morning()
    {
        DateTimeOffset At(string time) => DateTimeOffset.Parse("2008-04-12T" + time + ":00+01:00", System.Globalization.CultureInfo.InvariantCulture);
        const string ed = AlcoholTheme.EmergencyDepartment;

        var count = Compute(Measure(AlcoholTheme.Definition, "P1.I1"),
            Record(ed, at: At("17:59")), Record(ed, at: At("18:00")), Record(ed, at: At("23:10")), Record(ed, at: At("08:59")), Record(ed, at: At("09:00")));

        Assert.Equal(3, count);
    }
}
