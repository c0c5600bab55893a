using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SafeCity.Contracts.Events;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Domain;
using SafeCity.Kernel.Features;
using SafeCity.Kernel.Features.Performance;
using SafeCity.Kernel.Features.Publishing;
using SafeCity.Kernel.Features.RecordMeasurement;
using SafeCity.Kernel.Features.UpdateAction;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Apis;

/// <summary>The theme's plans, actions and measurements as JSON over HTTP, under /api/{theme}.</summary>
public static class ActionPlansApi
{
    public static RouteGroupBuilder MapActionPlansApi(this IEndpointRouteBuilder app, ThemeDefinition theme)
    {
        var api = app.MapGroup($"/api/{theme.Slug}").WithTags(theme.Slug);
        api.MapGet("/plans", ListPlans).WithSummary("The theme's action plans with indicators against target and actions.");
        api.MapGet("/plans/{number:int}", GetPlan).WithSummary("One action plan.");
        api.MapPut("/actions/{actionId}", UpdateAction).WithSummary("Update an action's status, RAG and commentary.");
        api.MapGet("/indicators/{indicatorId}/measurements", ListMeasurements).WithSummary("Every value recorded for an indicator.");
        api.MapPost("/indicators/{indicatorId}/measurements", RecordMeasurement).WithSummary("Record an indicator's value for a period.");
        api.MapGet("/state", GetState)
            .WithSummary("Every plan and measurement as the events that published them, latest revision each: what governance rebuilds its read model from.");
        return api;
    }

    public static async Task<Ok<ThemeState>> GetState(IThemeStore store, ThemeDefinition theme, TimeProvider clock, CancellationToken ct)
    {
        // Plans before measurements: a measurement read after its plan is never older than the plan knows.
        var plans = await store.GetActionPlansAsync(ct);
        var measurements = await store.GetAllMeasurementsAsync(ct);
        return TypedResults.Ok(ThemeEvents.State(theme, plans, measurements, clock.GetUtcNow()));
    }

    public static async Task<Ok<PlanDto[]>> ListPlans(ThemePerformance performance, CancellationToken ct) =>
        TypedResults.Ok((await performance.GetPlansAsync(ct)).Select(PlanDto.From).ToArray());

    public static async Task<Results<Ok<PlanDto>, NotFound>> GetPlan(int number, ThemePerformance performance, CancellationToken ct) =>
        await performance.GetPlanAsync(number, ct) is { } plan ? TypedResults.Ok(PlanDto.From(plan)) : TypedResults.NotFound();

    public static async Task<Results<Ok<ActionDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> UpdateAction(
        string actionId, UpdateActionBody body, HttpContext http, ThemeAccess access, UpdateActionHandler handler, CancellationToken ct)
    {
        if (!access.CanEdit(http.User))
        {
            return TypedResults.Problem(ThemeAccess.RefusalMessage, statusCode: StatusCodes.Status403Forbidden);
        }

        var result = await handler.HandleAsync(
            new UpdateActionCommand(actionId, ParseEnum<ActionStatus>(body.Status), ParseEnum<Rag>(body.Rag), body.Commentary, body.ExpectedRevision),
            ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Ok(ActionDto.From(result.Value!)),
            CommandOutcome.NotFound => TypedResults.NotFound(Problem(result)),
            CommandOutcome.Conflict => TypedResults.Conflict(Problem(result)),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    public static async Task<Results<Ok<MeasurementDto[]>, NotFound>> ListMeasurements(string indicatorId, ThemePerformance performance, CancellationToken ct)
    {
        if (await performance.GetIndicatorAsync(indicatorId, ct) is not { } found)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(found.Indicator.Measurements.Select(MeasurementDto.From).ToArray());
    }

    public static async Task<Results<Created<MeasurementDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> RecordMeasurement(
        string indicatorId, RecordMeasurementBody body, HttpContext http, ThemeAccess access, RecordMeasurementHandler handler, ThemeDefinition theme, CancellationToken ct)
    {
        if (!access.CanEdit(http.User))
        {
            return TypedResults.Problem(ThemeAccess.RefusalMessage, statusCode: StatusCodes.Status403Forbidden);
        }

        var result = await handler.HandleAsync(new RecordMeasurementCommand(indicatorId, body.Period, body.Value, body.Note), ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Created($"/api/{theme.Slug}/indicators/{indicatorId}/measurements", MeasurementDto.From(result.Value!)),
            CommandOutcome.NotFound => TypedResults.NotFound(Problem(result)),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    // An unknown name becomes an undefined value, which the command refuses naming the field.
    private static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        text is null ? null : Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : (T)(object)(-1);

    private static ProblemDetails Problem<T>(CommandResult<T> result) => new() { Detail = result.Describe() };
}

public sealed record UpdateActionBody(string? Status, string? Rag, string? Commentary, long? ExpectedRevision);

public sealed record RecordMeasurementBody(string? Period, double? Value, string? Note);

public sealed record PlanDto(int Number, int Priority, string? Objective, string Title, IReadOnlyList<string> Aims, string? LeadPartner, string? LeadManager, string Rag, IndicatorDto[] Indicators, ActionDto[] Actions)
{
    public static PlanDto From(PlanStatus status) => new(
        status.Plan.Number, status.Plan.Priority, status.Plan.Objective, status.Plan.Title, status.Plan.Aims, status.Plan.LeadPartner, status.Plan.LeadManager,
        status.Rag.ToString(), status.Indicators.Select(IndicatorDto.From).ToArray(), status.Plan.Actions.Select(ActionDto.From).ToArray());
}

public sealed record IndicatorDto(
    string Id, string? Code, string Name, string Category, string Unit, string Polarity, string Frequency,
    Baseline Baseline, IReadOnlyList<YearTarget> Targets, MeasurementDto? Latest, double? Target, string Rag, string RagReason)
{
    public static IndicatorDto From(IndicatorStatus status)
    {
        var i = status.Indicator;
        var a = status.Assessment;
        return new(i.Id, i.Code ?? i.OtherCode, i.Name, i.Category, i.Unit.ToString(), i.Polarity.ToString(), i.Frequency.ToString(),
            i.Baseline, i.Targets, a.Latest is null ? null : MeasurementDto.From(a.Latest), a.Target, a.Rag.ToString(), a.Reason);
    }
}

public sealed record ActionDto(string Id, int PlanNumber, string? Theme, string Description, string? Responsible, string? Resources, string Status, string Rag, string? Commentary, long Revision, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public static ActionDto From(PlanAction a) => new(a.Id, a.PlanNumber, a.Theme, a.Description, a.Responsible, a.Resources, a.Status.ToString(), a.Rag.ToString(), a.Commentary, a.Revision, a.UpdatedAt, a.UpdatedBy);
}

public sealed record MeasurementDto(string IndicatorId, string Period, double Value, string Source, string? Note, DateTimeOffset RecordedAt, string? RecordedBy, long Revision)
{
    public static MeasurementDto From(Measurement m) => new(m.IndicatorId, m.Period, m.Value, m.Source, m.Note, m.RecordedAt, m.RecordedBy, m.Revision);
}
