using SafeCity.Governance.DeliveryBoard.Report;
using SafeCity.Governance.Pmg;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.Kernel.Web;

namespace SafeCity.Governance.Jobs;

/// <summary>
/// The partnership's calendar, run by Dapr's cron bindings (k8s/base/dapr/schedules.yaml): each morning
/// the PMG cycle is opened when a meeting is near, and at each quarter's start its report is kept.
/// Both may be called again: what was opened is not opened twice.
/// </summary>
public sealed class ScheduledJobs(PmgService pmg, DeliveryBoardService board, IDocumentStore documents, IConfiguration configuration, TimeProvider clock)
{
    public const string By = "scheduled (Dapr cron binding)";
    private const string Reports = "quarterly-reports";

    /// <summary>How many days before a meeting its exception list is drawn up (Pmg:PapersDaysBefore, default 7).</summary>
    public int PapersDaysBefore => configuration.GetValue("Pmg:PapersDaysBefore", 7);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Draws up the next meeting's exception list, as at today, once the meeting is near enough.</summary>
    public async Task<JobOutcome> OpenPmgCycleAsync(CancellationToken ct)
    {
        var today = Today;
        var meeting = pmg.Calendar.NextOnOrAfter(today);
        var subject = $"the PMG meeting of {UkFormat.Date(meeting)}";
        if (meeting.DayNumber - today.DayNumber > PapersDaysBefore)
        {
            return new(false, subject, $"It is more than {PapersDaysBefore} days away: its exception list is drawn up {PapersDaysBefore} days before.");
        }

        if (await pmg.MeetingAsync(PmgService.Id(meeting), ct) is { } held)
        {
            return new(false, subject, $"Its exception list was drawn up on {held.DrawnUpAt:yyyy-MM-dd} by {held.DrawnUpBy}.");
        }

        try
        {
            var drawn = await pmg.DrawUpAsync(meeting, today, By, ct);
            return new(true, subject, $"Exception list drawn up as at {UkFormat.Date(today)}: {drawn.Exceptions.Count} item(s).");
        }
        catch (PmgException e)
        {
            // Drawn up by someone else since the check: nothing more to do.
            return new(false, subject, e.Message);
        }
    }

    /// <summary>Keeps the Delivery Board report as at the end of the last quarter that has ended.</summary>
    public async Task<JobOutcome> OpenQuarterlyReportAsync(CancellationToken ct)
    {
        var quarter = ReportingPeriod.Containing(ReportingPeriod.Containing(Today).Quarter.Start.AddDays(-1)).Quarter;
        var id = IdOf(quarter);
        var subject = $"the quarterly report for {quarter}";
        if (await documents.GetAsync<QuarterlyReport>(Reports, id, ct) is { } held)
        {
            return new(false, subject, $"It was kept on {held.KeptAt:yyyy-MM-dd} by {held.By}.");
        }

        var report = await board.ReportAsync(quarter.End, ct);
        var kept = new QuarterlyReport(id, quarter.ToString(), quarter.End, clock.GetUtcNow(), By, ReportExport.Csv(ReportExport.Tables(report)));
        return await documents.InsertAsync(Reports, id, kept, ct)
            ? new(true, subject, $"The Delivery Board report as at {UkFormat.Date(quarter.End)} is kept: {report.Priorities.Count} priorities.")
            : new(false, subject, "It was kept by another call at the same moment.");
    }

    public async Task<IReadOnlyList<QuarterlyReportSummary>> QuarterlyReportsAsync(CancellationToken ct) =>
        (await documents.ListAsync<QuarterlyReport>(Reports, ct)).OrderByDescending(r => r.AsAt)
            .Select(r => new QuarterlyReportSummary(r.Id, r.Quarter, r.AsAt, r.KeptAt, r.By)).ToList();

    public Task<QuarterlyReport?> QuarterlyReportAsync(string id, CancellationToken ct) => documents.GetAsync<QuarterlyReport>(Reports, id, ct);

    private static string IdOf(ReportingPeriod quarter) => quarter.ToString().Replace('/', '-').Replace(' ', '-');
}
