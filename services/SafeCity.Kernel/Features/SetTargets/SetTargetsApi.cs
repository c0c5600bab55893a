using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Performance;

namespace SafeCity.Kernel.Features.SetTargets;

/// <summary>The partnership's targets over HTTP: one indicator's target for a year, and the LAA refresh in bulk.</summary>
public static class SetTargetsApi
{
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapSetTargetsApi(this RouteGroupBuilder api)
    {
        api.MapPut("/indicators/{indicatorId}/targets/{year:int}", SetTarget).RequireAuthorization(ThemePolicies.SetTargets)
            .WithSummary("Set an indicator's target for a financial year (2009 is 2009/10): a value; withStretch and withoutStretch; or changePercent on a baseYear. A reason is required.");
        api.MapDelete("/indicators/{indicatorId}/targets/{year:int}", RemoveTarget).RequireAuthorization(ThemePolicies.SetTargets)
            .WithSummary("Remove an indicator's target for a financial year (reason=… says why): the year is then not rated.");
        api.MapPost("/targets/import", Import).RequireAuthorization(ThemePolicies.SetTargets)
            .WithSummary("Set many targets at once from a CSV (Content-Type: text/csv) or an Excel workbook: indicator, year, target; all or nothing, every bad row named. reason=… applies to rows without their own.");
        return api;
    }

    public static async Task<Results<Ok<IndicatorDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> SetTarget(
        string indicatorId, int year, SetTargetBody body, HttpContext http, SetTargetsHandler handler, ThemePerformance performance, CancellationToken ct)
    {
        var command = new SetTargetCommand(indicatorId, year, body.Value, body.WithStretch, body.WithoutStretch, body.AsWritten, body.Reason)
        {
            ChangePercent = body.ChangePercent,
            BaseYear = body.BaseYear,
        };
        return await Answer(await handler.SetAsync(command, ThemeAccess.ActorOf(http.User), ct), performance, ct);
    }

    public static async Task<Results<Ok<IndicatorDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RemoveTarget(
        string indicatorId, int year, string? reason, HttpContext http, SetTargetsHandler handler, ThemePerformance performance, CancellationToken ct) =>
        await Answer(await handler.RemoveAsync(new RemoveTargetCommand(indicatorId, year, reason), ThemeAccess.ActorOf(http.User), ct), performance, ct);

    public static async Task<Results<Ok<ImportedTargets>, ValidationProblem, Conflict<ProblemDetails>>> Import(
        HttpContext http, string? reason, SetTargetsHandler handler, CancellationToken ct)
    {
        if (http.Request.ContentLength is > MaxFileBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"A file of targets is up to {MaxFileBytes / 1024 / 1024} MB."] });
        }

        // Only these two: a cross-site form can send text/plain without asking, never text/csv or a workbook.
        var type = http.Request.ContentType ?? "";
        var workbook = type.StartsWith(WorkbookType, StringComparison.OrdinalIgnoreCase);
        if (!workbook && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"Send the file as text/csv or as {WorkbookType}."] });
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxFileBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"A file of targets is up to {MaxFileBytes / 1024 / 1024} MB."] });
        }

        buffer.Position = 0;
        var (rows, problem) = await TargetFile.ReadAsync(buffer, workbook ? "targets.xlsx" : "targets.csv", ct);
        if (problem is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [problem] });
        }

        var result = await handler.ImportAsync(rows, reason, ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Ok(new ImportedTargets(result.Value)),
            CommandOutcome.Conflict => TypedResults.Conflict(new ProblemDetails { Detail = result.Describe() }),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    private static async Task<Results<Ok<IndicatorDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Answer(
        CommandResult<Domain.PerformanceIndicator> result, ThemePerformance performance, CancellationToken ct) =>
        result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Ok(IndicatorDto.From((await performance.GetIndicatorAsync(result.Value!.Id, ct))!.Value.Indicator)),
            CommandOutcome.NotFound => TypedResults.NotFound(new ProblemDetails { Detail = result.Describe() }),
            CommandOutcome.Conflict => TypedResults.Conflict(new ProblemDetails { Detail = result.Describe() }),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
}

/// <summary>The body of PUT …/targets/{year}.</summary>
public sealed record SetTargetBody(double? Value, double? WithStretch, double? WithoutStretch, string? AsWritten, string? Reason, double? ChangePercent = null, string? BaseYear = null);

public sealed record ImportedTargets(int TargetsSet);
