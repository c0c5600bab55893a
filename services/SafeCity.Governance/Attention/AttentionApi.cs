using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Kernel.Apis;

namespace SafeCity.Governance.Attention;

public static class AttentionApi
{
    public static RouteGroupBuilder MapAttentionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/attention", GetAttention)
            .WithSummary("What needs attention as at a day (asAt=yyyy-MM-dd, default today): each priority's RAG counts, what changed since the last PMG, exceptions, indicators without a target, overdue actions and open remedial actions.");
        return api;
    }

    public static async Task<Results<Ok<AttentionSummary>, ValidationProblem>> GetAttention(WhatNeedsAttention attention, string? asAt, CancellationToken ct) =>
        AsAt.TryRead(asAt, out var day, out var problem) ? TypedResults.Ok(await attention.GetAsync(day, ct)) : problem;
}
