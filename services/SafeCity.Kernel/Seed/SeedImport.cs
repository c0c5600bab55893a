using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafeCity.Kernel.Audit;
using SafeCity.Kernel.Features.Publishing;
using SafeCity.Kernel.Hosting;
using SafeCity.Kernel.Outbox;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Seed;

/// <summary>
/// At start, prepares the store and adds every plan of the theme's seed that the store does not
/// have yet, each with its ActionPlanPublished event. A later start changes nothing.
/// </summary>
public sealed class SeedImport(IThemeStore store, ThemeDefinition theme, OutboxSignal outbox, TimeProvider clock, ILogger<SeedImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var plans = ActionPlanSeed.ReadFrom(theme.Assembly);
        var added = 0;
        foreach (var plan in plans)
        {
            if (await store.AddActionPlanAsync(plan, p => new Change(ThemeEvents.PlanPublished(theme, p, clock.GetUtcNow()),
                AuditEntry.Of(clock.GetUtcNow(), "seed import", "Import action plan", $"Plan {p.Number}", null, p)), cancellationToken))
            {
                added++;
            }
        }

        if (added > 0)
        {
            outbox.Notify();
            logger.LogInformation("Imported {Added} action plans of the {Theme} theme from its seed", added, theme.Slug);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
