using SafeCity.Governance.Sharing;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.Testing;

namespace SafeCity.Governance.Tests;

public sealed class WorkingDaysTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2008, "2008-01-01 2008-03-21 2008-03-24 2008-05-05 2008-05-26 2008-08-25 2008-12-25 2008-12-26")]
    [InlineData(2010, "2010-01-01 2010-04-02 2010-04-05 2010-05-03 2010-05-31 2010-08-30 2010-12-27 2010-12-28")]
    [InlineData(2011, "2011-01-03 2011-04-22 2011-04-25 2011-04-29 2011-05-02 2011-05-30 2011-08-29 2011-12-26 2011-12-27")]
    [InlineData(2012, "2012-01-02 2012-04-06 2012-04-09 2012-05-07 2012-06-04 2012-06-05 2012-08-27 2012-12-25 2012-12-26")]
    [InlineData(2020, "2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28")]
    [InlineData(2022, "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27")]
    public void The_bank_holidays_of_England_and_Wales_are_those_GOV_UK_lists(int year, string expected) =>
        Assert.Equal(expected.Split(' '), WorkingDays.BankHolidays(year).Keys.Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(1818, 3, 22)] // the earliest Easter can fall
    [InlineData(1886, 4, 25)] // the latest
    [InlineData(1900, 4, 15)]
    [InlineData(1943, 4, 25)]
    [InlineData(1954, 4, 18)] // the years where the algorithm's last correction (m) applies
    [InlineData(1981, 4, 19)]
    [InlineData(2000, 4, 23)]
    [InlineData(2049, 4, 18)]
    [InlineData(2076, 4, 19)]
    [InlineData(2008, 3, 23)]
    [InlineData(2009, 4, 12)]
    [InlineData(2013, 3, 31)]
    [InlineData(2014, 4, 20)]
    [InlineData(2015, 4, 5)]
    [InlineData(2016, 3, 27)]
    [InlineData(2017, 4, 16)]
    [InlineData(2018, 4, 1)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2038, 4, 25)]
    [InlineData(2100, 3, 28)]
    [InlineData(2285, 3, 22)]
    public void Easter_Sunday_falls_where_the_calendar_puts_it(int year, int month, int day) =>
        Assert.Equal(D(year, month, day), WorkingDays.EasterSunday(year));

    [Fact]
    public void Each_bank_holiday_is_named_as_GOV_UK_names_it()
    {
        var named = new[] { 1999, 2002, 2011, 2021, 2022, 2023 }
            .SelectMany(y => WorkingDays.BankHolidays(y))
            .ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("Millennium Eve", named[D(1999, 12, 31)]);
        Assert.Equal("Golden Jubilee", named[D(2002, 6, 3)]);
        Assert.Equal("Spring bank holiday", named[D(2002, 6, 4)]);
        Assert.Equal("Royal Wedding", named[D(2011, 4, 29)]);
        Assert.Equal("New Year's Day", named[D(2011, 1, 3)]);
        Assert.Equal("Good Friday", named[D(2021, 4, 2)]);
        Assert.Equal("Easter Monday", named[D(2021, 4, 5)]);
        Assert.Equal("Early May bank holiday", named[D(2021, 5, 3)]);
        Assert.Equal("Spring bank holiday", named[D(2021, 5, 31)]);
        Assert.Equal("Summer bank holiday", named[D(2021, 8, 30)]);
        Assert.Equal("Christmas Day", named[D(2021, 12, 27)]);
        Assert.Equal("Boxing Day", named[D(2021, 12, 28)]);
        Assert.Equal("Platinum Jubilee", named[D(2022, 6, 3)]);
        Assert.Equal("State Funeral of Queen Elizabeth II", named[D(2022, 9, 19)]);
        Assert.Equal("Coronation of King Charles III", named[D(2023, 5, 8)]);
        // A one-off holiday belongs to its own year only.
        Assert.DoesNotContain(D(2022, 6, 3), WorkingDays.BankHolidays(2023).Keys);
        Assert.Equal(8, WorkingDays.BankHolidays(2021).Count);
    }

    [Theory]
    [InlineData(2023, "2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26")]
    [InlineData(2026, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28")]
    [InlineData(2027, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28")]
    public void Later_years_follow_the_same_rules(int year, string expected) =>
        The_bank_holidays_of_England_and_Wales_are_those_GOV_UK_lists(year, expected);

    [Fact]
    public void Working_days_skip_weekends_and_bank_holidays()
    {
        // Thursday 20 March 2008: Good Friday, the weekend and Easter Monday are skipped (25, 26, 27, 28, 31 March).
        Assert.Equal(D(2008, 3, 31), WorkingDays.Add(D(2008, 3, 20), 5));
        // Friday 19 December 2008: 22, 23, 24, then Christmas and Boxing Day and the weekend, 29, 30.
        Assert.Equal(D(2008, 12, 30), WorkingDays.Add(D(2008, 12, 19), 5));
        Assert.Equal(D(2008, 6, 9), WorkingDays.Add(D(2008, 6, 2), 5));
    }
}

public sealed class BreachProcedureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private async Task<(BreachProcedure, MovableClock)> NewAsync(DateOnly today)
    {
        var documents = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(_dir.Path, Guid.NewGuid() + ".db")));
        await documents.InitializeAsync(CancellationToken.None);
        var clock = new MovableClock(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        return (new BreachProcedure(documents, clock), clock);
    }

    [Fact]
    public async Task The_four_deadlines_run_from_each_step_and_the_first_skips_the_Easter_bank_holidays()
    {
        var (procedure, clock) = await NewAsync(new DateOnly(2008, 3, 20));
        var breach = await procedure.ReportAsync("2008-03-20", "Southampton City Council", "Hampshire Probation Service", "Depersonalised extract sent to the wrong partner.", "pmg", CancellationToken.None);

        var start = BreachProcedure.Status(breach, procedure.Today);
        Assert.Equal((StepState.Due, new DateOnly(2008, 3, 31)), (start[0].State, start[0].DueBy));
        Assert.All(start.Skip(1), s => Assert.Equal((StepState.Waiting, (DateOnly?)null), (s.State, s.DueBy)));

        clock.Now = clock.Now.AddDays(8); // 28 March: the report went out on the 27th
        breach = await procedure.CompleteStepAsync(breach.Id, "report", "2008-03-27", "E-mailed to all designated officers", null, CancellationToken.None);
        var afterReport = BreachProcedure.Status(breach, procedure.Today);
        Assert.Equal((StepState.Done, StepState.Due, new DateOnly(2008, 4, 1)), (afterReport[0].State, afterReport[1].State, afterReport[1].DueBy));

        clock.Now = clock.Now.AddDays(5); // 2 April, with no response: overdue
        Assert.Equal(StepState.Overdue, BreachProcedure.Status(breach, procedure.Today)[1].State);

        breach = await procedure.CompleteStepAsync(breach.Id, "response", "2008-04-02", null, null, CancellationToken.None);
        Assert.Equal(new DateOnly(2008, 4, 12), BreachProcedure.Status(breach, procedure.Today)[2].DueBy);
        clock.Now = clock.Now.AddDays(10);
        breach = await procedure.CompleteStepAsync(breach.Id, "meeting", "2008-04-10", null, null, CancellationToken.None);
        Assert.Equal(new DateOnly(2008, 4, 15), BreachProcedure.Status(breach, procedure.Today)[3].DueBy);

        Assert.Equal("outcome", (await Assert.ThrowsAsync<BreachException>(() => procedure.CompleteStepAsync(breach.Id, "minutes", "2008-04-11", null, " ", CancellationToken.None))).Field);
        breach = await procedure.CompleteStepAsync(breach.Id, "minutes", "2008-04-11", null, "Extract withdrawn; refresher training for the probation team.", CancellationToken.None);

        Assert.All(BreachProcedure.Status(breach, procedure.Today), s => Assert.Equal(StepState.Done, s.State));
        Assert.Equal("Extract withdrawn; refresher training for the probation team.", (await procedure.FindAsync(breach.Id, CancellationToken.None))!.Outcome);
    }

    [Fact]
    public async Task Steps_are_recorded_in_order_once_on_a_day_not_before_the_last_and_not_in_the_future()
    {
        var (procedure, _) = await NewAsync(new DateOnly(2008, 5, 1));
        var breach = await procedure.ReportAsync("2008-04-28", "Hampshire Constabulary", "Drug Action Team", "Wrong category shared.", "pmg", CancellationToken.None);

        Assert.Equal("step", (await Assert.ThrowsAsync<BreachException>(() => procedure.CompleteStepAsync(breach.Id, "response", "2008-04-30", null, null, CancellationToken.None))).Field);
        Assert.Equal("doneOn", (await Assert.ThrowsAsync<BreachException>(() => procedure.CompleteStepAsync(breach.Id, "report", "2008-04-27", null, null, CancellationToken.None))).Field);
        Assert.Equal("doneOn", (await Assert.ThrowsAsync<BreachException>(() => procedure.CompleteStepAsync(breach.Id, "report", "2008-05-02", null, null, CancellationToken.None))).Field);
        await procedure.CompleteStepAsync(breach.Id, "report", "2008-04-30", null, null, CancellationToken.None);
        Assert.Equal("step", (await Assert.ThrowsAsync<BreachException>(() => procedure.CompleteStepAsync(breach.Id, "report", "2008-04-30", null, null, CancellationToken.None))).Field);
        Assert.Equal("identifiedOn", (await Assert.ThrowsAsync<BreachException>(() => procedure.ReportAsync("2008-05-09", "a", "b", "c", "pmg", CancellationToken.None))).Field);
        Assert.Equal("inBreach", (await Assert.ThrowsAsync<BreachException>(() => procedure.ReportAsync("2008-04-28", "a", "", "c", "pmg", CancellationToken.None))).Field);
        Assert.Single(await procedure.AllAsync(CancellationToken.None));
    }

    [Fact]
    public void The_steps_and_the_grounds_are_Appendix_Bs_own()
    {
        var plan = string.Join(' ', File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "plan", "safe-city-partnership-plan-2008-2011.txt"))[2210..2500]);

        Assert.Equal(
            [
                ("report", "The partner alleging the breach", "Report it to the other partner organisations", 5, true, "the day the breach was identified"),
                ("response", "The partner in breach", "Report back to the partners", 5, false, "receipt of the initial report"),
                ("meeting", "All partner organisations", "Meet to agree any actions or sanctions", 10, false, "the response"),
                ("minutes", "All partner organisations", "Record the agreed action or sanction in minutes and circulate them to all partners", 5, false, "the meeting"),
            ],
            BreachProcedure.Steps.Select(s => (s.Key, s.Who, s.What, s.Days, s.WorkingDays, s.From)));
        // Paragraph 17b's public interest criteria, in its order.
        Assert.Equal(["Administration of justice", "Maintaining public safety", "Apprehending offenders", "Preventing crime and disorder", "Detecting crime", "Protecting vulnerable members of the community"], DisclosureGrounds.All);
        Assert.All(DisclosureGrounds.All, g => Assert.Contains(g, plan, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_refusal_names_its_field_and_says_what_is_wanted_and_nothing_is_kept()
    {
        var (procedure, _) = await NewAsync(new DateOnly(2008, 5, 1));

        async Task<(string Field, string Message)> Refused(Func<Task> call)
        {
            var e = await Assert.ThrowsAsync<BreachException>(call);
            return (e.Field, e.Message);
        }

        Assert.Equal(("identifiedOn", "Enter the day the breach was identified, as yyyy-MM-dd."), await Refused(() => procedure.ReportAsync("1 May", "a", "b", "c", "pmg", CancellationToken.None)));
        Assert.Equal(("identifiedOn", "The day the breach was identified cannot be in the future."), await Refused(() => procedure.ReportAsync("2008-05-02", "a", "b", "c", "pmg", CancellationToken.None)));
        Assert.Equal(("allegedBy", "Name the partner organisation alleging the breach."), await Refused(() => procedure.ReportAsync("2008-05-01", " ", "b", "c", "pmg", CancellationToken.None)));
        Assert.Equal(("inBreach", "Name the partner organisation alleged to be in breach."), await Refused(() => procedure.ReportAsync("2008-05-01", "a", null, "c", "pmg", CancellationToken.None)));
        Assert.Equal(("description", "Describe the breach (no personal data)."), await Refused(() => procedure.ReportAsync("2008-05-01", "a", "b", "", "pmg", CancellationToken.None)));
        Assert.Empty(await procedure.AllAsync(CancellationToken.None));

        // Reported on the day it was identified: the day itself is not the future.
        var breach = await procedure.ReportAsync("2008-05-01", "Hampshire Constabulary", "Drug Action Team", "Wrong category shared.", "pmg", CancellationToken.None);
        Assert.StartsWith("B20080501120000", breach.Id, StringComparison.Ordinal);
        Assert.Equal(("id", "There is no breach B1."), await Refused(() => procedure.CompleteStepAsync("B1", "report", "2008-05-01", null, null, CancellationToken.None)));
        Assert.Equal(("step", "There is no such step: choose one of the procedure's."), await Refused(() => procedure.CompleteStepAsync(breach.Id, "apology", "2008-05-01", null, null, CancellationToken.None)));
        Assert.Equal(("step", "Record the step before it first."), await Refused(() => procedure.CompleteStepAsync(breach.Id, "meeting", "2008-05-01", null, null, CancellationToken.None)));
        Assert.Equal(("doneOn", "Enter the day the step was done, as yyyy-MM-dd."), await Refused(() => procedure.CompleteStepAsync(breach.Id, "report", "today", null, null, CancellationToken.None)));
        Assert.Equal(("doneOn", "The step was done between 2008-05-01 and today."), await Refused(() => procedure.CompleteStepAsync(breach.Id, "report", "2008-04-30", null, null, CancellationToken.None)));
        // The day it was identified is the earliest a step can be done; a blank note is no note.
        breach = await procedure.CompleteStepAsync(breach.Id, "report", "2008-05-01", "  ", null, CancellationToken.None);
        Assert.Null(breach.Steps[0].Note);
        Assert.Equal(("step", "That step is already recorded as done."), await Refused(() => procedure.CompleteStepAsync(breach.Id, "report", "2008-05-01", null, null, CancellationToken.None)));
        // The next step is measured from the step before it, not from the day the breach was identified.
        breach = await procedure.CompleteStepAsync(breach.Id, "response", "2008-05-01", " said sorry ", null, CancellationToken.None);
        Assert.Equal("said sorry", breach.Steps[1].Note);
    }

    [Fact]
    public async Task A_step_is_overdue_the_day_after_its_deadline_not_on_it_and_the_latest_breach_is_listed_first()
    {
        var (procedure, clock) = await NewAsync(new DateOnly(2008, 6, 2));
        var older = await procedure.ReportAsync("2008-05-30", "Hampshire Constabulary", "Drug Action Team", "Wrong category shared.", "pmg", CancellationToken.None);
        clock.Now = clock.Now.AddSeconds(1);
        var newer = await procedure.ReportAsync("2008-06-02", "Southampton City Council", "Hampshire Probation Service", "Extract sent to the wrong partner.", "pmg", CancellationToken.None);

        // Identified Monday 2 June 2008: five working days later is Monday 9 June.
        Assert.Equal(StepState.Due, BreachProcedure.Status(newer, new DateOnly(2008, 6, 9))[0].State);
        Assert.Equal(StepState.Overdue, BreachProcedure.Status(newer, new DateOnly(2008, 6, 10))[0].State);
        Assert.Equal([newer.Id, older.Id], (await procedure.AllAsync(CancellationToken.None)).Select(b => b.Id));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
