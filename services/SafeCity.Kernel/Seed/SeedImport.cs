using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Messaging.Publishing;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Seed;

/// <summary>
/// At start, prepares the store and adds every plan of the theme's seed that the store does not
/// have yet, each with its ActionPlanPublished event; a plan imported from an older seed gains what
/// the seed now adds (<see cref="SeedUpgrade"/>). A later start changes nothing.
/// </summary>
public sealed class SeedImport(IThemeStore store, ThemeDefinition theme, TimeProvider clock, ILogger<SeedImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var plans = ActionPlanSeed.ReadFrom(theme.Assembly);
        var added = 0;
        var upgraded = 0;
        foreach (var plan in plans)
        {
            if (await store.AddActionPlanAsync(plan, p => new Change(ThemeEvents.PlanPublished(theme, p, clock.GetUtcNow()),
                AuditEntry.Of(clock.GetUtcNow(), "seed import", "Import action plan", $"Plan {p.Number}", null, p)), cancellationToken))
            {
                added++;
            }
            else if (await store.GetActionPlanAsync(plan.Number, cancellationToken) is { } stored && SeedUpgrade.Of(stored, plan) is var (upgrade, actions))
            {
                var now = clock.GetUtcNow();
                await store.SavePlansAsync([new PlanWrite(upgrade, stored.Revision, actions)], (saved, changed) =>
                    [
                        new Change(ThemeEvents.PlanPublished(theme, saved[0], now), AuditEntry.Of(now, "seed import", "Bring action plan up to the seed", $"Plan {plan.Number}", stored, saved[0])),
                        .. changed.Select(a => (Change)ThemeEvents.ActionChanged(theme.Slug, a, now)),
                    ], cancellationToken);
                upgraded++;
            }
        }

        if (added + upgraded > 0)
        {
            logger.LogInformation("Imported {Added} action plans of the {Theme} theme from its seed and brought {Upgraded} up to it", added, theme.Slug, upgraded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
