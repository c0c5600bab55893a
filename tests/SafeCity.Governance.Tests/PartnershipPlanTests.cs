using SafeCity.Contracts.Events;
using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Governance.PlanNumbers;
using SafeCity.Governance.Pmg.Subgroups;
using SafeCity.Governance.ReadModel;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

/// <summary>The partnership's plan as governance runs it: one register of plan numbers, subgroups that own plans, and paragraph 66's three-year test.</summary>
public sealed class PartnershipPlanTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryPerformanceReadModel _model = new();
    private IDocumentStore _documents = default!;
    private PartnershipPerformance _performance = default!;

    public async Task InitializeAsync()
    {
        (_documents, _, _, _performance) = await GovernanceStores.OpenAsync(_dir.Path, _model);
    }

    private Task Publish(string theme, int number, int priority, params IndicatorOutline[] indicators) => _model.ApplyAsync(new ActionPlanPublished
    {
        EventId = Guid.NewGuid(),
        Theme = theme,
        Revision = 1,
        PublishedAt = DateTimeOffset.UnixEpoch,
        Plan = new ActionPlanOutline { Number = number, Priority = priority, Title = $"Plan {number}", Indicators = indicators, Actions = [] },
    }, CancellationToken.None);

    private Task Record(string theme, string id, string period, double value) => _model.ApplyAsync(new MeasurementRecorded
    {
        EventId = Guid.NewGuid(),
        Theme = theme,
        IndicatorId = id,
        Period = period,
        Value = value,
        Source = "entered",
        Revision = 1,
        RecordedAt = DateTimeOffset.UtcNow,
    }, CancellationToken.None);

    private static IndicatorOutline Count(string id, string polarity = "LowerIsBetter", double? target = 1200) =>
        new() { Id = id, Name = id, Category = "LAA", Unit = "Count", Polarity = polarity, Frequency = "Monthly", Targets = target is { } t ? [new TargetOutline { Year = "2009/10", Value = t }] : [] };

    [Fact]
    public async Task A_plan_number_names_one_plan_across_the_partnership_and_20_is_kept_for_civil_emergencies()
    {
        await Publish("drugs", 16, 6, Count("P16.I1"));
        var register = new PlanNumberRegister(_documents, _model, TimeProvider.System);

        Assert.Equal(20, await register.NextAsync("communities", "c", CancellationToken.None));
        Assert.Equal(21, await register.NextAsync("alcohol", null, CancellationToken.None));
        Assert.Contains("kept for objective 7c", (await Assert.ThrowsAsync<PlanNumberException>(() => register.ReserveAsync(20, "alcohol", null, "x", "officer", CancellationToken.None))).Message);
        Assert.Contains("published plan's", (await Assert.ThrowsAsync<PlanNumberException>(() => register.ReserveAsync(16, "drugs", null, "x", "officer", CancellationToken.None))).Message);

        await register.ReserveAsync(21, "alcohol", null, "Night-time economy", "officer", CancellationToken.None);
        var taken = await Assert.ThrowsAsync<PlanNumberException>(() => register.ReserveAsync(21, "violence", null, "x", "officer", CancellationToken.None));
        Assert.Contains("the alcohol theme's", taken.Message);
        Assert.Equal(21, (await register.ReserveAsync(21, "alcohol", null, "Night-time economy", "officer", CancellationToken.None)).Number);
        Assert.Equal(22, await register.NextAsync("violence", null, CancellationToken.None));
        Assert.Equal(20, (await register.ReserveAsync(20, "communities", "c", "Preparedness for civil emergencies", "officer", CancellationToken.None)).Number);
        Assert.Equal(22, await register.NextAsync("communities", "c", CancellationToken.None));
    }

    [Fact]
    public async Task The_PMG_sees_performance_by_subgroup_each_with_the_plans_Appendix_C_gives_it()
    {
        await Publish("asb-arson", 13, 5, Count("P13.I1", target: null));
        await Publish("asb-arson", 14, 5, Count("P14.I3"));
        await Record("asb-arson", "P14.I3", "2009-04", 150);

        var subgroups = SubgroupPerformance.Of(await _performance.GetAsync(new DateOnly(2009, 4, 30), CancellationToken.None));

        var cd = Assert.Single(subgroups, s => s.Name == "CD");
        var arson = Assert.Single(subgroups, s => s.Name == "Arson Reduction");
        Assert.Equal([13], cd.Plans.Select(p => p.Number));
        Assert.Equal(1, cd.WithoutTarget);
        Assert.Equal((Rag.Red, 1), (arson.Rag, arson.Red));
        Assert.Equal([20], Assert.Single(subgroups, s => s.Name == "LRF").PlansNotYetWritten);
        Assert.All(subgroups, s => Assert.InRange(s.Priority, 1, 7));
    }

    [Fact]
    public async Task Paragraph_66s_test_is_on_course_when_its_indicators_improve_year_on_year_and_off_course_when_they_worsen()
    {
        var outcomes = ExpectedOutcomeList.Load(typeof(GovernanceServiceHost).Assembly);
        await Publish("youth", 8, 4, Count("P8.I1"));
        await Publish("communities", 18, 7, Count("P18.I6", "HigherIsBetter", 1200), Count("P18.I1", "HigherIsBetter"));
        await Publish("violence", 4, 2, Count("P4.I5", "HigherIsBetter", 300));
        await Record("youth", "P8.I1", "2008-04", 50);
        await Record("youth", "P8.I1", "2009-04", 40);
        await Record("communities", "P18.I6", "2008-04", 70);
        await Record("communities", "P18.I6", "2009-04", 90);
        await Record("violence", "P4.I5", "2008-04", 20);
        await Record("violence", "P4.I5", "2009-04", 15);

        var judged = OutcomeStatus.Judge(outcomes, await _performance.GetAsync(new DateOnly(2009, 4, 30), CancellationToken.None));

        var firstTimeEntrants = judged.Single(o => o.Outcome.Text.StartsWith("Fewer young people", StringComparison.Ordinal));
        Assert.Equal(OutcomeProgress.OnCourse, firstTimeEntrants.Progress);
        var reporting = judged.Single(o => o.Outcome.Text.StartsWith("Increase in reporting", StringComparison.Ordinal));
        Assert.Equal(OutcomeProgress.Mixed, reporting.Progress);
        Assert.Equal([true, false], reporting.Indicators.Select(i => i.Meets));
        Assert.Equal(OutcomeProgress.NotMeasured, judged.Single(o => o.Outcome.Text.StartsWith("Ensure neighbourhood management", StringComparison.Ordinal)).Progress);
        Assert.Equal(OutcomeProgress.NotYetKnown, judged.Single(o => o.Outcome.Text.StartsWith("Stronger communities", StringComparison.Ordinal)).Progress);
    }

    [Fact]
    public async Task A_reduction_in_all_crimes_and_in_reports_of_ASB_is_Southamptons_police_count_year_to_date_against_the_same_months_a_year_before()
    {
        var outcomes = ExpectedOutcomeList.Load(typeof(GovernanceServiceHost).Assembly);
        static ForceMonthCounts Month(string month, string force, params (string District, string Type, int Count)[] counts) =>
            new(month, force, $"{month}-{force}-street.csv", 0, 0, 0, 0, counts.Select(c => new DistrictCrimeCount(c.District, c.Type, c.Count)).ToList());
        const string Southampton = "E06000045", Portsmouth = "E06000044";
        var held = new[]
        {
            Month("2007-04", "hampshire", (Southampton, "Burglary", 100), (Southampton, "Anti-social behaviour", 300), (Portsmouth, "Burglary", 5)),
            Month("2007-05", "hampshire", (Southampton, "Burglary", 100), (Southampton, "Anti-social behaviour", 300)),
            Month("2008-04", "hampshire", (Southampton, "Burglary", 90), (Southampton, "Anti-social behaviour", 320), (Portsmouth, "Burglary", 500)),
            Month("2008-05", "hampshire", (Southampton, "Burglary", 90), (Southampton, "Anti-social behaviour", 320)),
            // A row placed in Southampton by a neighbour's file is not a month of Southampton's force.
            Month("2008-05", "thames-valley", (Southampton, "Burglary", 400)),
        };
        IReadOnlyDictionary<string, PoliceCountTrend> Trends(DateOnly asAt) => outcomes.Outcomes.SelectMany(o => o.PoliceCountMeasures).Distinct()
            .ToDictionary(k => k, k => PoliceCountTrend.Of(BenchmarkMeasure.Find(k)!, held, asAt));

        var judged = OutcomeStatus.Judge(outcomes, await _performance.GetAsync(new DateOnly(2008, 5, 31), CancellationToken.None), Trends(new DateOnly(2008, 5, 31)))
            .ToDictionary(o => o.Outcome.Number);

        var allCrime = Assert.Single(judged[1].PoliceCounts).Trend!;
        Assert.Equal(("April 2008 to May 2008", 180L, 200L, DirectionOfTravel.Improving), (allCrime.Months, allCrime.Count, allCrime.SameMonthsLastYear, allCrime.Direction));
        Assert.Equal(OutcomeProgress.OnCourse, judged[1].Progress);
        var asb = Assert.Single(judged[8].PoliceCounts);
        Assert.Equal(("anti-social-behaviour", 640L, 600L, false), (asb.MeasureKey, asb.Trend!.Count, asb.Trend.SameMonthsLastYear, asb.Meets));
        Assert.Equal(OutcomeProgress.OffCourse, judged[8].Progress);

        // As at April 2008, the year to date is April alone; before any month of the year before is held, not known, and said why.
        Assert.Equal((90L, 100L), (Trends(new DateOnly(2008, 4, 30))["all-crime"].Count, Trends(new DateOnly(2008, 4, 30))["all-crime"].SameMonthsLastYear));
        var first = Trends(new DateOnly(2007, 5, 31))["all-crime"];
        Assert.Equal((DirectionOfTravel.NotKnown, 200L), (first.Direction, first.Count));
        Assert.Contains("April 2006 to May 2006", first.Why, StringComparison.Ordinal);
        Assert.Equal(OutcomeProgress.NotYetKnown, OutcomeStatus.Judge(outcomes, await _performance.GetAsync(new DateOnly(2007, 5, 31), CancellationToken.None),
            Trends(new DateOnly(2007, 5, 31))).Single(o => o.Outcome.Number == 1).Progress);
        Assert.Contains("No data.police.uk month of Hampshire", Trends(new DateOnly(2007, 3, 31))["all-crime"].Why, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
