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
using SafeCity.Kernel.Features.RollForwardPlan;
using SafeCity.Kernel.Features.SetTargets;
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
        api.MapPut("/actions/{actionId}", UpdateAction).RequireAuthorization(ThemePolicies.Edit).WithSummary("Update an action's status, RAG and commentary.");
        api.MapGet("/indicators/{indicatorId}/measurements", ListMeasurements).WithSummary("Every value recorded for an indicator.");
        api.MapPost("/indicators/{indicatorId}/measurements", RecordMeasurement).RequireAuthorization(ThemePolicies.Edit).WithSummary("Record an indicator's value for a period.");
        api.MapSetTargetsApi();
        api.MapRollForwardPlanApi();
        api.MapGet("/state", GetState)
            .WithSummary("Every plan and measurement as the events that published them, latest revision each: what governance rebuilds its read model from.");
        return api;
    }

    public static async Task<Ok<ThemeState>> GetState(IThemeStore store, ThemeDefinition theme, TimeProvider clock, CancellationToken ct)
    {
        // Plans before measurements: a measurement read after its plan is never older than the plan knows.
        var plans = await store.GetActionPlansAsync(ct);
        var measurements = await store.GetAllMeasurementsAsync(ct);
        var history = await store.GetActionHistoryAsync(ct);
        return TypedResults.Ok(ThemeEvents.State(theme, plans, measurements, history, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<PlanDto[]>, ValidationProblem>> ListPlans(ThemePerformance performance, string? asAt, CancellationToken ct) =>
        AsAt.TryRead(asAt, out var day, out var problem)
            ? TypedResults.Ok((await performance.GetPlansAsync(ct, day)).Select(PlanDto.From).ToArray())
            : problem;

    public static async Task<Results<Ok<PlanDto>, NotFound, ValidationProblem>> GetPlan(int number, ThemePerformance performance, string? asAt, CancellationToken ct)
    {
        if (!AsAt.TryRead(asAt, out var day, out var problem))
        {
            return problem;
        }

        return await performance.GetPlanAsync(number, ct, day) is { } plan ? TypedResults.Ok(PlanDto.From(plan)) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<ActionDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> UpdateAction(
        string actionId, UpdateActionBody body, HttpContext http, UpdateActionHandler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(
            new UpdateActionCommand(actionId, ParseEnum<ActionStatus>(body.Status), ParseEnum<Rag>(body.Rag), body.Commentary, body.ExpectedRevision) { DueDate = body.DueDate, Owner = body.Owner },
            ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Ok(ActionDto.From(result.Value!, handler.Today)),
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
        string indicatorId, RecordMeasurementBody body, HttpContext http, RecordMeasurementHandler handler, ThemeDefinition theme, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new RecordMeasurementCommand(indicatorId, body.Period, body.Value, body.Note) { Basis = ParseEnum<StockBasis>(body.Basis) }, ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Created($"/api/{theme.Slug}/indicators/{indicatorId}/measurements", MeasurementDto.From(result.Value!)),
            CommandOutcome.NotFound => TypedResults.NotFound(Problem(result)),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    // An unknown name becomes an undefined value, which the command refuses naming the field. Only names
    // count: Enum.TryParse would also take a number ("5"), which is no status a person writes.
    private static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        text is null ? null
        : !text.Trim().Any(char.IsDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : (T)(object)(-1);

    private static ProblemDetails Problem<T>(CommandResult<T> result) => new() { Detail = result.Describe() };
}

/// <param name="DueDate">yyyy-MM-dd; absent or null keeps the due date held, "" clears it.</param>
/// <param name="Owner">The account name of the person who owns the action; absent keeps it, "" clears it.</param>
public sealed record UpdateActionBody(string? Status, string? Rag, string? Commentary, long? ExpectedRevision, string? DueDate = null, string? Owner = null);

/// <param name="Basis">For an indicator that counts additions to a stock (P19.I7's licences): "added" (the default) or "held" at the period's end.</param>
public sealed record RecordMeasurementBody(string? Period, double? Value, string? Note, string? Basis = null);

public sealed record PlanDto(int Number, int Priority, string? Objective, string Title, IReadOnlyList<string> Aims, string? LeadPartner, string? LeadManager, string Year, string Rag, IndicatorDto[] Indicators, ActionDto[] Actions)
{
    public static PlanDto From(PlanStatus status) => new(
        status.Plan.Number, status.Plan.Priority, status.Plan.Objective, status.Plan.Title, status.Plan.Aims, status.Plan.LeadPartner, status.Plan.LeadManager, status.Plan.Year,
        status.Rag.ToString(), status.Indicators.Select(IndicatorDto.From).ToArray(), status.Plan.Actions.Select(a => ActionDto.From(a, status.On)).ToArray());
}

/// <param name="Target">Where the indicator should be for the span judged (its trajectory to date).</param>
/// <param name="AnnualTarget">The annual target of the year judged, where one is set and can be worked out.</param>
public sealed record IndicatorDto(
    string Id, string? Code, string Name, string Category, string Unit, string Polarity, string Frequency,
    Baseline Baseline, IReadOnlyList<TargetDto> Targets, MeasurementDto? Latest, double? Target, string Rag, string RagReason,
    string Year, double? YearToDate, string? Through, double? AnnualTarget, string Direction, double TolerancePercent,
    ProfileSources? Sources, IndicatorHolder? HeldBy, IReadOnlyList<TargetChange> TargetHistory)
{
    public static IndicatorDto From(IndicatorStatus status)
    {
        var i = status.Indicator;
        var a = status.Assessment;
        return new(i.Id, i.Code ?? i.OtherCode, i.Name, i.Category, i.Unit.ToString(), i.Polarity.ToString(), i.Frequency.ToString(),
            i.Baseline, i.Targets.Select(t => TargetDto.From(t, status.AnnualFigure(t))).ToArray(), status.Latest is null ? null : MeasurementDto.From(status.Latest),
            a.ExpectedToDate, a.Rag.ToString(), a.Reason, a.Year.ToString(), a.Actual?.Value, a.Actual?.Through, a.AnnualTarget, a.Direction.ToString(), a.TolerancePercent,
            i.Sources, i.HeldBy, i.TargetHistory);
    }
}

/// <summary>A year's target as the partnership wrote it, the annual figure it comes to, and where it came from.</summary>
public sealed record TargetDto(string Year, string? AsWritten, double? Value, double? WithStretch, double? WithoutStretch, double? ChangePercent, string? BaseYear, double? AnnualFigure, TargetSource? Source)
{
    public static TargetDto From(YearTarget t, double? annual) => new(t.Year, t.AsWritten, t.Value, t.WithStretch, t.WithoutStretch, t.ChangePercent, t.BaseYear, annual, t.Source);
}

/// <param name="Overdue">Past its due date and not completed, cancelled or retired, as at today or the date asked.</param>
public sealed record ActionDto(
    string Id, int PlanNumber, string? Theme, string Description, string? Responsible, string? Resources, string Status, string Rag, string? Commentary, long Revision,
    DateTimeOffset? UpdatedAt, string? UpdatedBy, DateOnly? DueDate, string? DueAsWritten, string? DueSource, bool Overdue, string Year)
{
    /// <summary>The account name of the person who owns the action.</summary>
    public string? Owner { get; init; }

    public static ActionDto From(PlanAction a, DateOnly on) => new(a.Id, a.PlanNumber, a.Theme, a.Description, a.Responsible, a.Resources, a.Status.ToString(), a.Rag.ToString(),
        a.Commentary, a.Revision, a.UpdatedAt, a.UpdatedBy, a.Due?.Date, a.Due?.AsWritten, a.Due?.Source, a.IsOverdue(on), a.Year)
    { Owner = a.Owner };
}

public sealed record MeasurementDto(string IndicatorId, string Period, double Value, string Source, string? Note, DateTimeOffset RecordedAt, string? RecordedBy, long Revision)
{
    public static MeasurementDto From(Measurement m) => new(m.IndicatorId, m.Period, m.Value, m.Source, m.Note, m.RecordedAt, m.RecordedBy, m.Revision);
}

/// <summary>The asAt query parameter the pages and APIs take: yyyy-MM-dd.</summary>
public static class AsAt
{
    public const string Help = "Give the date as yyyy-MM-dd, for example 2008-09-30.";

    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);

    /// <summary>Empty: no date (null). Otherwise the date, or a validation problem naming asAt.</summary>
    public static bool TryRead(string? text, out DateOnly? day, out ValidationProblem problem)
    {
        problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asAt"] = [Help] });
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!TryParse(text, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }
}
