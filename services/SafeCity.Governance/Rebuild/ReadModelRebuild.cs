using SafeCity.Governance.ReadModel;

namespace SafeCity.Governance.Rebuild;

/// <summary>What a rebuild found and did.</summary>
public sealed record RebuildReport(
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Themes,
    int ItemsRebuilt,
    int ItemsHeldBefore,
    IReadOnlyList<string> Differences,
    bool Applied,
    ReplaceOutcome? Outcome)
{
    public bool Equal => Differences.Count == 0;
}

/// <summary>
/// Rebuilds governance's read model from the theme services: every theme answers with its current
/// state, which is folded into a fresh model by the very revision rule the event consumers use, then
/// compared with the stored model and (when asked) put in its place. If any theme does not answer,
/// nothing is changed.
/// </summary>
public sealed class ReadModelRebuild(IPerformanceReadModel model, IThemeStateSource source, TimeProvider clock, ILogger<ReadModelRebuild> logger)
{
    public async Task<RebuildReport> RunAsync(bool apply, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        var rebuilt = new InMemoryPerformanceReadModel();
        foreach (var theme in source.Themes)
        {
            Contracts.Events.ThemeState state;
            try
            {
                state = await source.FetchAsync(theme, ct);
            }
            catch (Exception e) when (e is not ThemeUnavailableException && !ct.IsCancellationRequested)
            {
                // Refused connections, timeouts, the resilience pipeline giving up: all mean this theme cannot be asked now.
                throw new ThemeUnavailableException(theme, "did not answer (" + e.Message + ")", e);
            }

            // Each action's changes before the plans: a plan carries its actions' latest revision
            // without the moment it was made, which the change itself has.
            foreach (var change in state.ActionChanges ?? [])
            {
                await rebuilt.ApplyAsync(change, ct);
            }

            foreach (var plan in state.Plans)
            {
                await rebuilt.ApplyAsync(plan, ct);
            }

            foreach (var measurement in state.Measurements)
            {
                await rebuilt.ApplyAsync(measurement, ct);
            }
        }

        var fresh = await ReadModelSnapshot.TakeAsync(rebuilt, ct);
        var held = await ReadModelSnapshot.TakeAsync(model, ct);
        var differences = held.DifferencesFrom(fresh);
        ReplaceOutcome? outcome = null;
        if (apply)
        {
            outcome = await model.ReplaceAsync(fresh, startedAt, ct);
            logger.LogInformation("Read model rebuilt from {Themes} themes: {Restored} restored, {Corrected} corrected, {Kept} newer kept, {Removed} removed.",
                source.Themes.Count, outcome.Restored, outcome.Corrected, outcome.KeptNewer, outcome.Removed);
        }

        return new RebuildReport(startedAt, source.Themes, fresh.Count, held.Count, differences, apply, outcome);
    }
}
