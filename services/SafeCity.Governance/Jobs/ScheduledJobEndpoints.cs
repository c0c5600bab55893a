using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.DeliveryBoard.Report;
using SafeCity.Kernel.Access;

namespace SafeCity.Governance.Jobs;

public static class ScheduledJobEndpoints
{
    /// <summary>POST /jobs/pmg-cycle and /jobs/quarterly-report (the sidecar's, with its token); the kept reports under /api/governance.</summary>
    public static IEndpointRouteBuilder MapScheduledJobs(this IEndpointRouteBuilder app)
    {
        app.MapPost(ScheduledCalls.PathPrefix + "/pmg-cycle", (HttpContext http, ScheduledJobs jobs, CancellationToken ct) => RunAsync(http, () => jobs.OpenPmgCycleAsync(ct)))
            .WithSummary("Opens the PMG cycle when a meeting is near (called each morning by Dapr's cron binding, with its app token).");
        app.MapPost(ScheduledCalls.PathPrefix + "/quarterly-report", (HttpContext http, ScheduledJobs jobs, CancellationToken ct) => RunAsync(http, () => jobs.OpenQuarterlyReportAsync(ct)))
            .WithSummary("Keeps the Delivery Board report of the quarter just ended (called at each quarter's start by Dapr's cron binding).");
        app.MapGet("/api/governance/quarterly-reports", async (ScheduledJobs jobs, CancellationToken ct) => TypedResults.Ok(await jobs.QuarterlyReportsAsync(ct)))
            .WithSummary("The quarterly reports kept, newest first.");
        app.MapGet("/api/governance/quarterly-reports/{id}.csv", async Task<Results<FileContentHttpResult, NotFound>> (string id, ScheduledJobs jobs, CancellationToken ct) =>
                await jobs.QuarterlyReportAsync(id, ct) is { } report
                    ? ReportExport.CsvFile(report.Csv, $"delivery-board-{report.Id}.csv")
                    : TypedResults.NotFound())
            .WithSummary("A kept quarterly report (id like 2008-09-Q2), as CSV.");
        return app;
    }

    // Only the sidecar runs a job: a person or partner system signed in through the gateway may not.
    private static async Task<Results<Ok<JobOutcome>, ProblemHttpResult>> RunAsync(HttpContext http, Func<Task<JobOutcome>> job) =>
        ScheduledCalls.IsScheduledCall(http)
            ? TypedResults.Ok(await job())
            : TypedResults.Problem($"Scheduled jobs are run by the Dapr sidecar with its app token ({ScheduledCalls.TokenHeader}).", statusCode: StatusCodes.Status401Unauthorized);
}
