using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Records;

namespace SafeCity.Kernel.Features.SubmitRecords;

/// <summary>A record entered by a person: POST /api/{theme}/records, through the same intake as partners' gRPC submissions.</summary>
public static class SubmitRecordApi
{
    public static RouteGroupBuilder MapSubmitRecordApi(this RouteGroupBuilder api)
    {
        api.MapPost("/", Add).RequireAuthorization(ThemePolicies.Edit).WithSummary("Add one record entered by a person.");
        return api;
    }

    public static async Task<Results<Created<PartnerRecord>, Conflict<string>, ValidationProblem, ProblemHttpResult>> Add(
        NewRecord body, HttpContext http, RecordIntake intake, ThemeDefinition theme, TimeProvider clock, CancellationToken ct)
    {
        var record = body.ToRecord(clock.GetUtcNow(), ThemeAccess.ActorOf(http.User), ThemeAccess.SourceOf(http.User, body.Source));
        var result = (await intake.TakeAsync([record], ThemeAccess.ActorOf(http.User), ct))[0];
        return result.Outcome switch
        {
            RecordOutcome.Accepted => TypedResults.Created($"/api/{theme.Slug}/records?from={record.Month}&to={record.Month}", record),
            RecordOutcome.Duplicate => TypedResults.Conflict($"A record {record.Reference} from {record.Source} is held already."),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["record"] = [result.Reason!] }),
        };
    }
}
