using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Governance.Access;
using SafeCity.Kernel.Access;

namespace SafeCity.Governance.Performance.SetTolerances;

/// <summary>
/// The PMG's RAG tolerances over HTTP, as on /tolerances: the partnership default and an indicator's
/// own. Every change is kept with who made it and reaches every theme's pages (RagTolerancesSet).
/// </summary>
public static class TolerancesApi
{
    public static RouteGroupBuilder MapTolerancesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tolerances", Get).WithSummary("The RAG tolerances in force: the partnership default and every indicator's own, with every change.");
        api.MapPut("/tolerances/default", SetDefault).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("Set the partnership's default RAG tolerance (percent, 0 to 100). The PMG and administrators.");
        api.MapPut("/tolerances/indicators/{theme}/{indicatorId}", SetIndicator).RequireAuthorization(GovernancePolicies.RunPmg)
            .WithSummary("Set an indicator's own RAG tolerance (percent); an empty percent takes it back to the default. The PMG and administrators.");
        return api;
    }

    public static async Task<Ok<TolerancesDto>> Get(ToleranceStore store, CancellationToken ct)
    {
        var settings = await store.SettingsAsync(ct);
        var current = store.Of(settings);
        return TypedResults.Ok(new TolerancesDto(current.DefaultPercent, current.PerIndicator, settings.History));
    }

    public static async Task<Results<Ok<TolerancesDto>, ValidationProblem>> SetDefault(TolerancePercent body, HttpContext http, ToleranceStore store, CancellationToken ct) =>
        await ChangeAsync(() => store.SetDefaultAsync(body.Text, ThemeAccess.ActorOf(http.User), ct), store, ct);

    public static async Task<Results<Ok<TolerancesDto>, ValidationProblem>> SetIndicator(string theme, string indicatorId, TolerancePercent body, HttpContext http, ToleranceStore store, CancellationToken ct) =>
        await ChangeAsync(() => store.SetIndicatorAsync(theme + "/" + indicatorId, body.Text, ThemeAccess.ActorOf(http.User), ct), store, ct);

    private static async Task<Results<Ok<TolerancesDto>, ValidationProblem>> ChangeAsync(Func<Task> change, ToleranceStore store, CancellationToken ct)
    {
        try
        {
            await change();
        }
        catch (ToleranceException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field == "default" ? "percent" : e.Field] = [e.Message] });
        }

        return await Get(store, ct);
    }
}

/// <param name="Percent">A percentage from 0 to 100; null for an indicator's own takes it back to the default.</param>
public sealed record TolerancePercent(double? Percent)
{
    internal string? Text => Percent?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record TolerancesDto(double DefaultPercent, IReadOnlyDictionary<string, double> PerIndicator, IReadOnlyList<ToleranceChange> History);
