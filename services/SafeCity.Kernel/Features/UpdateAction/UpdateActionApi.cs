using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SafeCity.Kernel.Access;
using SafeCity.Kernel.Apis;
using SafeCity.Kernel.Commands;
using SafeCity.Kernel.Domain;

namespace SafeCity.Kernel.Features.UpdateAction;

public static class UpdateActionApi
{
    public static RouteGroupBuilder MapUpdateActionApi(this RouteGroupBuilder api)
    {
        api.MapPut("/actions/{actionId}", UpdateAction).RequireAuthorization(ThemePolicies.Edit).WithSummary("Update an action's status, RAG and commentary.");
        return api;
    }

    public static async Task<Results<Ok<ActionDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> UpdateAction(
        string actionId, UpdateActionBody body, HttpContext http, UpdateActionHandler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(
            new UpdateActionCommand(actionId, ApiInput.ParseEnum<ActionStatus>(body.Status), ApiInput.ParseEnum<Rag>(body.Rag), body.Commentary, body.ExpectedRevision) { DueDate = body.DueDate, Owner = body.Owner },
            ThemeAccess.ActorOf(http.User), ct);
        return result.Outcome switch
        {
            CommandOutcome.Done => TypedResults.Ok(ActionDto.From(result.Value!, handler.Today)),
            CommandOutcome.NotFound => TypedResults.NotFound(ApiInput.Problem(result)),
            CommandOutcome.Conflict => TypedResults.Conflict(ApiInput.Problem(result)),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }
}
