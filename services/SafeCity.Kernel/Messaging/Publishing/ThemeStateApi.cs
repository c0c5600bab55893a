using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SafeCity.Contracts.Events;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Messaging.Publishing;

/// <summary>What governance rebuilds its read model from: the theme's state as the events that published it.</summary>
public static class ThemeStateApi
{
    public static RouteGroupBuilder MapThemeStateApi(this RouteGroupBuilder api)
    {
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
}
