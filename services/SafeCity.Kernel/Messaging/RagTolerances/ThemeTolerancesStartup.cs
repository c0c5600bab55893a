using Microsoft.Extensions.Hosting;
using SafeCity.Kernel.Storage.Documents;

namespace SafeCity.Kernel.Messaging.RagTolerances;

/// <summary>Loads the tolerances kept in the theme's store before the theme serves.</summary>
public sealed class ThemeTolerancesStartup(IDocumentStore documents, ThemeTolerances tolerances) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await documents.InitializeAsync(cancellationToken);
        await tolerances.LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
