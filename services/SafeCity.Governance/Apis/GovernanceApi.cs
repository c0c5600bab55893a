using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Access;
using SafeCity.Governance.DeliveryBoard;
using SafeCity.Governance.DeliveryBoard.ExpectedOutcomes;
using SafeCity.Governance.Performance;
using SafeCity.Governance.Performance.SetTolerances;
using SafeCity.Governance.PlanNumbers;
using SafeCity.Governance.Pmg;
using SafeCity.Governance.Pmg.Subgroups;
using SafeCity.Governance.Rebuild;
using SafeCity.Kernel.Domain;

namespace SafeCity.Governance.Apis;

/// <summary>The partnership's performance as JSON, under /api/governance.</summary>
public static class GovernanceApi
{
    public static RouteGroupBuilder MapGovernanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/governance").WithTags("governance");
        api.MapGet("/performance", GetPerformance)
            .WithSummary("Priorities → plans → indicators: latest value, year to date against trajectory, RAG, direction of travel. asAt=yyyy-MM-dd judges all as at that date.");
        api.MapGet("/attention", GetAttention)
            .WithSummary("What needs attention as at a day (asAt=yyyy-MM-dd, default today): each priority's RAG counts, what changed since the last PMG, exceptions, indicators without a target, overdue actions and open remedial actions.");
        api.MapGet("/delivery-board.csv", DeliveryBoardCsv).WithSummary("The Delivery Board report as at a date (asAt=yyyy-MM-dd), as CSV.");
        api.MapGet("/delivery-board.xlsx", DeliveryBoardXlsx).WithSummary("The Delivery Board report as at a date (asAt=yyyy-MM-dd), as an Excel workbook.");
        api.MapGet("/disclosures.csv", DisclosuresCsv).RequireAuthorization(GovernancePolicies.ReadDisclosureLog)
            .WithSummary("The disclosure log of personal data (Appendix B, paragraph 24) as CSV; subject, officer, from and to filter it. PPO designated officers and administrators.");
        api.MapGet("/measurements", Measurements)
            .WithSummary("Every figure governance holds, with the revision its theme gave it; theme and indicator filter it.");
        api.MapGet("/events", (Consumers.EventTally tally) => TypedResults.Ok(tally.Snapshot()))
            .WithSummary("Events consumed since governance started, by message: how many changed the model and how many it already held (redelivered or older).");
        api.MapGet("/events/lag", (Consumers.EventTally tally, DateTimeOffset? since) => TypedResults.Ok(tally.LagSince(since ?? DateTimeOffset.MinValue)))
            .WithSummary("How long measurements took from being recorded in their theme to being applied here (ms): p50, p95, p99, max; since=an ISO time.");
        api.MapPlanNumbersApi();
        MyWork.MyWorkEndpoints.MapMyWork(api);
        api.MapPmgApi();
        api.MapSubgroupsApi();
        api.MapExpectedOutcomesApi();
        api.MapTolerancesApi();
        api.MapPost("/rebuild", Rebuild).RequireAuthorization(GovernancePolicies.Administer)
            .WithRequestTimeout(Kernel.Web.PlatformLimitsRegistration.LongRunning)
            .WithSummary("Rebuild the read model from every theme's current state (administrators). apply=false only compares.");
        return api;
    }

    public static async Task<Ok<List<ReadModel.MeasurementRecord>>> Measurements(ReadModel.IPerformanceReadModel model, string? theme, string? indicator, CancellationToken ct) =>
        TypedResults.Ok((await model.GetMeasurementsAsync(ct))
            .Where(m => (theme is null || m.Theme == theme) && (indicator is null || m.IndicatorId == indicator))
            .OrderBy(m => m.Theme, StringComparer.Ordinal).ThenBy(m => m.IndicatorId, StringComparer.Ordinal).ThenBy(m => m.Period, StringComparer.Ordinal)
            .ToList());

    public static async Task<FileContentHttpResult> DisclosuresCsv(Sharing.PpoCohort cohort, string? subject, string? officer, string? from, string? to, CancellationToken ct)
    {
        var log = await cohort.LogAsync(subject, officer, PmgService.TryParseDay(from, out var f) ? f : null, PmgService.TryParseDay(to, out var t) ? t : null, ct);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(Sharing.PpoCohort.Csv(log)), "text/csv; charset=utf-8", "disclosure-log.csv");
    }

    public static async Task<Results<Ok<RebuildReport>, ProblemHttpResult>> Rebuild(ReadModelRebuild rebuild, bool? apply, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await rebuild.RunAsync(apply ?? true, ct));
        }
        catch (ThemeUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "A theme service did not answer");
        }
    }

    public static async Task<Results<Ok<Attention.AttentionSummary>, ValidationProblem>> GetAttention(Attention.WhatNeedsAttention attention, string? asAt, CancellationToken ct) =>
        Kernel.Apis.AsAt.TryRead(asAt, out var day, out var problem) ? TypedResults.Ok(await attention.GetAsync(day, ct)) : problem;

    public static async Task<Results<Ok<PerformanceDto>, ValidationProblem>> GetPerformance(PartnershipPerformance performance, ThemeSources.ThemeReachability reachability, Attention.WhatNeedsAttention attention, string? asAt, CancellationToken ct)
    {
        if (!Kernel.Apis.AsAt.TryRead(asAt, out var day, out var problem))
        {
            return problem;
        }

        var tree = await performance.GetAsync(day, ct);
        return TypedResults.Ok(new PerformanceDto(
            "Southampton Safe City Partnership",
            tree.Tolerances.DefaultPercent,
            Trajectory.Rule + " " + PartnershipPerformance.RollUpRule,
            tree.Rag.ToString(),
            tree.Priorities.Select(p => new PriorityPerformanceDto(
                p.Priority.Number, p.Priority.Title, p.Priority.LeadPartnerships, p.Theme, p.Rag.ToString(),
                p.Plans.Select(plan => new PlanPerformanceDto(plan.Theme, plan.Number, plan.Title, plan.Rag.ToString(), plan.ActionsTotal, plan.ActionsRed,
                    plan.Indicators.Select(i => new IndicatorPerformanceDto(i.Id, i.Code, i.Name, i.LatestValue, i.LatestPeriod, i.Target, i.Rag.ToString(),
                        i.Assessment.Year.ToString(), i.Assessment.Actual?.Value, i.Assessment.Actual?.Through, i.Assessment.AnnualTarget,
                        i.Assessment.Direction.ToString(), i.Assessment.TolerancePercent, i.Reason)
                    {
                        Theme = i.Theme,
                        HeldBy = i.HeldBy is { } h ? $"{h.Theme}/{h.IndicatorId}" : null,
                        HasTarget = i.Definition.TargetFor(i.Assessment.Year) is not null,
                    }).ToArray())
                {
                    Year = plan.Year,
                    ActionsOverdue = plan.Actions.Count(a => a.Overdue),
                }).ToArray())
            {
                Source = reachability.Of(p.Theme) is { } source
                    ? new ThemeSourceDto(source.Up ? "available" : "unavailable", source.Up ? null : source.LastHeard, ThemeSources.ThemeReachability.Note(source))
                    : null,
            }).ToArray())
        {
            Attention = await attention.GetAsync(day, ct),
        });
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> DeliveryBoardCsv(DeliveryBoardService board, string? asAt, CancellationToken ct) =>
        await ExportAsync(board, asAt, report => ReportExport.CsvFile(ReportExport.Csv(ReportExport.Tables(report)), $"delivery-board-{report.AsAt:yyyy-MM-dd}.csv"), ct);

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> DeliveryBoardXlsx(DeliveryBoardService board, string? asAt, CancellationToken ct) =>
        await ExportAsync(board, asAt, report => TypedResults.File(ReportExport.Xlsx(ReportExport.Tables(report)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"delivery-board-{report.AsAt:yyyy-MM-dd}.xlsx"), ct);

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(DeliveryBoardService board, string? asAt, Func<DeliveryBoardReport, FileContentHttpResult> render, CancellationToken ct)
    {
        var day = board.Today;
        if (!string.IsNullOrEmpty(asAt) && !PmgService.TryParseDay(asAt, out day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asAt"] = ["Give the date as yyyy-MM-dd, for example 2008-09-30."] });
        }

        return render(await board.ReportAsync(day, ct));
    }
}

public sealed record PerformanceDto(string Partnership, double RagTolerancePercent, string RagRule, string Rag, PriorityPerformanceDto[] Priorities)
{
    /// <summary>What the home page leads with: the priorities at a glance and what needs attention.</summary>
    public Attention.AttentionSummary? Attention { get; init; }
}

public sealed record PriorityPerformanceDto(int Number, string Title, IReadOnlyList<string> LeadPartnerships, string? Theme, string Rag, PlanPerformanceDto[] Plans)
{
    /// <summary>Whether the theme's service answers now: "available", or "unavailable" with since when its figures are current.</summary>
    public ThemeSourceDto? Source { get; init; }
}

/// <param name="AsOf">When governance last heard from the theme's service, while it cannot reach it.</param>
public sealed record ThemeSourceDto(string State, DateTimeOffset? AsOf, string? Note);

public sealed record PlanPerformanceDto(string Theme, int Number, string Title, string Rag, int ActionsTotal, int ActionsRed, IndicatorPerformanceDto[] Indicators)
{
    public string Year { get; init; } = "2008/09";

    public int ActionsOverdue { get; init; }
}

/// <param name="Target">Where the indicator should be for the span judged (its trajectory to date).</param>
public sealed record IndicatorPerformanceDto(string Id, string? Code, string Name, double? LatestValue, string? LatestPeriod, double? Target, string Rag,
    string Year, double? YearToDate, string? Through, double? AnnualTarget, string Direction, double TolerancePercent, string Reason)
{
    /// <summary>The theme whose figures these are (the holder's, for an indicator printed here and held elsewhere).</summary>
    public string Theme { get; init; } = "";

    /// <summary>"violence/P4.I3" where this plan prints the indicator but another holds it.</summary>
    public string? HeldBy { get; init; }

    /// <summary>Whether a target is set for the year judged: an indicator without one is not rated, and on the PMG's list.</summary>
    public bool HasTarget { get; init; }
}
