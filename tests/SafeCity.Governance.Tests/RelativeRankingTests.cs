using Microsoft.Extensions.Options;
using SafeCity.Contracts.MostSimilarGroup;
using SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;
using SafeCity.Governance.DeliveryBoard.Report;
using SafeCity.Governance.Performance.MostSimilarGroup;
using SafeCity.Governance.Performance.MostSimilarGroup.CompareWithFamily;
using SafeCity.Governance.Performance.MostSimilarGroup.EditTheFamily;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPoliceMonth;
using SafeCity.Governance.Performance.MostSimilarGroup.ImportPopulation;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.DrawUpExceptionList;
using SafeCity.Governance.ReadModel;
using SafeCity.Kernel.Domain;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

/// <summary>Paragraph 12's relative ranking: on the PMG's exception list while significantly above the family, and in the Delivery Board report.</summary>
public sealed class RelativeRankingTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private PoliceCountsStore _counts = default!;
    private FamilyBenchmark _family = default!;
    private PmgService _pmg = default!;
    private DeliveryBoardService _board = default!;
    private SafeCity.Kernel.Storage.Documents.IDocumentStore _documents = default!;

    public async Task InitializeAsync()
    {
        var stores = await GovernanceStores.OpenAsync(_dir.Path, new InMemoryPerformanceReadModel());
        _documents = stores.Documents;
        _counts = new PoliceCountsStore(stores.Documents, TimeProvider.System);
        _family = new FamilyBenchmark(_counts, new PopulationEstimates(stores.Documents, TimeProvider.System), new FamilyStore(stores.Documents, TimeProvider.System));
        _pmg = new PmgService(stores.Documents, stores.Performance, Options.Create(new PmgCalendarOptions()), TimeProvider.System, _family);
        _board = new DeliveryBoardService(stores.Performance, _pmg, TimeProvider.System, family: _family);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A month of Hampshire and Avon and Somerset: Southampton's violence as given, Portsmouth's and Bristol's at the family's usual rate.</summary>
    private async Task MonthAsync(string month, int southamptonViolence)
    {
        await _counts.PutAsync(new ForceMonthCounts(month, "hampshire", $"{month}-hampshire-street.csv", 10_000, 0, 0, 0,
            [new("E06000045", "Violence and sexual offences", southamptonViolence), new("E06000045", "Criminal damage and arson", 200),
             new("E06000044", "Violence and sexual offences", 640), new("E06000044", "Criminal damage and arson", 170)]), "operator", CancellationToken.None);
        await _counts.PutAsync(new ForceMonthCounts(month, "avon-and-somerset", $"{month}-avon-and-somerset-street.csv", 10_000, 0, 0, 0,
            [new("E06000023", "Violence and sexual offences", 1400), new("E06000023", "Criminal damage and arson", 370)]), "operator", CancellationToken.None);
    }

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public async Task Violence_significantly_above_the_family_is_on_the_PMGs_list_until_it_is_not_and_a_remedial_action_is_recorded()
    {
        await MonthAsync("2024-01", 1_100); // about 4.3 per 1,000 against the family's 3.0: far above
        var first = await _pmg.DrawUpAsync(D(2024, 2, 8), D(2024, 2, 8), "pmg", CancellationToken.None);

        var item = Assert.Single(first.Exceptions, e => e.Kind == ExceptionKind.MostSimilarGroup);
        Assert.Equal(("family:violence", "violence", 2, 3, Rag.Red), (item.Key, item.Theme, item.Priority, item.PlanNumber, item.Rag));
        Assert.Contains("significantly above the family", item.Detail, StringComparison.Ordinal);
        Assert.Contains("January 2024", item.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Exceptions, e => e.Key == "family:criminal-damage-and-arson");

        await MonthAsync("2024-02", 720); // in line, and the lowest of the three
        var second = await _pmg.DrawUpAsync(D(2024, 3, 7), D(2024, 3, 7), "pmg", CancellationToken.None);
        var held = Assert.Single(second.Exceptions, e => e.Kind == ExceptionKind.MostSimilarGroup);
        Assert.StartsWith("Recovered, but no remedial action was recorded", held.Detail, StringComparison.Ordinal);

        await _pmg.AddRemedialActionAsync(second.Id, "family:violence", "Night-time economy patrols with the Violent Crime Sub Group", "Violent Crime Sub Group", "2024-04-30", "pmg", CancellationToken.None);
        var third = await _pmg.DrawUpAsync(D(2024, 4, 4), D(2024, 4, 4), "pmg", CancellationToken.None);
        Assert.DoesNotContain(third.Exceptions, e => e.Kind == ExceptionKind.MostSimilarGroup);
        Assert.Equal("family:violence", Assert.Single(third.Recovered).Key);
    }

    [Fact]
    public async Task A_change_of_the_family_applies_from_a_month_after_those_held_and_every_comparison_keeps_the_family_it_was_made_with()
    {
        await MonthAsync("2024-01", 1_100);
        var store = new FamilyStore(_documents, TimeProvider.System);

        var early = await store.ChangeAsync("Southampton\nPortsmouth", "2024-01", "The Home Office's 2014 revision", "2024-01", "pmg", CancellationToken.None);
        Assert.Equal("from", early.Problem!.Value.Field);
        Assert.Contains("after 2024-01", early.Problem.Value.Message, StringComparison.Ordinal);
        var unknown = await store.ChangeAsync("Southampton\nAtlantis-on-Sea", "2024-02", "why", "2024-01", "pmg", CancellationToken.None);
        Assert.Equal(("members", "Line 2 of members is not a district of England or Wales by its name or code as the ONS lookup gives it (15 characters)."), unknown.Problem);
        Assert.Equal("members", (await store.ChangeAsync("Portsmouth\nBristol", "2024-02", "why", "2024-01", "pmg", CancellationToken.None)).Problem!.Value.Field);
        Assert.Equal("why", (await store.ChangeAsync("Southampton\nPortsmouth", "2024-02", " ", "2024-01", "pmg", CancellationToken.None)).Problem!.Value.Field);
        Assert.Single(await store.VersionsAsync(CancellationToken.None));

        var (version, problem) = await store.ChangeAsync("Southampton\nE06000044\nbristol", "2024-02", "The Home Office's 2014 revision of the groups", "2024-01", "pmg", CancellationToken.None);
        Assert.Null(problem);
        Assert.Equal((2, "2024-02", "pmg"), (version!.Version, version.From, version.ChangedBy));
        Assert.Equal(["Southampton", "Portsmouth", "Bristol"], version.Members.Select(m => m.Name));

        await MonthAsync("2024-02", 720);
        var violence = BenchmarkMeasure.Find("violence")!;
        var january = await _family.CompareAsync(violence, BenchmarkPeriod.OfMonth(new DateOnly(2024, 1, 1)), ComparisonMethod.Funnel, CancellationToken.None);
        var february = await _family.CompareAsync(violence, BenchmarkPeriod.OfMonth(new DateOnly(2024, 2, 1)), ComparisonMethod.Funnel, CancellationToken.None);
        Assert.Equal((1, 15), (january.FamilyVersion, january.Members.Count + january.Missing.Count));
        Assert.Equal((2, 3, 0), (february.FamilyVersion, february.Members.Count, february.Missing.Count));
    }

    [Fact]
    public async Task The_Delivery_Board_report_gives_the_rank_for_violence_and_criminal_damage_with_its_history_as_at_its_date()
    {
        await MonthAsync("2024-01", 1_100);
        await MonthAsync("2024-02", 720);

        Assert.Empty((await _board.ReportAsync(D(2024, 1, 30), CancellationToken.None)).Rankings); // January is not over

        var report = await _board.ReportAsync(D(2024, 3, 1), CancellationToken.None);
        Assert.Equal(["violence", "criminal-damage-and-arson"], report.Rankings.Select(r => r.Measure.Key));
        var violence = report.Rankings[0];
        Assert.Equal("2024-02", violence.Comparison.Period.ToString());
        Assert.Equal([("2024-01", 3, GroupPosition.Above), ("2024-02", 1, GroupPosition.InLine)], violence.History.Select(h => (h.Period, h.Rank, h.Position)));
        Assert.Equal(3, violence.Comparison.Members.Count);
        Assert.Contains(violence.Comparison.Missing, m => m.Name == "Manchester");

        var table = ReportExport.Tables(report).Single(t => t.Name == "Most Similar Group");
        Assert.Equal(["Violence", "2024-02"], table.Rows[0].Take(2));
        Assert.Equal("2024-01: 3 of 3; 2024-02: 1 of 3", table.Rows[0][6]);
    }

    [Fact]
    public async Task The_Delivery_Board_judges_a_reduction_in_all_crimes_by_Southamptons_police_count_against_the_same_months_a_year_before()
    {
        await MonthAsync("2023-04", 1_100);
        await MonthAsync("2024-04", 700);

        var report = await _board.ReportAsync(D(2024, 5, 1), CancellationToken.None);

        var allCrimes = report.Outcomes.Single(o => o.Outcome.Number == 1);
        var count = Assert.Single(allCrimes.PoliceCounts).Trend!;
        Assert.Equal(("April 2024", 900L, 1_300L, DirectionOfTravel.Improving), (count.Months, count.Count, count.SameMonthsLastYear, count.Direction));
        Assert.Equal(OutcomeProgress.OnCourse, allCrimes.Progress);
        var violence = (await _board.OutcomesAsync(D(2024, 5, 1), CancellationToken.None)).Single(o => o.Outcome.Number == 2).PoliceCounts.Single(c => c.MeasureKey == "violence");
        Assert.Equal((700L, 1_100L, true), (violence.Trend!.Count, violence.Trend.SameMonthsLastYear, violence.Meets));
    }
}
