using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Access;
using SafeCity.Governance.Pmg.RemedialActions;
using SafeCity.Kernel.Access;

namespace SafeCity.Governance.Pmg;

/// <summary>
/// The PMG cycle as JSON, for scripts and the demonstration year: meetings' exception lists (drawn
/// up once), and remedial actions with their owners, due dates, status and notes.
/// </summary>
public static class PmgApi
{
    public static RouteGroupBuilder MapPmgApi(this RouteGroupBuilder api)
    {
        var pmg = api.MapGroup("/pmg");
        pmg.MapGet("/meetings", async (PmgService service, CancellationToken ct) => TypedResults.Ok(await service.MeetingsAsync(ct)))
            .WithSummary("Every PMG meeting's exception list, newest first.");
        pmg.MapPost("/meetings", DrawUp).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("Draw up the exception list for a meeting (meetingDate, asAt as yyyy-MM-dd; asAt defaults to the meeting date). A meeting's list is made once.");
        pmg.MapGet("/remedial-actions", async (PmgService service, CancellationToken ct) => TypedResults.Ok(await service.RemedialActionsAsync(ct)))
            .WithSummary("Every remedial action the PMG agreed, by due date.");
        pmg.MapPost("/remedial-actions", AddRemedialAction).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("Record a remedial action for an item on a meeting's exception list: meetingId, itemKey, description, owner, due (yyyy-MM-dd).");
        pmg.MapPut("/remedial-actions/{id}", UpdateRemedialAction).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("Change a remedial action's status (Open, InProgress, Done) and due date, adding a note.");
        return api;
    }

    public sealed record DrawUpBody(string? MeetingDate, string? AsAt);

    public sealed record NewRemedialAction(string? MeetingId, string? ItemKey, string? Description, string? Owner, string? Due);

    public sealed record RemedialActionChange(string? Status, string? Note, string? Due);

    public static async Task<Results<Created<PmgMeeting>, ValidationProblem>> DrawUp(DrawUpBody body, HttpContext http, PmgService service, CancellationToken ct) =>
        await Try(async () =>
        {
            var meeting = await service.DrawUpAsync(body.MeetingDate, body.AsAt, ThemeAccess.ActorOf(http.User), ct);
            return TypedResults.Created($"/api/governance/pmg/meetings", meeting);
        });

    public static async Task<Results<Created<RemedialAction>, ValidationProblem>> AddRemedialAction(NewRemedialAction body, HttpContext http, PmgService service, CancellationToken ct) =>
        await Try(async () =>
        {
            var added = await service.AddRemedialActionAsync(body.MeetingId ?? "", body.ItemKey ?? "", body.Description, body.Owner, body.Due, ThemeAccess.ActorOf(http.User), ct);
            return TypedResults.Created($"/pmg/remedial-actions/{added.Id}", added);
        });

    public static async Task<Results<Ok<RemedialAction>, ValidationProblem>> UpdateRemedialAction(string id, RemedialActionChange body, HttpContext http, PmgService service, CancellationToken ct) =>
        await Try(async () => TypedResults.Ok(await service.UpdateRemedialActionAsync(id, body.Status, body.Note, body.Due, ThemeAccess.ActorOf(http.User), ct)));

    private static async Task<Results<T, ValidationProblem>> Try<T>(Func<Task<T>> act) where T : IResult
    {
        try
        {
            return await act();
        }
        catch (PmgException e)
        {
            return Invalid(e.Field, e.Message);
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
