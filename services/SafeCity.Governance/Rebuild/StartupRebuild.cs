using Microsoft.Extensions.Options;
using SafeCity.Governance.ReadModel;

namespace SafeCity.Governance.Rebuild;

/// <summary>
/// When governance starts with an empty read model (a new store, a lost one, or the first start after
/// an upgrade of its schema), it rebuilds the model from the themes as soon as they all answer,
/// trying every few seconds for up to <see cref="GovernanceOptions.StartupRebuildWindow"/>. Events
/// arriving meanwhile are applied as usual; the rebuild's merge keeps whatever is newer.
/// </summary>
public sealed class StartupRebuild(IPerformanceReadModel model, IServiceProvider services, IOptions<GovernanceOptions> options, TimeProvider clock, ILogger<StartupRebuild> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Themes.Count == 0 || (await model.GetPlansAsync(stoppingToken)).Count > 0)
        {
            return;
        }

        var until = clock.GetUtcNow() + options.Value.StartupRebuildWindow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await services.GetRequiredService<ReadModelRebuild>().RunAsync(apply: true, stoppingToken);
                logger.LogInformation("Governance started with an empty read model and rebuilt it from {Themes} themes: {Items} items.", report.Themes.Count, report.ItemsRebuilt);
                return;
            }
            catch (ThemeUnavailableException e) when (clock.GetUtcNow() < until)
            {
                logger.LogDebug("Waiting for the themes to rebuild the read model: {Problem}", e.Message);
            }
            catch (ThemeUnavailableException e)
            {
                logger.LogWarning("Governance's read model is empty and the themes did not all answer within {Window}: {Problem} Rebuild it from /rebuild once they do.", options.Value.StartupRebuildWindow, e.Message);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(3), clock, stoppingToken);
        }
    }
}
