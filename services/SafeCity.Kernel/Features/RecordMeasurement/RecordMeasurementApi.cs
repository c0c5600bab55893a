using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Hosting;

namespace SafeCity.Kernel.Features.RecordMeasurement;

public static class RecordMeasurementApi
{
    public static RouteGroupBuilder MapRecordMeasurementApi(this RouteGroupBuilder api)
    {
        api.MapPost("/indicators/{indicatorId}/measurements", RecordMeasurement).RequireAuthorization(ThemePolicies.Edit).WithSummary("Record an indicator's value for a period.");
        return api;
    }

    public static async Task<Results<Created<MeasurementDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> RecordMeasurement(
        string indicatorId, RecordMeasurementBody body, HttpContext http, RecordMeasurementHandler handler, ThemeDefinition theme, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new RecordMeasurementCommand(indicatorId, body.Period, body.Value, body.Note) { Basis = ApiInput.ParseEnum<StockBasis>(body.Basis) }, ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Created($"/api/{theme.Slug}/indicators/{indicatorId}/measurements", MeasurementDto.From(result.Value!)),
            CommandOutcome.NotFound => TypedResults.NotFound(ApiInput.Problem(result)),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }
}
