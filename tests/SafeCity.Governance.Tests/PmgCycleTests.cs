using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Options;
using SafeCity.Contracts.Events;
using SafeCity.Governance.DeliveryBoard.Report;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.DrawUpExceptionList;
using SafeCity.Governance.ReadModel;
using SafeCity.Governance.Structure;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

/// <summary>The PMG cycle over the real SQLite records and an in-memory read model fed by theme events.</summary>
public sealed class PmgCycleTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryPerformanceReadModel _model = new();
    private IDocumentStore _documents = default!;
    private PartnershipStructureStore _structure = default!;
    private PmgService _pmg = default!;
    private DeliveryBoardService _board = default!;
    private long _revision;
    private ToleranceStore _tolerances = default!;
    private PartnershipPerformance _performance = default!;

    public async Task InitializeAsync()
    {
        (_documents, _structure, _tolerances, _performance) = await GovernanceStores.OpenAsync(_dir.Path, _model);
        var performance = _performance;
        _pmg = new PmgService(_documents, performance, Options.Create(new PmgCalendarOptions()), TimeProvider.System);
        _board = new DeliveryBoardService(performance, _pmg, TimeProvider.System);
        await Publish("violence", new ActionPlanOutline
        {
            Number = 3,
            Priority = 2,
            Title = "Violent crime",
            Indicators =
            [
                new IndicatorOutline { Id = "P3.I1", Code = "NI 20", Name = "Assault with injury", Category = "LAA", Unit = "Count", Polarity = "LowerIsBetter", Frequency = "Monthly", Targets = [new TargetOutline { Year = "2008/09", Value = 1200 }] },
            ],
            Actions =
            [
                new ActionOutline { Id = "P3.A1", Description = "Street pastors", Status = "InProgress", Rag = "Green", Revision = 1 },
            ],
        });
    }

    private Task Publish(string theme, ActionPlanOutline plan, long revision = 1) => _model.ApplyAsync(new ActionPlanPublished
    {
        EventId = Guid.NewGuid(),
        Theme = theme,
        Revision = revision,
        PublishedAt = DateTimeOffset.UnixEpoch,
        Plan = plan,
    }, CancellationToken.None);

    private Task Record(string period, double value) => _model.ApplyAsync(new MeasurementRecorded
    {
        EventId = Guid.NewGuid(),
        Theme = "violence",
        IndicatorId = "P3.I1",
        Period = period,
        Value = value,
        Source = "entered",
        Revision = ++_revision,
        RecordedAt = DateTimeOffset.UtcNow,
    }, CancellationToken.None);

    // The theme changed the action on that day: a list drawn up as at a date sees the action as it stood then.
    private Task Action(string rag, string status, DateOnly on, DateOnly? due = null) => _model.ApplyAsync(new ActionStatusChanged
    {
        EventId = Guid.NewGuid(),
        Theme = "violence",
        PlanNumber = 3,
        ActionId = "P3.A1",
        Status = status,
        Rag = rag,
        Revision = ++_revision + 1,
        ChangedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
        DueDate = due,
    }, CancellationToken.None);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public async Task The_judged_tree_is_kept_until_a_figure_the_structure_or_a_tolerance_changes()
    {
        await Record("2008-04", 100);
        var first = await _performance.GetAsync(CancellationToken.None);
        Assert.Same(first, await _performance.GetAsync(CancellationToken.None));

        await Record("2008-05", 140);
        var afterFigure = await _performance.GetAsync(CancellationToken.None);
        Assert.NotSame(first, afterFigure);
        Assert.Equal(140, afterFigure.Indicators.Single().LatestValue);

        await _tolerances.SetDefaultAsync("25", "pmg", CancellationToken.None);
        var afterTolerance = await _performance.GetAsync(CancellationToken.None);
        Assert.NotSame(afterFigure, afterTolerance);
        Assert.Equal(25, afterTolerance.Rules.TolerancePercent);

        var version = (await _structure.LatestAsync(CancellationToken.None)).Version;
        await _structure.RenameAsync(version, "TAP", "TAP", "Tackling Alcohol Partnership, now with a role", "admin", CancellationToken.None);
        Assert.NotSame(afterTolerance, await _performance.GetAsync(CancellationToken.None));
        Assert.NotSame(afterTolerance, await _performance.GetAsync(new DateOnly(2008, 6, 30), CancellationToken.None));
    }

    [Fact]
    public async Task A_meeting_date_typed_on_the_page_or_sent_to_the_API_is_checked_once_in_the_same_words()
    {
        var typed = await Assert.ThrowsAsync<PmgException>(() => _pmg.DrawUpAsync("2 October 2008", null, "pmg", CancellationToken.None));
        Assert.Equal(("meetingDate", "Enter the meeting date as yyyy-MM-dd, for example 2008-10-02."), (typed.Field, typed.Message));
        Assert.Equal("meetingDate", (await Assert.ThrowsAsync<PmgException>(() => _pmg.DrawUpAsync("2008-10-02" + new string(' ', 20) + "x", null, "pmg", CancellationToken.None))).Field);
        var asAt = await Assert.ThrowsAsync<PmgException>(() => _pmg.DrawUpAsync("2008-10-02", "yesterday", "pmg", CancellationToken.None));
        Assert.Equal("asAt", asAt.Field);
        Assert.Empty(await _pmg.MeetingsAsync(CancellationToken.None));

        var meeting = await _pmg.DrawUpAsync("2008-10-02", " ", "pmg", CancellationToken.None);
        Assert.Equal((D(2008, 10, 2), D(2008, 10, 2)), (meeting.MeetingDate, meeting.AsAt));
    }

    [Fact]
    public async Task After_a_change_only_the_indicators_it_touched_are_judged_again()
    {
        await Publish("alcohol", new ActionPlanOutline
        {
            Number = 1,
            Priority = 1,
            Title = "Alcohol harm",
            Indicators = [new IndicatorOutline { Id = "P1.I1", Name = "Alcohol-related admissions", Category = "LAA", Unit = "Count", Polarity = "LowerIsBetter", Frequency = "Monthly", Targets = [] }],
            Actions = [],
        });
        await Record("2008-04", 100);
        var first = await _performance.GetAsync(CancellationToken.None);
        IndicatorPerformance Violence(PerformanceTree t) => t.Indicators.Single(i => i.Theme == "violence");
        IndicatorPerformance Alcohol(PerformanceTree t) => t.Indicators.Single(i => i.Theme == "alcohol");

        await Record("2008-05", 140);
        var afterFigure = await _performance.GetAsync(CancellationToken.None);
        Assert.Equal(140, Violence(afterFigure).LatestValue);
        Assert.NotSame(Violence(first), Violence(afterFigure));
        Assert.Same(Alcohol(first), Alcohol(afterFigure));

        await _tolerances.SetIndicatorAsync("alcohol/P1.I1", "30", "pmg", CancellationToken.None);
        var afterTolerance = await _performance.GetAsync(CancellationToken.None);
        Assert.NotSame(Alcohol(afterFigure), Alcohol(afterTolerance));
        Assert.Same(Violence(afterFigure), Violence(afterTolerance));

        // A rebuild that no longer holds the violence figures takes them out of the judgement.
        var rebuilt = await ReadModelSnapshot.TakeAsync(_model, CancellationToken.None);
        await _model.ReplaceAsync(rebuilt with { Measurements = [] }, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        var afterRebuild = await _performance.GetAsync(CancellationToken.None);
        Assert.Empty(Violence(afterRebuild).Values);
        Assert.Null(Violence(afterRebuild).LatestValue);
    }

    [Fact]
    public void The_calendar_meets_every_six_weeks_from_the_first_meeting()
    {
        var calendar = PmgCalendar.From(new PmgCalendarOptions { FirstMeeting = D(2008, 4, 17), IntervalWeeks = 6 });

        Assert.Equal([D(2008, 4, 17), D(2008, 5, 29), D(2008, 7, 10)], calendar.Between(D(2008, 1, 1), D(2008, 7, 31)));
        Assert.Equal(D(2008, 5, 29), calendar.NextOnOrAfter(D(2008, 4, 18)));
        Assert.True(calendar.IsMeetingDay(D(2008, 7, 10)));
    }

    [Fact]
    public async Task An_item_enters_the_list_when_failing_and_leaves_only_once_it_recovers_with_a_remedial_action_recorded()
    {
        await Record("2008-04", 130); // 30% over a twelfth of 1,200: red
        await Action("Red", "Delayed", D(2008, 5, 20));
        var first = await _pmg.DrawUpAsync(D(2008, 5, 29), D(2008, 5, 29), "pmg", CancellationToken.None);
        Assert.Equal(["action:violence/P3.A1", "indicator:violence/P3.I1"], first.Exceptions.Select(e => e.Key).Order());
        Assert.All(first.Exceptions, e => Assert.Equal((D(2008, 5, 29), true), (e.FirstListed, e.StillFailing)));
        await _pmg.AddRemedialActionAsync(first.Id, "action:violence/P3.A1", "Restart the street pastors", "Alcohol lead", "2008-06-30", "pmg", CancellationToken.None);

        // As at the next meeting the action is back on track and has its remedial action: it leaves.
        // The indicator has no newer figure and is still over: it stays, listed since the first meeting.
        await Action("Green", "InProgress", D(2008, 7, 1));
        var second = await _pmg.DrawUpAsync(D(2008, 7, 10), D(2008, 7, 10), "pmg", CancellationToken.None);
        var indicator = Assert.Single(second.Exceptions);
        Assert.Equal(("indicator:violence/P3.I1", D(2008, 5, 29), true), (indicator.Key, indicator.FirstListed, indicator.StillFailing));
        Assert.Equal("action:violence/P3.A1", Assert.Single(second.Recovered).Key);

        // May and June bring the year to date under the trajectory; with no remedial action recorded it stays, marked recovered.
        await Record("2008-05", 80);
        await Record("2008-06", 80);
        var third = await _pmg.DrawUpAsync(D(2008, 8, 21), D(2008, 8, 21), "pmg", CancellationToken.None);
        var held = Assert.Single(third.Exceptions);
        Assert.Equal((Rag.Green, false), (held.Rag, held.StillFailing));
        Assert.StartsWith("Recovered, but no remedial action was recorded", held.Detail, StringComparison.Ordinal);
        Assert.Empty(third.Recovered);

        // Once the PMG records what was done, it leaves at the next meeting.
        await _pmg.AddRemedialActionAsync(third.Id, "indicator:violence/P3.I1", "Extra patrols in May and June", "Violent Crime Sub Group", "2008-09-30", "pmg", CancellationToken.None);
        var fourth = await _pmg.DrawUpAsync(D(2008, 10, 2), D(2008, 10, 2), "pmg", CancellationToken.None);
        Assert.Empty(fourth.Exceptions);
        Assert.Equal("indicator:violence/P3.I1", Assert.Single(fourth.Recovered).Key);
    }

    [Fact]
    public async Task An_item_listed_with_no_data_since_is_not_recovered()
    {
        var earlier = new PmgMeeting("2008-05-29", D(2008, 5, 29), D(2008, 5, 29), DateTimeOffset.UnixEpoch, "pmg",
            [new ExceptionItem("indicator:violence/P3.I1", ExceptionKind.Indicator, "P3.I1", "violence", 2, 3, "Assault", Rag.Red, "over", D(2008, 4, 17), true)], []);
        var tree = await _performance.GetAsync(D(2008, 7, 10), CancellationToken.None);

        var (exceptions, recovered) = ExceptionList.DrawUp(tree, earlier, D(2008, 7, 10));

        var kept = Assert.Single(exceptions);
        Assert.False(kept.StillFailing);
        Assert.Equal(D(2008, 4, 17), kept.FirstListed);
        Assert.Empty(recovered);
    }

    [Fact]
    public async Task A_meetings_record_is_frozen_and_cannot_be_drawn_up_twice_or_after_the_meeting()
    {
        await Record("2008-04", 130);
        var meeting = await _pmg.DrawUpAsync(D(2008, 5, 29), D(2008, 5, 1), "pmg", CancellationToken.None);
        await Record("2008-04", 10); // a correction after the meeting

        var again = await Assert.ThrowsAsync<PmgException>(() => _pmg.DrawUpAsync(D(2008, 5, 29), D(2008, 5, 29), "pmg", CancellationToken.None));
        Assert.Equal("meetingDate", again.Field);
        Assert.Equal(Rag.Red, Assert.Single((await _pmg.MeetingAsync(meeting.Id, CancellationToken.None))!.Exceptions).Rag);
        Assert.Equal("asAt", (await Assert.ThrowsAsync<PmgException>(() => _pmg.DrawUpAsync(D(2008, 7, 10), D(2008, 7, 11), "pmg", CancellationToken.None))).Field);
    }

    [Fact]
    public async Task Remedial_actions_are_validated_and_escalate_to_the_delivery_board_once_past_their_date()
    {
        await Record("2008-04", 130);
        var meeting = await _pmg.DrawUpAsync(D(2008, 5, 29), D(2008, 5, 29), "pmg", CancellationToken.None);

        Assert.Equal("owner", (await Assert.ThrowsAsync<PmgException>(() => _pmg.AddRemedialActionAsync(meeting.Id, "indicator:violence/P3.I1", "Target patrols", " ", "2008-06-30", "pmg", CancellationToken.None))).Field);
        Assert.Equal("due", (await Assert.ThrowsAsync<PmgException>(() => _pmg.AddRemedialActionAsync(meeting.Id, "indicator:violence/P3.I1", "Target patrols", "Police", "30/06/2008", "pmg", CancellationToken.None))).Field);
        Assert.Equal("item", (await Assert.ThrowsAsync<PmgException>(() => _pmg.AddRemedialActionAsync(meeting.Id, "indicator:violence/P9.I9", "x", "y", "2008-06-30", "pmg", CancellationToken.None))).Field);
        Assert.Empty(await _pmg.RemedialActionsAsync(CancellationToken.None));

        var remedial = await _pmg.AddRemedialActionAsync(meeting.Id, "indicator:violence/P3.I1", "Target patrols on Friday nights", "Chief Inspector, Central", "2008-06-30", "pmg", CancellationToken.None);
        Assert.Empty((await _board.ReportAsync(D(2008, 6, 30), CancellationToken.None)).Escalated);
        var july = await _board.ReportAsync(D(2008, 7, 1), CancellationToken.None);
        Assert.Equal(remedial.Id, Assert.Single(july.Escalated).Id);
        Assert.Equal(remedial.Id, Assert.Single(july.Priorities.Single(p => p.Priority.Priority.Number == 2).RemedialActions).Id);

        await _pmg.UpdateRemedialActionAsync(remedial.Id, "Done", "Patrols in place", null, "pmg", CancellationToken.None);
        Assert.Empty((await _board.ReportAsync(D(2008, 7, 1), CancellationToken.None)).Escalated);
        Assert.Equal("Patrols in place", Assert.Single((await _pmg.RemedialActionAsync(remedial.Id, CancellationToken.None))!.Notes).Text);
    }

    [Fact]
    public async Task The_delivery_board_report_exports_to_an_xlsx_workbook_with_its_figures()
    {
        await Record("2008-04", 130);
        await _pmg.DrawUpAsync(D(2008, 5, 29), D(2008, 5, 29), "pmg", CancellationToken.None);
        var report = await _board.ReportAsync(D(2008, 5, 29), CancellationToken.None);

        var bytes = ReportExport.Xlsx(ReportExport.Tables(report));
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        Assert.Equal(["Indicators", "Exceptions", "Remedial actions", "Most Similar Group"], workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        var indicators = ((WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var row = indicators[1].Elements<Cell>().ToList();
        Assert.Equal("P3.I1", row[1].InnerText);
        Assert.Equal("130", row[6].InnerText); // year to date
        Assert.Equal("100", row[8].InnerText); // expected by now
        Assert.Equal("Red", row[10].InnerText);

        var csv = ReportExport.Csv(ReportExport.Tables(report));
        Assert.Contains("2,P3.I1,NI 20,Assault with injury,LAA,2008/09,130,2008-04,100,1200,Red,", csv, StringComparison.Ordinal);
        Assert.Contains("Exceptions\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PMG_sets_an_indicators_own_tolerance_and_the_default_and_every_change_is_kept()
    {
        await Record("2008-04", 130); // 30% over the trajectory
        Indicator(await _performance.GetAsync(D(2008, 4, 30), CancellationToken.None), Rag.Red);

        await _tolerances.SetIndicatorAsync("violence/P3.I1", "35", "pmg", CancellationToken.None);
        Indicator(await _performance.GetAsync(D(2008, 4, 30), CancellationToken.None), Rag.Amber, 35);

        await _tolerances.SetIndicatorAsync("violence/P3.I1", "", "pmg", CancellationToken.None);
        await _tolerances.SetDefaultAsync("30", "pmg", CancellationToken.None);
        var tree = await _performance.GetAsync(D(2008, 4, 30), CancellationToken.None);
        Indicator(tree, Rag.Amber, 30);
        Assert.Equal(30, tree.Rules.TolerancePercent);

        Assert.Equal("percent", (await Assert.ThrowsAsync<ToleranceException>(() => _tolerances.SetIndicatorAsync("violence/P3.I1", "120", "pmg", CancellationToken.None))).Field);
        Assert.Equal("default", (await Assert.ThrowsAsync<ToleranceException>(() => _tolerances.SetDefaultAsync("", "pmg", CancellationToken.None))).Field);
        Assert.Equal(["Partnership default set to 30%", "violence/P3.I1: back to the default", "violence/P3.I1: 35%"],
            (await _tolerances.SettingsAsync(CancellationToken.None)).History.Select(h => h.Change));

        static void Indicator(PerformanceTree tree, Rag rag, double tolerance = 10)
        {
            var i = tree.Indicators.Single(x => x.Id == "P3.I1");
            Assert.Equal((rag, tolerance), (i.Rag, i.Assessment.TolerancePercent));
        }
    }

    [Fact]
    public async Task As_at_a_date_the_latest_figure_is_the_latest_for_a_period_ended_by_then()
    {
        await Record("2008-04", 130);
        await Record("2008-07", 90);

        var then = (await _performance.GetAsync(D(2008, 5, 31), CancellationToken.None)).Indicators.Single();
        var now = (await _performance.GetAsync(CancellationToken.None)).Indicators.Single();

        Assert.Equal(("2008-04", 130.0, Rag.Red), (then.LatestPeriod, then.LatestValue!.Value, then.Rag));
        Assert.Equal(("2008-07", 90.0), (now.LatestPeriod, now.LatestValue!.Value));
    }

    [Fact]
    public async Task Quarterly_LAA_monitoring_lists_LAA_indicators_with_their_forecast_and_outlook()
    {
        await Record("2008-04", 90);
        await Record("2008-05", 110);
        await Record("2008-06", 100);
        await Record("2008-07", 500); // after the quarter: left out

        var line = Assert.Single(await _board.LaaAsync(ReportingPeriod.Parse("2008/09 Q1"), CancellationToken.None));

        Assert.Equal(("P3.I1", 2), (line.Line.Indicator.Id, line.Priority));
        Assert.Equal(300, line.Line.Indicator.Assessment.Actual!.Value);
        Assert.Equal(1200, line.Line.Forecast!.Value, 6);
        Assert.Equal(StretchOutlook.OnCourse, line.Line.Outlook);
        Assert.Equal(StretchOutlook.OffCourse, Assert.Single(await _board.LaaAsync(ReportingPeriod.Parse("2008/09 Q2"), CancellationToken.None)).Line.Outlook);
    }

    [Fact]
    public async Task The_structure_is_edited_by_versions_and_keeps_its_history()
    {
        var v1 = await _structure.LatestAsync(CancellationToken.None);
        var v2 = await _structure.AddAsync(v1.Version, "Priority 2", "Night Time Economy Group", "Licensing and policing of the night-time economy", "admin", CancellationToken.None);
        var v3 = await _structure.SetPlansAsync(v2.Version, "Night Time Economy Group", [4, 3, 3], "admin", CancellationToken.None);

        var history = await _structure.HistoryAsync(CancellationToken.None);
        Assert.Equal([3, 2, 1], history.Select(h => h.Version));
        Assert.Equal([3, 4], v3.Structure.Tree.SelfAndDescendants().Single(b => b.Name == "Night Time Economy Group").Plans);
        Assert.DoesNotContain(history.Single(h => h.Version == 1).Structure.Tree.SelfAndDescendants(), b => b.Name == "Night Time Economy Group");

        Assert.Equal("version", (await Assert.ThrowsAsync<StructureEditException>(() => _structure.RemoveAsync(v2.Version, "Night Time Economy Group", "admin", CancellationToken.None))).Field);
        Assert.Equal("body", (await Assert.ThrowsAsync<StructureEditException>(() => _structure.RemoveAsync(v3.Version, "Priority 2", "admin", CancellationToken.None))).Field);
        Assert.Equal("name", (await Assert.ThrowsAsync<StructureEditException>(() => _structure.AddAsync(v3.Version, "Priority 2", "TAP", null, "admin", CancellationToken.None))).Field);
        var v4 = await _structure.RemoveAsync(v3.Version, "Night Time Economy Group", "admin", CancellationToken.None);
        Assert.Equal(4, v4.Version);
        Assert.Equal(4, (await _structure.HistoryAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_rebuilt_model_replacing_the_live_one_keeps_newer_revisions_and_measurements_that_arrived_meanwhile()
    {
        await Record("2008-04", 130);
        var live = await ReadModelSnapshot.TakeAsync(_model, CancellationToken.None);
        var rebuilt = live with { Measurements = [live.Measurements[0] with { Value = 1, Revision = 0 }] };
        var late = live.Measurements[0] with { Period = "2008-05", RecordedAt = DateTimeOffset.UtcNow.AddMinutes(1) };
        var stale = live.Measurements[0] with { Period = "2007-05", RecordedAt = DateTimeOffset.UnixEpoch };
        var outcome = ReplaceOutcome.Plan(live with { Measurements = [.. live.Measurements, late, stale] }, rebuilt, DateTimeOffset.UtcNow);

        Assert.Equal((0, 0, 2, 1), (outcome.Restored, outcome.Corrected, outcome.KeptNewer, outcome.Removed));
        Assert.Equal(130, outcome.Result.Measurements.Single(m => m.Period == "2008-04").Value);
        Assert.Contains(outcome.Result.Measurements, m => m.Period == "2008-05");
        Assert.DoesNotContain(outcome.Result.Measurements, m => m.Period == "2007-05");
        Assert.Equal(["measurement violence P3.I1 2008-04: differs"], rebuilt.DifferencesFrom(live));
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_action_past_its_due_date_goes_on_the_list_and_a_past_list_sees_it_as_it_stood_then()
    {
        await Record("2008-04", 100);
        await Action("Green", "InProgress", D(2008, 5, 1), due: D(2008, 6, 30));
        await Action("Red", "Delayed", D(2008, 9, 1), due: D(2008, 6, 30));

        var july = await _pmg.DrawUpAsync(D(2008, 7, 10), D(2008, 7, 10), "pmg", CancellationToken.None);
        var overdue = Assert.Single(july.Exceptions, e => e.Kind == ExceptionKind.Action);
        Assert.Equal(Rag.Green, overdue.Rag);
        Assert.StartsWith("Overdue: due 30 June 2008. In progress", overdue.Detail, StringComparison.Ordinal);
        var tree = await _performance.GetAsync(D(2008, 5, 29), CancellationToken.None);
        Assert.Equal(("InProgress", false), (tree.Plans.Single().Actions.Single().Status, tree.Plans.Single().Actions.Single().Overdue));
        var september = await _performance.GetAsync(D(2008, 9, 2), CancellationToken.None);
        Assert.Equal(("Delayed", Rag.Red), (september.Plans.Single().Actions.Single().Status, september.Plans.Single().Actions.Single().Rag));

        await Action("Green", "Completed", D(2008, 9, 20), due: D(2008, 6, 30));
        Assert.False((await _performance.GetAsync(D(2008, 10, 1), CancellationToken.None)).Plans.Single().Actions.Single().Overdue);
    }

    [Fact]
    public async Task An_indicator_with_no_target_for_the_year_is_listed_until_the_partnership_sets_one()
    {
        var noTarget = new IndicatorOutline { Id = "P3.I2", Code = "NI 15", Name = "Serious violent crime", Category = "LAA", Unit = "Count", Polarity = "LowerIsBetter", Frequency = "Monthly", Targets = [] };
        var plan = new ActionPlanOutline
        {
            Number = 3,
            Priority = 2,
            Title = "Violent crime",
            Indicators = [new IndicatorOutline { Id = "P3.I1", Code = "NI 20", Name = "Assault with injury", Category = "LAA", Unit = "Count", Polarity = "LowerIsBetter", Frequency = "Monthly", Targets = [new TargetOutline { Year = "2008/09", Value = 1200 }] }, noTarget],
            Actions = [],
        };
        await Publish("violence", plan, revision: 2);

        var first = await _pmg.DrawUpAsync(D(2008, 5, 29), D(2008, 5, 29), "pmg", CancellationToken.None);
        var missing = Assert.Single(first.Exceptions, e => e.Kind == ExceptionKind.MissingTarget);
        Assert.Equal(("target:violence/P3.I2", "NI 15 – Serious violent crime: no target for 2008/09"), (missing.Key, missing.Name));

        await Publish("violence", plan with { Indicators = [plan.Indicators[0], noTarget with { Targets = [new TargetOutline { Year = "2008/09", Value = 40, Source = "set", SetBy = "pmg", Reason = "LAA refresh" }] }] }, revision: 3);
        var second = await _pmg.DrawUpAsync(D(2008, 7, 10), D(2008, 7, 10), "pmg", CancellationToken.None);
        Assert.DoesNotContain(second.Exceptions, e => e.Kind == ExceptionKind.MissingTarget);
        Assert.Contains(second.Recovered, r => r.Key == "target:violence/P3.I2");
    }

    [Fact]
    public async Task An_indicator_printed_in_two_plans_shows_its_holders_figures_in_both_and_is_listed_once()
    {
        await Publish("alcohol", new ActionPlanOutline
        {
            Number = 1,
            Priority = 1,
            Title = "Alcohol harm",
            Indicators = [new IndicatorOutline { Id = "P1.I2", Code = "NI 20", Name = "Assault with injury", Category = "LAA", Unit = "Count", Polarity = "LowerIsBetter", Frequency = "Monthly", Targets = [], HeldBy = new IndicatorHolderOutline("violence", 3, "P3.I1") }],
            Actions = [],
        });
        await Record("2008-04", 130);

        var tree = await _performance.GetAsync(D(2008, 4, 30), CancellationToken.None);
        var shown = tree.Plans.Single(p => p.Theme == "alcohol").Indicators.Single();
        Assert.Equal((Rag.Red, 130.0, "violence"), (shown.Rag, shown.LatestValue!.Value, shown.Theme));
        Assert.True(shown.IsHeldElsewhere);
        Assert.Equal(Rag.NotRated, tree.Plans.Single(p => p.Theme == "alcohol").Rag);
        var meeting = await _pmg.DrawUpAsync(D(2008, 5, 29), D(2008, 4, 30), "pmg", CancellationToken.None);
        Assert.Single(meeting.Exceptions, e => e.Kind == ExceptionKind.Indicator);
    }

    [Fact]
    public async Task A_tolerance_the_PMG_sets_goes_to_the_themes_through_governances_outbox()
    {
        var outbox = new SqliteOutbox(new SqliteDatabase(Path.Combine(_dir.Path, "governance.db")));

        await _tolerances.SetIndicatorAsync("violence/P3.I1", "4", "pmg", CancellationToken.None);

        var message = Assert.Single(await outbox.GetUndispatchedAsync(10, CancellationToken.None));
        var set = Assert.IsType<RagTolerancesSet>(message.Deserialize());
        Assert.Equal((10.0, 4.0), (set.DefaultPercent, set.PerIndicator["violence/P3.I1"]));
    }
}
